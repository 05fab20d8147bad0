#pragma once
// The activation functions of nets/activation_functions.cpp in float, over whole Eigen
// arrays, for the spatial layers. The function is chosen once per call (a switch outside the
// element loop) and each case is a vectorised Eigen expression.
#include <Eigen/Core>
#include <algorithm>
#include <limits>

#include "genome/activation.hpp"

namespace convneat {

// Eigen computes exp, tanh and sin with SIMD approximations on whole packets and with the C
// library on the elements left over, and the two round differently. Which elements are left
// over depends on the array's length and alignment — on the batch — so an image's activations
// would change in the last bit with its batch mates. Applying such a function through an
// aligned fixed-size buffer, a whole number of packets long, sends every element through the
// packet code.
template <class Destination, class Function>
void apply_in_whole_packets(Destination& dst, Function function) {
  constexpr Eigen::Index kChunk = 64;  // a multiple of every SIMD width Eigen uses for floats
  Eigen::Array<float, kChunk, 1> buffer;
  for (Eigen::Index column = 0; column < dst.cols(); ++column) {
    for (Eigen::Index first = 0; first < dst.rows(); first += kChunk) {
      const Eigen::Index count = std::min(kChunk, dst.rows() - first);
      buffer.setZero();
      buffer.head(count) = dst.col(column).segment(first, count);
      buffer = function(buffer);
      dst.col(column).segment(first, count) = buffer.head(count);
    }
  }
}

namespace float_activation {

// The constants of nets/activation_functions.cpp's formulas, in float.
inline constexpr float kLargest = std::numeric_limits<float>::max();  // inv, square and cube saturate here
inline constexpr float kLeluSlope = 0.005f;
inline constexpr float kSeluScale = 1.0507009873554804934193349852946f;  // λ
inline constexpr float kSeluAlpha = 1.6732632423543772848170429916717f;  // α
inline constexpr float kLogFloor = 1e-7f;
inline constexpr float kExpLimit = 60.0f;         // exp's and neat-python's exponent clamp
inline constexpr float kNeatPythonGaussLimit = 3.4f;

// neat-python's clamp(s·x, -60, 60) in front of its sigmoid, tanh, sin and softplus.
template <class X>
auto scaled_and_clamped(float scale, const X& x) {
  return (scale * x).max(-kExpLimit).min(kExpLimit);
}

// 1 when neat-python's clamp(s·x, -60, 60) passes x through, 0 where it is active (slope 0).
template <class X>
auto inside_clamp(float scale, const X& x) {
  return (scale * x).abs() < kExpLimit;  // strict, as the double path: at the edge the clamp's 0
}

// ln(1 + e^x) as max(x, 0) + ln(1 + e^-|x|): the same value as the double path's two
// branches, and e^-|x| ≤ 1 never overflows.
template <class X>
auto softplus(const X& x) {
  return x.max(0.0f) + (-x.abs()).exp().log1p();
}

}  // namespace float_activation

// assign_activated for the activations neat-python brought (genome/activation.hpp), apart so
// that neither switch grows long. Every result is finite for finite input: the clamps are
// the double path's, with float's largest value where that path saturates at double's.
template <class Destination, class PreActivation>
void assign_activated_neat_python(Activation activation, Destination& dst, const PreActivation& pre) {
  using namespace float_activation;
  switch (activation) {
    case Activation::lelu: dst = (pre > 0.0f).select(pre, kLeluSlope * pre); return;
    case Activation::inv: dst = (pre == 0.0f).select(0.0f, pre.inverse().max(-kLargest).min(kLargest)); return;
    case Activation::hat: dst = (1.0f - pre.abs()).max(0.0f); return;
    case Activation::square: dst = pre.square().min(kLargest); return;
    case Activation::cube: dst = pre.cube().max(-kLargest).min(kLargest); return;
    default: break;
  }
  dst = pre;  // the rest use exp, log, tanh or sin: whole packets only (see above)
  switch (activation) {
    case Activation::elu:
      apply_in_whole_packets(dst, [](const auto& x) { return (x > 0.0f).select(x, x.expm1()); });
      return;
    case Activation::selu:
      apply_in_whole_packets(dst, [](const auto& x) {
        return (kSeluScale * (x > 0.0f).select(x, kSeluAlpha * x.expm1())).min(kLargest);  // λx may overflow
      });
      return;
    case Activation::softplus:
      apply_in_whole_packets(dst, [](const auto& x) { return float_activation::softplus(x); });
      return;
    case Activation::log: apply_in_whole_packets(dst, [](const auto& x) { return x.max(kLogFloor).log(); }); return;
    case Activation::exp:
      apply_in_whole_packets(dst, [](const auto& x) { return x.max(-kExpLimit).min(kExpLimit).exp(); });
      return;
    case Activation::neat_python_sigmoid:
      apply_in_whole_packets(dst, [](const auto& x) {
        return (1.0f + (-scaled_and_clamped(5.0f, x)).exp()).inverse();
      });
      return;
    case Activation::neat_python_tanh:
      apply_in_whole_packets(dst, [](const auto& x) { return scaled_and_clamped(2.5f, x).tanh(); });
      return;
    case Activation::neat_python_sin:
      apply_in_whole_packets(dst, [](const auto& x) { return scaled_and_clamped(5.0f, x).sin(); });
      return;
    case Activation::neat_python_gauss:
      apply_in_whole_packets(dst, [](const auto& x) {
        return (-5.0f * x.max(-kNeatPythonGaussLimit).min(kNeatPythonGaussLimit).square()).exp();
      });
      return;
    case Activation::neat_python_softplus:
      apply_in_whole_packets(dst, [](const auto& x) { return 0.2f * scaled_and_clamped(5.0f, x).exp().log1p(); });
      return;
    default: return;
  }
}

// dst = act(pre) element-wise. `pre` may read dst itself (each element reads only its own
// position), which is how a bias add and the activation share one pass.
template <class Destination, class PreActivation>
void assign_activated(Activation activation, Destination&& dst, const PreActivation& pre) {
  constexpr auto kSteepSlope = static_cast<float>(kSteepSigmoidSlope);
  switch (activation) {
    case Activation::sigmoid:
      dst = pre;
      apply_in_whole_packets(dst, [](const auto& x) { return (1.0f + (-x).exp()).inverse(); });
      return;
    case Activation::steep_sigmoid:
      dst = pre;
      apply_in_whole_packets(dst, [](const auto& x) { return (1.0f + (-kSteepSlope * x).exp()).inverse(); });
      return;
    case Activation::tanh:
      dst = pre;
      apply_in_whole_packets(dst, [](const auto& x) { return x.tanh(); });
      return;
    case Activation::relu: dst = (pre > 0.0f).select(pre, 0.0f); return;  // NaN -> 0, as the double path
    case Activation::identity: dst = pre; return;
    case Activation::sin:
      dst = pre;
      apply_in_whole_packets(dst, [](const auto& x) { return x.sin(); });
      return;
    case Activation::gauss:
      dst = pre;
      apply_in_whole_packets(dst, [](const auto& x) { return (-x.square()).exp(); });
      return;
    case Activation::abs: dst = pre.abs(); return;
    case Activation::clamped: dst = pre.max(-1.0f).min(1.0f); return;
    default: assign_activated_neat_python(activation, dst, pre); return;
  }
}

// The slopes of the neat_python_ functions: 0 where their input clamp is active.
template <class Gradient, class Pre, class Activated>
void multiply_by_neat_python_clamped_slopes(Activation activation, Gradient& gradient, const Pre& x,
                                            const Activated& y) {
  using namespace float_activation;
  switch (activation) {
    case Activation::neat_python_sigmoid:
      gradient = inside_clamp(5.0f, x).select(5.0f * gradient * y * (1.0f - y), 0.0f);
      return;
    case Activation::neat_python_tanh:
      gradient = inside_clamp(2.5f, x).select(2.5f * gradient * (1.0f - y.square()), 0.0f);
      return;
    case Activation::neat_python_sin:
      gradient = inside_clamp(5.0f, x).select(5.0f * gradient * (5.0f * x).cos(), 0.0f);
      return;
    case Activation::neat_python_gauss:
      gradient = (x.abs() < kNeatPythonGaussLimit).select(-10.0f * gradient * x * y, 0.0f);
      return;
    case Activation::neat_python_softplus:  // 0.2 · 5 · sigmoid(5x)
      gradient = inside_clamp(5.0f, x).select(gradient * (1.0f + (-5.0f * x).exp()).inverse(), 0.0f);
      return;
    default: return;
  }
}

// multiply_by_slopes for the activations neat-python brought. Where a clamp of the forward
// formula is active the slope is 0, and so where inv, square, cube or selu saturate at float's
// largest value; at hat's kinks (0, ±1) the sub-gradient 0.
template <class Gradient, class Pre, class Activated>
void multiply_by_neat_python_slopes(Activation activation, Gradient& gradient, const Pre& x, const Activated& y) {
  using namespace float_activation;
  switch (activation) {
    case Activation::elu: gradient *= (x > 0.0f).select(1.0f, x.exp()); return;
    case Activation::lelu: gradient = (x > 0.0f).select(gradient, kLeluSlope * gradient); return;
    case Activation::selu:  // flat where λx saturates
      gradient = (x > 0.0f && kSeluScale * x > kLargest)
                     .select(0.0f, gradient * (x > 0.0f).select(kSeluScale, kSeluScale * kSeluAlpha * x.exp()));
      return;
    case Activation::softplus: gradient *= (1.0f + (-x).exp()).inverse(); return;
    case Activation::inv:
      gradient *= (x == 0.0f || x.inverse().abs() > kLargest).select(0.0f, -x.square().inverse().min(kLargest));
      return;
    case Activation::log: gradient = (x > kLogFloor).select(gradient * x.inverse(), 0.0f); return;
    case Activation::exp: gradient = (x.abs() < kExpLimit).select(gradient * y, 0.0f); return;
    case Activation::hat:
      gradient = (x > 0.0f && x < 1.0f).select(-gradient, (x < 0.0f && x > -1.0f).select(gradient, 0.0f));
      return;
    case Activation::square: gradient = (x.square() <= kLargest).select(2.0f * x * gradient, 0.0f); return;
    case Activation::cube: gradient = (x.cube().abs() <= kLargest).select(3.0f * x.square() * gradient, 0.0f); return;
    default: multiply_by_neat_python_clamped_slopes(activation, gradient, x, y); return;
  }
}

// gradient ⊙= dy/dx element-wise, given the pre-activation x and y = act(x) as the forward pass
// left them: the float counterpart of activation_slopes (activation_functions.hpp), with the
// same sub-gradient 0 at kinks (relu and abs at 0, clamped at ±1). Backward passes only: no
// batch-independence promise, so no whole-packet buffer.
template <class Gradient, class Pre, class Activated>
void multiply_by_slopes(Activation activation, Gradient&& gradient, const Pre& x, const Activated& y) {
  constexpr auto kSteepSlope = static_cast<float>(kSteepSigmoidSlope);
  switch (activation) {
    case Activation::sigmoid: gradient *= y * (1.0f - y); return;
    case Activation::steep_sigmoid: gradient *= kSteepSlope * y * (1.0f - y); return;
    case Activation::tanh: gradient *= 1.0f - y.square(); return;
    case Activation::relu: gradient = (x > 0.0f).select(gradient, 0.0f); return;
    case Activation::identity: return;
    case Activation::sin: gradient *= x.cos(); return;
    case Activation::gauss:  // far out -2x overflows where y is 0: the slope there is 0, not NaN
      gradient *= (x.abs() > float_activation::kLargest / 2.0f).select(0.0f, -2.0f * x * y);
      return;
    case Activation::abs: gradient = (x > 0.0f).select(gradient, (x < 0.0f).select(-gradient, 0.0f)); return;
    case Activation::clamped: gradient = (x > -1.0f && x < 1.0f).select(gradient, 0.0f); return;
    default: multiply_by_neat_python_slopes(activation, gradient, x, y); return;
  }
}

}  // namespace convneat
