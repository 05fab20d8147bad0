#include "genome/spatial/compatibility.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace convneat {
namespace {

// The genome's layers in innovation order: walking both genomes in one order makes the sums,
// and so δ, exactly symmetric.
std::vector<const SpatialLayerGene*> sorted_layers(const Genome& genome) {
  std::vector<const SpatialLayerGene*> layers;
  if (genome.spatial)
    for (const SpatialLayerGene& layer : genome.spatial->layers) layers.push_back(&layer);
  std::sort(layers.begin(), layers.end(),
            [](const SpatialLayerGene* a, const SpatialLayerGene* b) { return a->innovation < b->innovation; });
  return layers;
}

bool same_shape(const SpatialLayerGene& a, const SpatialLayerGene& b) {
  return a.banks == b.banks && a.in_channels == b.in_channels && a.out_channels == b.out_channels &&
         a.kernel_size == b.kernel_size && a.kernels.size() == b.kernels.size() && a.biases.size() == b.biases.size();
}

void add_differences(const std::vector<double>& a, const std::vector<double>& b, LayerAlignment& alignment) {
  for (std::size_t i = 0; i < a.size(); ++i) alignment.parameter_difference_sum += std::abs(a[i] - b[i]);
  alignment.aligned_parameters += a.size();
}

}  // namespace

LayerAlignment align_layers(const Genome& a, const Genome& b) {
  const auto x = sorted_layers(a);
  const auto y = sorted_layers(b);
  LayerAlignment alignment;
  std::size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i]->innovation < y[j]->innovation) {
      ++alignment.unmatched, ++i;
    } else if (y[j]->innovation < x[i]->innovation) {
      ++alignment.unmatched, ++j;
    } else {
      if (x[i]->mode != y[j]->mode) {
        ++alignment.mode_mismatches;
      } else if (same_shape(*x[i], *y[j])) {
        add_differences(x[i]->kernels, y[j]->kernels, alignment);
        add_differences(x[i]->biases, y[j]->biases, alignment);
        if (x[i]->virtual_batch_norm && y[j]->virtual_batch_norm) {
          add_differences(x[i]->norm_gains, y[j]->norm_gains, alignment);
          add_differences(x[i]->norm_shifts, y[j]->norm_shifts, alignment);
        }
      }
      ++i, ++j;
    }
  }
  alignment.unmatched += (x.size() - i) + (y.size() - j);
  return alignment;
}

double spatial_distance(const Genome& a, const Genome& b, const SpatialConfig& config) {
  const LayerAlignment alignment = align_layers(a, b);
  const double mean_difference = alignment.aligned_parameters == 0
                                     ? 0.0
                                     : alignment.parameter_difference_sum /
                                           static_cast<double>(alignment.aligned_parameters);
  return config.layer_coefficient * static_cast<double>(alignment.unmatched + alignment.mode_mismatches) +
         config.kernel_coefficient * mean_difference;
}

}  // namespace convneat
