#include "genome/activation.hpp"

namespace convneat {
std::string_view activation_name(Activation activation) { return kActivationNames.name(activation); }
std::optional<Activation> parse_activation(std::string_view name) { return kActivationNames.parse(name); }
std::string activation_names_list() { return kActivationNames.names(); }

std::string_view activation_formula(Activation activation) {
  switch (activation) {
    case Activation::sigmoid: return "1 / (1 + e^-x)";
    case Activation::steep_sigmoid: return "1 / (1 + e^(-4.9 x)), the original NEAT code's";
    case Activation::tanh: return "tanh(x)";
    case Activation::relu: return "max(0, x)";
    case Activation::identity: return "x";
    case Activation::sin: return "sin(x)";
    case Activation::gauss: return "e^(-x²)";
    case Activation::abs: return "|x|";
    case Activation::clamped: return "min(1, max(-1, x))";
    case Activation::elu: return "x for x > 0, else e^x - 1";
    case Activation::lelu: return "x for x > 0, else 0.005 x";
    case Activation::selu: return "λ x for x > 0, else λ α (e^x - 1); λ = 1.0507009873554805, α = 1.6732632423543772";
    case Activation::softplus: return "ln(1 + e^x)";
    case Activation::inv: return "1 / x; 0 at x = 0";
    case Activation::log: return "ln(max(10^-7, x))";
    case Activation::exp: return "e^clamp(x, -60, 60)";
    case Activation::hat: return "max(0, 1 - |x|)";
    case Activation::square: return "x²";
    case Activation::cube: return "x³";
    case Activation::neat_python_sigmoid: return "1 / (1 + e^-clamp(5x, -60, 60)), neat-python's sigmoid";
    case Activation::neat_python_tanh: return "tanh(clamp(2.5x, -60, 60)), neat-python's tanh";
    case Activation::neat_python_sin: return "sin(clamp(5x, -60, 60)), neat-python's sin";
    case Activation::neat_python_gauss: return "e^(-5 clamp(x, -3.4, 3.4)²), neat-python's gauss";
    case Activation::neat_python_softplus: return "0.2 ln(1 + e^clamp(5x, -60, 60)), neat-python's softplus";
  }
  return "";
}

const std::vector<Activation>& all_activations() {
  static const std::vector<Activation> all = [] {
    std::vector<Activation> values;
    for (Activation value : kActivationNames.values()) values.push_back(value);
    return values;
  }();
  return all;
}

}  // namespace convneat
