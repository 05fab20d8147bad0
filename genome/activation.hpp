#pragma once
// The activation functions a node gene may carry. The gene stores only the enum; the
// functions themselves are evaluated by the phenotypes in nets/.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "genome/name_table.hpp"

namespace convneat {

// Binary checkpoints store an activation as its enumerator's value (genome/packed_genes.hpp):
// append new activations, never insert or reorder.
enum class Activation {
  sigmoid,        // 1 / (1 + e^-x)
  steep_sigmoid,  // 1 / (1 + e^(-kSteepSigmoidSlope x)), the slope of the original NEAT code
  tanh,
  relu,
  identity,
  sin,
  gauss,          // e^(-x^2)
  abs,
  clamped,        // min(1, max(-1, x))
};

// The original NEAT code's steepened sigmoid: 1 / (1 + e^(-4.9 x)). Every phenotype and
// exporter uses this one constant (as float where it computes in float).
inline constexpr double kSteepSigmoidSlope = 4.9;

inline constexpr auto kActivationNames = name_table<Activation>({
    {Activation::sigmoid, "sigmoid"},
    {Activation::steep_sigmoid, "steep_sigmoid"},
    {Activation::tanh, "tanh"},
    {Activation::relu, "relu"},
    {Activation::identity, "identity"},
    {Activation::sin, "sin"},
    {Activation::gauss, "gauss"},
    {Activation::abs, "abs"},
    {Activation::clamped, "clamped"},
});

std::string_view activation_name(Activation activation);
std::optional<Activation> parse_activation(std::string_view name);
const std::vector<Activation>& all_activations();
// "sigmoid, steep_sigmoid, ..." for error messages.
std::string activation_names_list();

}  // namespace convneat
