#pragma once
// The front end's share of the compatibility distance:
//   δ_spatial = layer_coefficient · (U + M) + channel_coefficient · C + kernel_coefficient · K̄
// U layers whose innovation id only one genome holds, M matching layers whose sharing modes
// differ, C the sum over matching layers of |C_out,a − C_out,b| / max(C_out,a, C_out,b) (the
// fraction of a layer's output channels only one genome has: add-channel's structure), K̄ the
// mean |difference| of aligned kernel weights, biases and norm gains and shifts over matching
// layers of one mode with the same banks, kernel size and channel counts — or, with
// common_channels (/species/align_common_channels), over the channels both hold when the
// counts differ (0 when no layer aligns). Layers that do not align count only through U, M
// and C. Zero when neither genome has a front end.
#include "genome/genome.hpp"
#include "genome/spatial_config.hpp"

namespace convneat {

struct LayerAlignment {
  std::size_t unmatched = 0;
  std::size_t mode_mismatches = 0;
  double unmatched_channels = 0.0;  // Σ over matching layers of the fraction of unmatched output channels
  std::size_t aligned_parameters = 0;
  double parameter_difference_sum = 0.0;  // Σ |a − b| over aligned kernel weights and biases
};

LayerAlignment align_layers(const Genome& a, const Genome& b, bool common_channels);
double spatial_distance(const Genome& a, const Genome& b, const SpatialConfig& config);

}  // namespace convneat
