#pragma once
// The functions behind genome/activation.hpp's names, scalar and over a whole batch column.
#include <Eigen/Core>

#include "genome/activation.hpp"

namespace convneat {

double activate(Activation activation, double x);

// Applies the activation to every element in place; the switch is outside the loop so the
// batch path stays a tight vectorisable loop.
void activate_in_place(Activation activation, Eigen::Ref<Eigen::ArrayXd> values);

}  // namespace convneat
