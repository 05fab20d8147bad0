#pragma once
// How a node combines its weighted inputs before bias, response and activation:
//   output = act(bias + response · agg(w_1 x_1, ..., w_k x_k))
// as neat-python's node genes have it. `sum` with response 1 is the original NEAT node.
#include <optional>
#include <string>
#include <string_view>

#include "genome/name_table.hpp"

namespace convneat {

// Binary checkpoints store an aggregation as its enumerator's value (genome/packed_genes.hpp):
// append new ones, never insert or reorder.
enum class Aggregation {
  sum,
  product,  // 1 for a node without inputs
  max,      // 0 for a node without inputs, as are min, maxabs, median and mean
  min,
  maxabs,   // the input of largest magnitude, its sign kept
  median,   // the mean of the two middle inputs for an even count
  mean,
};

inline constexpr auto kAggregationNames = name_table<Aggregation>({
    {Aggregation::sum, "sum"},
    {Aggregation::product, "product"},
    {Aggregation::max, "max"},
    {Aggregation::min, "min"},
    {Aggregation::maxabs, "maxabs"},
    {Aggregation::median, "median"},
    {Aggregation::mean, "mean"},
});

// The function over the terms t_e = w_e · x_e, for the configuration reference.
constexpr std::string_view aggregation_formula(Aggregation aggregation) {
  switch (aggregation) {
    case Aggregation::sum: return "Σ t_e; 0 without inputs";
    case Aggregation::product: return "Π t_e; 1 without inputs";
    case Aggregation::max: return "max t_e; 0 without inputs";
    case Aggregation::min: return "min t_e; 0 without inputs";
    case Aggregation::maxabs: return "the t_e of largest |t_e|, its sign kept; 0 without inputs";
    case Aggregation::median: return "the middle t_e, the mean of the two middle ones for an even count; 0 without inputs";
    case Aggregation::mean: return "Σ t_e / k; 0 without inputs";
  }
  return "";
}

}  // namespace convneat
