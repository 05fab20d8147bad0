#include "genome/spatial/crossover.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "genome/spatial/layer_channels.hpp"
#include "genome/spatial/geometry.hpp"

namespace convneat {
namespace {

// Layers of one innovation id share these for the whole run; the check only guards against
// genomes of runs with different settings.
bool same_hyper_parameters(const SpatialLayerGene& a, const SpatialLayerGene& b) {
  return a.kernel_size == b.kernel_size && a.stride == b.stride && a.padding == b.padding &&
         a.activation == b.activation && a.pooling == b.pooling;
}

const SpatialLayerGene* find_layer(const SpatialStack& stack, InnovationId innovation, std::size_t& index) {
  for (index = 0; index < stack.layers.size(); ++index)
    if (stack.layers[index].innovation == innovation) return &stack.layers[index];
  return nullptr;
}

void check_same_size(const LayerGeometry& a, const LayerGeometry& b, InnovationId layer) {
  if (a.convolved.height != b.convolved.height || a.convolved.width != b.convolved.width)
    throw std::logic_error("crossover: spatial layer " + std::to_string(layer) + " is " +
                           std::to_string(a.convolved.height) + "x" + std::to_string(a.convolved.width) +
                           " in one parent and " + std::to_string(b.convolved.height) + "x" +
                           std::to_string(b.convolved.width) + " in the other");
}

}  // namespace

SpatialStack crossover_stacks(const SpatialStack& fitter, const SpatialStack& other, RandomStream& random) {
  const std::vector<LayerGeometry> fitter_geometry = stack_geometry(fitter);
  const std::vector<LayerGeometry> other_geometry = stack_geometry(other);
  SpatialStack child = fitter;
  for (std::size_t i = 0; i < child.layers.size(); ++i) {
    std::size_t j = 0;
    const SpatialLayerGene* match = find_layer(other, child.layers[i].innovation, j);
    if (match == nullptr || !same_hyper_parameters(child.layers[i], *match)) continue;
    check_same_size(fitter_geometry[i], other_geometry[j], match->innovation);
    if (random.chance(0.5)) child.layers[i] = *match;
  }
  repair_channel_chain(child);
  return child;
}

void repair_channel_chain(SpatialStack& stack) {
  std::size_t channels = stack.input.channels;
  for (SpatialLayerGene& layer : stack.layers) {
    if (layer.in_channels != channels) resize_input_channels(layer, channels);
    channels = layer.out_channels;
  }
}

}  // namespace convneat
