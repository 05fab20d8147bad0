#pragma once
// Builders shared by the spatial tests: front-end configs and evolved spatial genomes (genome
// side), random layer genes sized for their mode and geometry, random images, and genomes
// whose graph reads a stack's readout (phenotype side).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "genome/activation.hpp"
#include "genome/genome.hpp"
#include "genome/genome_config.hpp"
#include "genome/initial_genome.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/mutation.hpp"
#include "genome/node_layout.hpp"
#include "genome/random.hpp"
#include "genome/spatial/geometry.hpp"

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


inline ImageShape random_image_shape(RandomStream& rng, std::size_t max_channels = 4, std::size_t max_size = 12) {
  return {1 + rng.index(max_channels), 1 + rng.index(max_size), 1 + rng.index(max_size)};
}

// One random padding kind: valid, same or 0–2 explicit cells.
inline Padding random_padding(RandomStream& rng) {
  switch (rng.index(3)) {
    case 0: return {Padding::Kind::valid, 0};
    case 1: return {Padding::Kind::same, 0};
    default: return {Padding::Kind::explicit_amount, rng.index(3)};
  }
}

// Random centroids in [0, S]² (K, or K × C_out when per_feature) and random shapes Σ_k.
inline void randomise_centroids(SpatialLayerGene& layer, RandomStream& rng, std::size_t kcp_count) {
  CentroidParameters& kcp = layer.centroid;
  const std::size_t sets = kcp.per_feature ? layer.out_channels : 1;
  kcp.centroids.resize(kcp_count * sets);
  for (Point2& c : kcp.centroids) c = {rng.uniform(0.0, kcp.scale), rng.uniform(0.0, kcp.scale)};
  kcp.shapes.resize(kcp_count);
  for (ShapeMatrix& m : kcp.shapes)
    m = {rng.uniform(0.5, 4.0), rng.uniform(-1.0, 1.0), rng.uniform(-1.0, 1.0), rng.uniform(0.5, 4.0)};
}

// Gives `layer` (hyper-parameters set, fitting `input`) the banks its mode needs, with
// kernels N(0, 1/fan_in), biases N(0, 0.5²) and, for centroid layers, `kcp_count` KCPs.
inline void randomise_parameters(SpatialLayerGene& layer, const ImageShape& input, RandomStream& rng,
                                 std::size_t kcp_count = 1) {
  const LayerGeometry geometry = layer_geometry(layer, input);
  if (layer.mode == SharingMode::centroid) randomise_centroids(layer, rng, kcp_count);
  layer.banks = layer.mode == SharingMode::shared  ? 1
                : layer.mode == SharingMode::local ? geometry.convolved.cells()
                                                   : kcp_count;
  const double fan_in = static_cast<double>(layer.in_channels * layer.kernel_size * layer.kernel_size);
  layer.kernels.resize(layer.banks * layer.bank_weight_count());
  for (double& w : layer.kernels) w = rng.normal(0.0, 1.0 / std::sqrt(fan_in));
  layer.biases.resize(layer.banks * layer.out_channels);
  for (double& b : layer.biases) b = rng.normal(0.0, 0.5);
}

// The largest kernel size (≤ max_kernel) that fits an axis of `size` cells with `padding`.
inline std::size_t largest_fitting_kernel(std::size_t size, const Padding& padding, std::size_t max_kernel) {
  if (padding.kind == Padding::Kind::same) return max_kernel;
  const std::size_t pad = padding.kind == Padding::Kind::valid ? 0 : padding.amount;
  return std::min(max_kernel, size + 2 * pad);
}

// A random layer of `mode` reading `input`: C_out 1–5, k 1–5 (fitting), stride 1–3, any
// padding, pooling only where the convolved map has 2 × 2 cells, any well-conditioned activation
// (the float layers are compared with double references: inv, log, exp, square and cube
// magnify float rounding near their poles and steep parts; tests/test_float_activation.cpp
// checks those), and for
// centroid layers 1–5 KCPs, per_feature and normalise at random, scale S in [0.5, 2].
inline SpatialLayerGene random_layer(RandomStream& rng, SharingMode mode, const ImageShape& input,
                                     InnovationId innovation = 1) {
  SpatialLayerGene layer;
  layer.innovation = innovation;
  layer.mode = mode;
  layer.in_channels = input.channels;
  layer.out_channels = 1 + rng.index(5);
  layer.padding = random_padding(rng);
  const std::size_t fits = largest_fitting_kernel(std::min(input.height, input.width), layer.padding, 5);
  layer.kernel_size = 1 + rng.index(fits);
  layer.stride = 1 + rng.index(3);
  std::vector<Activation> activations;
  for (Activation a : all_activations())
    if (a != Activation::inv && a != Activation::log && a != Activation::exp && a != Activation::square &&
        a != Activation::cube)
      activations.push_back(a);
  layer.activation = activations[rng.index(activations.size())];
  const ImageShape convolved = layer_geometry(layer, input).convolved;
  if (convolved.height >= 2 && convolved.width >= 2 && rng.chance(0.5))
    layer.pooling = rng.chance(0.5) ? Pooling::max : Pooling::mean;
  if (mode == SharingMode::centroid) {
    layer.centroid.per_feature = rng.chance(0.5);
    layer.centroid.normalise = rng.chance(0.7);
    layer.centroid.scale = rng.uniform(0.5, 2.0);
  }
  randomise_parameters(layer, input, rng, 1 + rng.index(5));
  return layer;
}

// `batch` images of `shape`, row after row (CHW), uniform in [-1, 1].
inline std::vector<float> random_images(RandomStream& rng, const ImageShape& shape, std::size_t batch) {
  std::vector<float> images(batch * shape.size());
  for (float& x : images) x = static_cast<float>(rng.uniform(-1.0, 1.0));
  return images;
}

inline SpatialStack make_stack(const ImageShape& input, std::vector<SpatialLayerGene> layers,
                               ReadoutKind readout = ReadoutKind::flatten) {
  return {input, std::move(layers), readout};
}

// A genome reading `stack`: its input nodes are the readout nodes, node 0 is the bias node,
// nodes 1 … outputs are sigmoid outputs, and node outputs + 1 a tanh hidden node. Every
// readout node feeds every output and the hidden node (random weights); the hidden node and
// the bias feed every output.
inline Genome genome_with_front_end(const SpatialStack& stack, std::size_t outputs, RandomStream& rng) {
  Genome genome;
  genome.spatial = stack;
  const std::vector<NodeId> readout = readout_nodes(stack);
  const NodeId hidden = outputs + 1;
  genome.insert_node({0, NodeKind::bias, Activation::identity, 0.0});
  for (NodeId o = 1; o <= outputs; ++o) genome.insert_node({o, NodeKind::output, Activation::sigmoid, rng.normal(0.0, 0.5)});
  genome.insert_node({hidden, NodeKind::hidden, Activation::tanh, rng.normal(0.0, 0.5)});
  for (NodeId node : readout) genome.insert_node({node, NodeKind::input, Activation::identity, 0.0});
  InnovationId innovation = 1;
  const auto connect = [&](NodeId in, NodeId out) {
    genome.insert_connection({innovation++, in, out, rng.normal(0.0, 1.0), true});
  };
  for (NodeId node : readout) {
    connect(node, hidden);
    for (NodeId o = 1; o <= outputs; ++o) connect(node, o);
  }
  for (NodeId o = 1; o <= outputs; ++o) connect(hidden, o), connect(0, o);
  return genome;
}

// Virtual batch norm on, with gains in [0.5, 2] and shifts N(0, 0.5²), one per output channel.
inline void add_normalisation(SpatialLayerGene& layer, RandomStream& rng) {
  layer.virtual_batch_norm = true;
  layer.norm_gains.resize(layer.out_channels);
  layer.norm_shifts.resize(layer.out_channels);
  for (double& gain : layer.norm_gains) gain = rng.uniform(0.5, 2.0);
  for (double& shift : layer.norm_shifts) shift = rng.normal(0.0, 0.5);
}

}  // namespace convneat::testing
