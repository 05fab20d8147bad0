#include "genome/activation.hpp"

#include <array>
#include <utility>

namespace convneat {
namespace {

constexpr std::array<std::pair<Activation, std::string_view>, 9> kNames{{
    {Activation::sigmoid, "sigmoid"},
    {Activation::steep_sigmoid, "steep_sigmoid"},
    {Activation::tanh, "tanh"},
    {Activation::relu, "relu"},
    {Activation::identity, "identity"},
    {Activation::sin, "sin"},
    {Activation::gauss, "gauss"},
    {Activation::abs, "abs"},
    {Activation::clamped, "clamped"},
}};

}  // namespace

std::string_view activation_name(Activation activation) {
  for (const auto& [value, name] : kNames)
    if (value == activation) return name;
  return "unknown";
}

std::optional<Activation> parse_activation(std::string_view name) {
  for (const auto& [value, known] : kNames)
    if (known == name) return value;
  return std::nullopt;
}

const std::vector<Activation>& all_activations() {
  static const std::vector<Activation> all = [] {
    std::vector<Activation> values;
    for (const auto& entry : kNames) values.push_back(entry.first);
    return values;
  }();
  return all;
}

std::string activation_names_list() {
  std::string list;
  for (const auto& entry : kNames) {
    if (!list.empty()) list += ", ";
    list += entry.second;
  }
  return list;
}

}  // namespace convneat
