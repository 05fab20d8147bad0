#include "genome/mutation_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace convneat {

double mutate_power_scale(const GenomeConfig& config, std::size_t generation) {
  if (config.mutate_power_decay_generations == 0) return 1.0;
  const double progress = static_cast<double>(std::min(generation, config.mutate_power_decay_generations)) /
                          static_cast<double>(config.mutate_power_decay_generations);
  return std::pow(config.mutate_power_final_scale, progress);
}

GenomeConfig with_scaled_mutate_powers(const GenomeConfig& config, double scale) {
  GenomeConfig scaled = config;
  scaled.weight_mutate_power *= scale;
  scaled.bias_mutate_power *= scale;
  scaled.response.mutate_power *= scale;
  scaled.time_constant.mutate_power *= scale;
  for (const IzhikevichAttribute& attribute : kIzhikevichAttributes)
    (scaled.*attribute.settings).mutate_power *= scale;
  scaled.spatial.kernel_mutate_power *= scale;
  scaled.spatial.norm_mutate_power *= scale;
  scaled.spatial.centroid_mutate_power *= scale;
  scaled.spatial.shape_mutate_power *= scale;
  return scaled;
}

}  // namespace convneat
