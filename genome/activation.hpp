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
  // neat-python's functions (its activations.py), with its clamps; those that differ from the
  // plain ones above carry the prefix neat_python_. docs/config.md gives every formula.
  elu,                   // x > 0 ? x : e^x - 1
  lelu,                  // x > 0 ? x : 0.005 x
  selu,                  // λ (x > 0 ? x : α (e^x - 1)), λ ≈ 1.0507, α ≈ 1.6733
  softplus,              // ln(1 + e^x), computed without overflow
  inv,                   // 1 / x; 0 at x = 0
  log,                   // ln(max(1e-7, x))
  exp,                   // e^clamp(x, -60, 60)
  hat,                   // max(0, 1 - |x|)
  square,                // x^2
  cube,                  // x^3
  neat_python_sigmoid,   // 1 / (1 + e^-clamp(5x, -60, 60))
  neat_python_tanh,      // tanh(clamp(2.5x, -60, 60))
  neat_python_sin,       // sin(clamp(5x, -60, 60))
  neat_python_gauss,     // e^(-5 clamp(x, -3.4, 3.4)^2)
  neat_python_softplus,  // 0.2 ln(1 + e^clamp(5x, -60, 60))
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
    {Activation::elu, "elu"},
    {Activation::lelu, "lelu"},
    {Activation::selu, "selu"},
    {Activation::softplus, "softplus"},
    {Activation::inv, "inv"},
    {Activation::log, "log"},
    {Activation::exp, "exp"},
    {Activation::hat, "hat"},
    {Activation::square, "square"},
    {Activation::cube, "cube"},
    {Activation::neat_python_sigmoid, "neat_python_sigmoid"},
    {Activation::neat_python_tanh, "neat_python_tanh"},
    {Activation::neat_python_sin, "neat_python_sin"},
    {Activation::neat_python_gauss, "neat_python_gauss"},
    {Activation::neat_python_softplus, "neat_python_softplus"},
});

std::string_view activation_name(Activation activation);
std::optional<Activation> parse_activation(std::string_view name);
const std::vector<Activation>& all_activations();
// "sigmoid, steep_sigmoid, ..." for error messages.
std::string activation_names_list();
// The function as a formula in x, for the configuration reference (docs/config.md).
std::string_view activation_formula(Activation activation);

}  // namespace convneat
