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

double activation_slope(Activation activation, double x, double y) {
  switch (activation) {
    case Activation::sigmoid: return y * (1.0 - y);
    case Activation::steep_sigmoid: return kSteepSigmoidSlope * y * (1.0 - y);
    case Activation::tanh: return 1.0 - y * y;
    case Activation::relu: return x > 0.0 ? 1.0 : 0.0;
    case Activation::identity: return 1.0;
    case Activation::sin: return std::cos(x);
    case Activation::gauss: return -2.0 * x * y;
    case Activation::abs: return x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : 0.0);
    case Activation::clamped: return x > -1.0 && x < 1.0 ? 1.0 : 0.0;
  }
  return 1.0;
}

void activation_slopes(Activation activation, const Eigen::Ref<const Eigen::ArrayXd>& sums,
                       const Eigen::Ref<const Eigen::ArrayXd>& values, Eigen::Ref<Eigen::ArrayXd> slope) {
  switch (activation) {
    case Activation::identity: slope = 1.0; return;
    case Activation::relu: slope = (sums > 0.0).select(Eigen::ArrayXd::Ones(sums.size()), 0.0); return;
    case Activation::tanh: slope = 1.0 - values.square(); return;
    case Activation::sigmoid: slope = values * (1.0 - values); return;
    default:
      for (Eigen::Index i = 0; i < sums.size(); ++i) slope[i] = activation_slope(activation, sums[i], values[i]);
  }
}

}  // namespace convneat
