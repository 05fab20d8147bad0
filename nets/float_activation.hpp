#pragma once
// The activation functions of nets/activation_functions.cpp in float, over whole Eigen
// arrays, for the spatial layers. The function is chosen once per call (a switch outside the
// element loop) and each case is one vectorised Eigen expression, so the pre-activation
// (e.g. "map + bias") is read once and the result written once.
#include <Eigen/Core>

#include "genome/activation.hpp"

namespace convneat {

// dst = act(pre) element-wise. `pre` may read dst itself (each element reads only its own
// position), which is how a bias add and the activation share one pass.
template <class Destination, class PreActivation>
void assign_activated(Activation activation, Destination&& dst, const PreActivation& pre) {
  // The original NEAT code's steepened sigmoid: 1 / (1 + e^(-4.9 x)).
  constexpr float kSteepSlope = 4.9f;
  switch (activation) {
    case Activation::sigmoid: dst = (1.0f + (-pre).exp()).inverse(); return;
    case Activation::steep_sigmoid: dst = (1.0f + (-kSteepSlope * pre).exp()).inverse(); return;
    case Activation::tanh: dst = pre.tanh(); return;
    case Activation::relu: dst = (pre > 0.0f).select(pre, 0.0f); return;  // NaN -> 0, as the double path
    case Activation::identity: dst = pre; return;
    case Activation::sin: dst = pre.sin(); return;
    case Activation::gauss: dst = (-pre.square()).exp(); return;
    case Activation::abs: dst = pre.abs(); return;
    case Activation::clamped: dst = pre.max(-1.0f).min(1.0f); return;
  }
  dst = pre;
}

}  // namespace convneat
