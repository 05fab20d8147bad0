#pragma once
// The perturb-or-replace mutation of one real-valued gene attribute, shared by connection
// weights, node biases and spatial kernels and biases.
#include <algorithm>

#include "genome/random.hpp"

namespace convneat {

// Perturb by N(0, mutate_power) with probability `mutate_rate`, else replace by
// N(init_mean, init_stdev) with probability `replace_rate`; the result is clamped to
// [lowest, highest].
struct ValueMutation {
  double mutate_rate, mutate_power, replace_rate;
  double init_mean, init_stdev;
  double lowest, highest;

  // Weights, biases and kernels: replacements centred on 0, values within [-limit, limit].
  static ValueMutation centred(double mutate_rate, double mutate_power, double replace_rate, double init_stdev,
                               double limit) {
    return {mutate_rate, mutate_power, replace_rate, 0.0, init_stdev, -limit, limit};
  }

  void apply(double& value, RandomStream& random) const {
    if (random.chance(mutate_rate))
      value += random.normal(0.0, mutate_power);
    else if (random.chance(replace_rate))
      value = random.normal(init_mean, init_stdev);
    else
      return;
    value = std::clamp(value, lowest, highest);
  }
};

}  // namespace convneat
