#pragma once
// Size checks shared by the network types: a wrong-sized input is a caller's bug that must
// surface as a clear exception, not as a read past the end of an array.
#include <stdexcept>
#include <string>

#include "nets/compiled_graph.hpp"

namespace convneat {

inline void check_batch_columns(const CompiledGraph& graph, std::size_t columns) {
  if (columns != graph.input_count)
    throw std::invalid_argument("network expects " + std::to_string(graph.input_count) + " inputs, got " +
                                std::to_string(columns));
}

inline void check_sizes(const CompiledGraph& graph, std::size_t inputs, std::size_t outputs) {
  check_batch_columns(graph, inputs);
  if (outputs != graph.output_slots.size())
    throw std::invalid_argument("network has " + std::to_string(graph.output_slots.size()) +
                                " outputs, the output buffer holds " + std::to_string(outputs));
}

}  // namespace convneat
