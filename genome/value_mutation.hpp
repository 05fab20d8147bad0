#pragma once
// The perturb-or-replace mutation of one real-valued gene attribute, shared by connection
// weights, node biases and spatial kernels and biases.
#include <algorithm>

#include "genome/random.hpp"

namespace convneat {

// Perturb by N(0, mutate_power) with probability `mutate_rate`, else replace by
// N(0, init_stdev) with probability `replace_rate`; the result is clamped to [-limit, limit].
struct ValueMutation {
  double mutate_rate, mutate_power, replace_rate, init_stdev, limit;

  void apply(double& value, RandomStream& random) const {
    if (random.chance(mutate_rate))
      value += random.normal(0.0, mutate_power);
    else if (random.chance(replace_rate))
      value = random.normal(0.0, init_stdev);
    else
      return;
    value = std::clamp(value, -limit, limit);
  }
};

}  // namespace convneat
