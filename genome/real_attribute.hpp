#pragma once
// A real-valued node attribute configured as neat-python configures one (its FloatAttribute):
// the response, the time constant and the Izhikevich parameters a, b, c, d. Start and replacement values are drawn from
// N(init_mean, init_stdev), perturbations from N(0, mutate_power), and every value is clamped
// to [min_value, max_value]; a node added by a split starts at the clamped mean.
#include <algorithm>

#include "genome/random.hpp"
#include "genome/value_mutation.hpp"

namespace convneat {

struct RealAttribute {
  double init_mean = 0.0;
  double init_stdev = 0.0;
  double mutate_rate = 0.0;
  double mutate_power = 0.0;
  double replace_rate = 0.0;
  double min_value = 0.0;
  double max_value = 0.0;

  // No draw when init_stdev is 0, so genomes without varied values keep their numbers.
  double initial_value(RandomStream& random) const {
    return std::clamp(random.normal(init_mean, init_stdev), min_value, max_value);
  }
  double split_value() const { return std::clamp(init_mean, min_value, max_value); }
  // Whether mutation can change the value at all (else it must draw nothing).
  bool mutates() const { return mutate_rate > 0.0 || replace_rate > 0.0; }
  ValueMutation mutation() const {
    return {mutate_rate, mutate_power, replace_rate, init_mean, init_stdev, min_value, max_value};
  }
};

}  // namespace convneat
