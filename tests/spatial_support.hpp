#pragma once
// Builders shared by the spatial tests: small front-end configs and evolved spatial genomes.
#include <string>
#include <vector>

#include "genome/genome_config.hpp"
#include "genome/initial_genome.hpp"
#include "genome/innovation_policy.hpp"
#include "genome/mutation.hpp"
#include "genome/node_layout.hpp"

namespace convneat::testing {

inline LayerSpec layer_spec(SharingMode mode, std::size_t kernel, std::size_t stride, Padding::Kind padding,
                            std::size_t channels, Activation activation = Activation::relu,
                            Pooling pooling = Pooling::none) {
  LayerSpec spec;
  spec.mode = mode;
  spec.kernel_size = kernel;
  spec.stride = stride;
  spec.padding = {padding, 0};
  spec.channels = channels;
  spec.activation = activation;
  spec.pooling = pooling;
  return spec;
}

// 2 × 9 × 9 images through
//   0: shared   3×3 same, 3 channels, 2×2 max pooling  -> 3 × 4 × 4
//   1: centroid 3×3 same, 2 channels (K = 4 on a 2 × 2 grid) -> 2 × 4 × 4
//   2: local    2×2 valid, 2 channels                   -> 2 × 3 × 3, read out flat (18 inputs)
// into 2 outputs. `modes` overrides the three layers' sharing modes.
inline GenomeConfig spatial_genome_config(std::vector<SharingMode> modes = {SharingMode::shared, SharingMode::centroid,
                                                                           SharingMode::local}) {
  GenomeConfig config;
  config.num_outputs = 2;
  config.spatial.input = {2, 9, 9};
  config.spatial.layers = {
      layer_spec(modes[0], 3, 1, Padding::Kind::same, 3, Activation::relu, Pooling::max),
      layer_spec(modes[1], 3, 1, Padding::Kind::same, 2, Activation::tanh),
      layer_spec(modes[2], 2, 1, Padding::Kind::valid, 2, Activation::identity),
  };
  return config;
}

// Every spatial mutation likely in every call.
inline GenomeConfig busy_spatial_config(GenomeConfig config) {
  config.add_node_rate = 0.2;
  config.add_connection_rate = 0.5;
  config.delete_connection_rate = 0.05;
  config.spatial.kernel_mutate_rate = 0.3;
  config.spatial.kernel_replace_rate = 0.05;
  config.spatial.centroid_mutate_rate = 0.5;
  config.spatial.shape_mutate_rate = 0.5;
  config.spatial.add_layer_rate = 0.3;
  config.spatial.add_channel_rate = 0.4;
  config.spatial.max_channels = 6;
  config.spatial.mode_mutate_rate = 0.3;
  return config;
}

inline std::string describe(const std::vector<std::string>& problems) {
  std::string text;
  for (const auto& p : problems) text += p + "; ";
  return text;
}

}  // namespace convneat::testing
