#include "nets/activation_functions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace convneat {
namespace {

// Where a function saturates at the largest finite value (inv, square, cube, selu) or a clamp
// holds its argument, its slope is 0: the value does not move there.
constexpr double kLargest = std::numeric_limits<double>::max();
// neat-python's constants: its lelu slope below 0 and the SELU scale λ and α of
// Klambauer et al. (2017), and the clamps it puts on the arguments of exp, tanh and sin.
constexpr double kLeluSlope = 0.005;
constexpr double kSeluScale = 1.0507009873554804934193349852946;
constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kExpArgumentLimit = 60.0;
constexpr double kGaussLimit = 3.4;
constexpr double kLogFloor = 1e-7;

double clamp_finite(double x) { return std::clamp(x, -kLargest, kLargest); }
double clamped_argument(double x) { return std::clamp(x, -kExpArgumentLimit, kExpArgumentLimit); }
bool inside_argument_clamp(double x) { return x > -kExpArgumentLimit && x < kExpArgumentLimit; }
double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
// ln(1 + e^x) without overflow for large x.
double softplus(double x) { return x > 0.0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }
double inverse(double x) { return x == 0.0 ? 0.0 : clamp_finite(1.0 / x); }

template <class F>
void apply(Eigen::Ref<Eigen::ArrayXd> values, F f) {
  for (Eigen::Index i = 0; i < values.size(); ++i) values[i] = f(values[i]);
}

}  // namespace

double activate(Activation activation, double x) {
  switch (activation) {
    case Activation::sigmoid: return logistic(x);
    case Activation::steep_sigmoid: return 1.0 / (1.0 + std::exp(-kSteepSigmoidSlope * x));
    case Activation::tanh: return std::tanh(x);
    case Activation::relu: return x > 0.0 ? x : 0.0;
    case Activation::identity: return x;
    case Activation::sin: return std::sin(x);
    case Activation::gauss: return std::exp(-x * x);
    case Activation::abs: return std::abs(x);
    case Activation::clamped: return std::clamp(x, -1.0, 1.0);
    case Activation::elu: return x > 0.0 ? x : std::expm1(x);
    case Activation::lelu: return x > 0.0 ? x : kLeluSlope * x;
    case Activation::selu: return x > 0.0 ? clamp_finite(kSeluScale * x) : kSeluScale * kSeluAlpha * std::expm1(x);
    case Activation::softplus: return softplus(x);
    case Activation::inv: return inverse(x);
    case Activation::log: return std::log(std::max(kLogFloor, x));
    case Activation::exp: return std::exp(clamped_argument(x));
    case Activation::hat: return std::max(0.0, 1.0 - std::abs(x));
    case Activation::square: return std::min(x * x, kLargest);
    case Activation::cube: return clamp_finite(x * x * x);
    case Activation::neat_python_sigmoid: return logistic(clamped_argument(5.0 * x));
    case Activation::neat_python_tanh: return std::tanh(clamped_argument(2.5 * x));
    case Activation::neat_python_sin: return std::sin(clamped_argument(5.0 * x));
    case Activation::neat_python_gauss: {
      const double z = std::clamp(x, -kGaussLimit, kGaussLimit);
      return std::exp(-5.0 * z * z);
    }
    case Activation::neat_python_softplus: return 0.2 * softplus(clamped_argument(5.0 * x));
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
    case Activation::gauss: return y == 0.0 ? 0.0 : -2.0 * x * y;  // far out, -2x overflows where y is 0
    case Activation::abs: return x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : 0.0);
    case Activation::clamped: return x > -1.0 && x < 1.0 ? 1.0 : 0.0;
    case Activation::elu: return x > 0.0 ? 1.0 : y + 1.0;
    case Activation::lelu: return x > 0.0 ? 1.0 : kLeluSlope;
    case Activation::selu: return x > 0.0 ? (std::isinf(kSeluScale * x) ? 0.0 : kSeluScale) : y + kSeluScale * kSeluAlpha;
    case Activation::softplus: return logistic(x);
    case Activation::inv: return x == 0.0 || std::isinf(1.0 / x) ? 0.0 : -clamp_finite(y * y);
    case Activation::log: return x > kLogFloor ? 1.0 / x : 0.0;
    case Activation::exp: return inside_argument_clamp(x) ? y : 0.0;
    case Activation::hat: return x > -1.0 && x < 1.0 && x != 0.0 ? (x > 0.0 ? -1.0 : 1.0) : 0.0;
    case Activation::square: return std::isinf(x * x) ? 0.0 : 2.0 * x;
    case Activation::cube: return std::isinf(x * x * x) ? 0.0 : 3.0 * x * x;
    case Activation::neat_python_sigmoid: return inside_argument_clamp(5.0 * x) ? 5.0 * y * (1.0 - y) : 0.0;
    case Activation::neat_python_tanh: return inside_argument_clamp(2.5 * x) ? 2.5 * (1.0 - y * y) : 0.0;
    case Activation::neat_python_sin: return inside_argument_clamp(5.0 * x) ? 5.0 * std::cos(5.0 * x) : 0.0;
    case Activation::neat_python_gauss: return x > -kGaussLimit && x < kGaussLimit ? -10.0 * x * y : 0.0;
    case Activation::neat_python_softplus: return inside_argument_clamp(5.0 * x) ? logistic(5.0 * x) : 0.0;
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
