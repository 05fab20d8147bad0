#pragma once
// The activation functions of nets/activation_functions.cpp in float, over whole Eigen
// arrays, for the spatial layers. The function is chosen once per call (a switch outside the
// element loop) and each case is a vectorised Eigen expression.
#include <Eigen/Core>
#include <algorithm>

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
  }
  dst = pre;
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
    case Activation::gauss: gradient *= -2.0f * x * y; return;
    case Activation::abs: gradient = (x > 0.0f).select(gradient, (x < 0.0f).select(-gradient, 0.0f)); return;
    case Activation::clamped: gradient = (x > -1.0f && x < 1.0f).select(gradient, 0.0f); return;
  }
}

}  // namespace convneat
