#include "nets/activation_functions.hpp"

#include <algorithm>
#include <cmath>

namespace convneat {
namespace {

template <class F>
void apply(Eigen::Ref<Eigen::ArrayXd> values, F f) {
  for (Eigen::Index i = 0; i < values.size(); ++i) values[i] = f(values[i]);
}

}  // namespace

double activate(Activation activation, double x) {
  switch (activation) {
    case Activation::sigmoid: return 1.0 / (1.0 + std::exp(-x));
    case Activation::steep_sigmoid: return 1.0 / (1.0 + std::exp(-kSteepSigmoidSlope * x));
    case Activation::tanh: return std::tanh(x);
    case Activation::relu: return x > 0.0 ? x : 0.0;
    case Activation::identity: return x;
    case Activation::sin: return std::sin(x);
    case Activation::gauss: return std::exp(-x * x);
    case Activation::abs: return std::abs(x);
    case Activation::clamped: return std::clamp(x, -1.0, 1.0);
  }
  return x;
}

void activate_in_place(Activation activation, Eigen::Ref<Eigen::ArrayXd> values) {
  switch (activation) {
    case Activation::identity: return;
    case Activation::relu: values = (values > 0.0).select(values, 0.0); return;  // NaN -> 0, as the scalar path
    case Activation::clamped: values = values.max(-1.0).min(1.0); return;
    case Activation::abs: values = values.abs(); return;
    case Activation::tanh: values = values.tanh(); return;
    default: apply(values, [activation](double x) { return activate(activation, x); });
  }
}

}  // namespace convneat
