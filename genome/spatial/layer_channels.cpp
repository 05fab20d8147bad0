#include "genome/spatial/layer_channels.hpp"

#include <algorithm>
#include <vector>

#include "genome/spatial/initial_stack.hpp"
#include "genome/mutation.hpp"
#include "genome/spatial/readout_inputs.hpp"
#include "genome/spatial/geometry.hpp"

namespace convneat {
namespace {

// Readout node ids hold the channel in 12 bits, so the last layer cannot grow past that.
std::size_t channel_limit(const SpatialStack& stack, std::size_t index, const SpatialConfig& config) {
  const bool last = index + 1 == stack.layers.size();
  return last ? std::min(config.max_channels, kMaxChannels) : config.max_channels;
}

}  // namespace

void resize_input_channels(SpatialLayerGene& layer, std::size_t channels) {
  const std::size_t area = layer.kernel_size * layer.kernel_size, old = layer.in_channels;
  const std::size_t kept = std::min(old, channels) * area;
  std::vector<double> kernels(layer.banks * layer.out_channels * channels * area, 0.0);
  for (std::size_t slice = 0; slice < layer.banks * layer.out_channels; ++slice) {
    const auto from = layer.kernels.begin() + static_cast<std::ptrdiff_t>(slice * old * area);
    std::copy(from, from + static_cast<std::ptrdiff_t>(kept),
              kernels.begin() + static_cast<std::ptrdiff_t>(slice * channels * area));
  }
  layer.in_channels = channels;
  layer.kernels = std::move(kernels);
}

void append_output_channel(SpatialLayerGene& layer, double stdev, RandomStream& random) {
  const std::size_t slice = layer.in_channels * layer.kernel_size * layer.kernel_size, old = layer.out_channels;
  std::vector<double> kernels, biases;
  kernels.reserve(layer.banks * (old + 1) * slice);
  biases.reserve(layer.banks * (old + 1));
  for (std::size_t bank = 0; bank < layer.banks; ++bank) {
    const auto bank_kernels = layer.kernels.begin() + static_cast<std::ptrdiff_t>(bank * old * slice);
    kernels.insert(kernels.end(), bank_kernels, bank_kernels + static_cast<std::ptrdiff_t>(old * slice));
    for (std::size_t i = 0; i < slice; ++i) kernels.push_back(random.normal(0.0, stdev));
    const auto bank_biases = layer.biases.begin() + static_cast<std::ptrdiff_t>(bank * old);
    biases.insert(biases.end(), bank_biases, bank_biases + static_cast<std::ptrdiff_t>(old));
    biases.push_back(random.normal(0.0, stdev));
  }
  if (layer.mode == SharingMode::centroid && layer.centroid.per_feature) {
    // Centroid of (k, o) is at k·C_out + o: regroup with one more channel per KCP.
    std::vector<Point2> centroids;
    for (std::size_t k = 0; k < layer.centroid.shapes.size(); ++k) {
      const auto first = layer.centroid.centroids.begin() + static_cast<std::ptrdiff_t>(k * old);
      centroids.insert(centroids.end(), first, first + static_cast<std::ptrdiff_t>(old));
      centroids.push_back(*first);
    }
    layer.centroid.centroids = std::move(centroids);
  }
  if (layer.virtual_batch_norm) {  // the neutral gain and shift: the new channel's map as normalised
    layer.norm_gains.push_back(1.0);
    layer.norm_shifts.push_back(0.0);
  }
  layer.out_channels = old + 1;
  layer.kernels = std::move(kernels);
  layer.biases = std::move(biases);
}

void add_channel(Genome& genome, std::size_t index, const SpatialConfig& config, RandomStream& random) {
  SpatialStack& stack = *genome.spatial;
  SpatialLayerGene& layer = stack.layers.at(index);
  append_output_channel(layer, kernel_init_stdev(layer, config.kernel_init_scale), random);
  if (index + 1 < stack.layers.size())
    resize_input_channels(stack.layers[index + 1], layer.out_channels);
  else
    match_inputs_to_readout(genome);
}

void connect_readout_channel(Genome& genome, std::size_t channel, InnovationPolicy& innovations) {
  std::vector<NodeId> readout, outputs;
  for (const NodeGene& node : genome.nodes) {
    if (node.kind == NodeKind::output) outputs.push_back(node.id);
    else if (is_readout_node_id(node.id) && readout_source(node.id).channel == channel) readout.push_back(node.id);
  }
  // The channel's readout nodes were just added, so none of these links exists yet.
  for (const NodeId in : readout)
    for (const NodeId out : outputs) genome.insert_connection({innovations.new_connection(in, out), in, out, 0.0, true});
}

bool mutate_add_channel(Genome& genome, MutationContext& context) {
  if (!genome.spatial) return false;
  const SpatialConfig& config = context.config.spatial;
  const SpatialStack& stack = *genome.spatial;
  std::vector<std::size_t> growable;
  for (std::size_t i = 0; i < stack.layers.size(); ++i)
    if (stack.layers[i].out_channels < channel_limit(stack, i, config)) growable.push_back(i);
  if (growable.empty()) return false;
  const std::size_t layer = growable[context.random.index(growable.size())];
  add_channel(genome, layer, config, context.random);
  const SpatialLayerGene& grown = genome.spatial->layers[layer];
  if (config.connect_new_channels && layer + 1 == genome.spatial->layers.size())
    connect_readout_channel(genome, grown.out_channels - 1, context.innovations);
  return true;
}

}  // namespace convneat
