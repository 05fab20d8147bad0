#include "genome/activation.hpp"

namespace convneat {
std::string_view activation_name(Activation activation) { return kActivationNames.name(activation); }
std::optional<Activation> parse_activation(std::string_view name) { return kActivationNames.parse(name); }
std::string activation_names_list() { return kActivationNames.names(); }

const std::vector<Activation>& all_activations() {
  static const std::vector<Activation> all = [] {
    std::vector<Activation> values;
    for (Activation value : kActivationNames.values()) values.push_back(value);
    return values;
  }();
  return all;
}

}  // namespace convneat
