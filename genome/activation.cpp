#include "genome/activation.hpp"

#include "genome/name_table.hpp"

namespace convneat {
namespace {

constexpr NameTable<Activation, 9> kActivations{{{
    {Activation::sigmoid, "sigmoid"},
    {Activation::steep_sigmoid, "steep_sigmoid"},
    {Activation::tanh, "tanh"},
    {Activation::relu, "relu"},
    {Activation::identity, "identity"},
    {Activation::sin, "sin"},
    {Activation::gauss, "gauss"},
    {Activation::abs, "abs"},
    {Activation::clamped, "clamped"},
}}};

}  // namespace

std::string_view activation_name(Activation activation) { return kActivations.name(activation); }
std::optional<Activation> parse_activation(std::string_view name) { return kActivations.parse(name); }
std::string activation_names_list() { return kActivations.names(); }

const std::vector<Activation>& all_activations() {
  static const std::vector<Activation> all = [] {
    std::vector<Activation> values;
    for (const auto& entry : kActivations.entries) values.push_back(entry.first);
    return values;
  }();
  return all;
}

}  // namespace convneat
