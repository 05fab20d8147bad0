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

// Banks and kernels line up when the layers differ at most in their channel counts.
bool banks_align(const SpatialLayerGene& a, const SpatialLayerGene& b, bool common_channels) {
  const bool same_channels = a.in_channels == b.in_channels && a.out_channels == b.out_channels;
  return a.banks == b.banks && a.kernel_size == b.kernel_size && (common_channels || same_channels);
}

void add_difference(double a, double b, LayerAlignment& alignment) {
  alignment.parameter_difference_sum += std::abs(a - b);
  ++alignment.aligned_parameters;
}

// The weights, biases and norm gains and shifts of the output and input channels both layers
// hold (add-channel appends channels, so channel o of one layer is channel o of the other).
// Summed in storage order — kernels, biases, gains, shifts — so that layers of one shape give
// the sum they gave before layers of different channel counts were aligned, bit for bit.
void add_kernel_differences(const SpatialLayerGene& a, const SpatialLayerGene& b, LayerAlignment& alignment) {
  const std::size_t outputs = std::min(a.out_channels, b.out_channels);
  const std::size_t inputs = std::min(a.in_channels, b.in_channels);
  const std::size_t k = a.kernel_size;
  for (std::size_t bank = 0; bank < a.banks; ++bank)
    for (std::size_t o = 0; o < outputs; ++o)
      for (std::size_t c = 0; c < inputs; ++c)
        for (std::size_t u = 0; u < k; ++u)
          for (std::size_t v = 0; v < k; ++v)
            add_difference(a.weight(bank, o, c, u, v), b.weight(bank, o, c, u, v), alignment);
  for (std::size_t bank = 0; bank < a.banks; ++bank)
    for (std::size_t o = 0; o < outputs; ++o)
      add_difference(a.biases[bank * a.out_channels + o], b.biases[bank * b.out_channels + o], alignment);
  if (!a.virtual_batch_norm || !b.virtual_batch_norm) return;
  for (std::size_t o = 0; o < outputs; ++o) add_difference(a.norm_gains[o], b.norm_gains[o], alignment);
  for (std::size_t o = 0; o < outputs; ++o) add_difference(a.norm_shifts[o], b.norm_shifts[o], alignment);
}

double unmatched_channel_fraction(const SpatialLayerGene& a, const SpatialLayerGene& b) {
  const std::size_t larger = std::max(a.out_channels, b.out_channels);
  const std::size_t smaller = std::min(a.out_channels, b.out_channels);
  return larger == 0 ? 0.0 : static_cast<double>(larger - smaller) / static_cast<double>(larger);
}

}  // namespace

LayerAlignment align_layers(const Genome& a, const Genome& b, bool common_channels) {
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
      alignment.unmatched_channels += unmatched_channel_fraction(*x[i], *y[j]);
      if (x[i]->mode != y[j]->mode) {
        ++alignment.mode_mismatches;
      } else if (banks_align(*x[i], *y[j], common_channels)) {
        add_kernel_differences(*x[i], *y[j], alignment);
      }
      ++i, ++j;
    }
  }
  alignment.unmatched += (x.size() - i) + (y.size() - j);
  return alignment;
}

double spatial_distance(const Genome& a, const Genome& b, const SpatialConfig& config) {
  const LayerAlignment alignment = align_layers(a, b, config.align_common_channels);
  const double mean_difference = alignment.aligned_parameters == 0
                                     ? 0.0
                                     : alignment.parameter_difference_sum /
                                           static_cast<double>(alignment.aligned_parameters);
  return config.layer_coefficient * static_cast<double>(alignment.unmatched + alignment.mode_mismatches) +
         config.channel_coefficient * alignment.unmatched_channels + config.kernel_coefficient * mean_difference;
}

}  // namespace convneat
