#pragma once
// The functions behind genome/activation.hpp's names, scalar and over a whole batch column.
#include <Eigen/Core>

#include "genome/activation.hpp"

namespace convneat {

double activate(Activation activation, double x);

// Applies the activation to every element in place; the switch is outside the loop so the
// batch path stays a tight vectorisable loop.
void activate_in_place(Activation activation, Eigen::Ref<Eigen::ArrayXd> values);

// dy/dx at x, given y = activate(activation, x) as well (several slopes are cheapest from y).
// At a kink the sub-gradient 0 is taken, as PyTorch does: relu and abs at 0, clamped at ±1.
double activation_slope(Activation activation, double x, double y);

// The same for a whole batch column: slope[i] = dy/dx at sums[i], with values[i] its activation.
void activation_slopes(Activation activation, const Eigen::Ref<const Eigen::ArrayXd>& sums,
                       const Eigen::Ref<const Eigen::ArrayXd>& values, Eigen::Ref<Eigen::ArrayXd> slope);

}  // namespace convneat
