#pragma once
// The front end's share of the compatibility distance:
//   δ_spatial = layer_coefficient · (U + M) + kernel_coefficient · K̄
// U layers whose innovation id only one genome holds, M matching layers whose sharing modes
// differ, K̄ the mean |difference| of aligned kernel weights and biases over matching layers
// with the same mode, banks, channel counts and kernel size (0 when there is no such layer).
// Parameters of layers that differ in shape have no alignment, so they count only through U
// and M. Zero when neither genome has a front end.
#include "genome/genome.hpp"
#include "genome/spatial_config.hpp"

namespace convneat {

struct LayerAlignment {
  std::size_t unmatched = 0;
  std::size_t mode_mismatches = 0;
  std::size_t aligned_parameters = 0;
  double parameter_difference_sum = 0.0;  // Σ |a − b| over aligned kernel weights and biases
};

LayerAlignment align_layers(const Genome& a, const Genome& b);
double spatial_distance(const Genome& a, const Genome& b, const SpatialConfig& config);

}  // namespace convneat
