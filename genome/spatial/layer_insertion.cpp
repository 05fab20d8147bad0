#include "genome/spatial/layer_insertion.hpp"

#include <stdexcept>
#include <string>

#include "genome/mutation.hpp"

namespace convneat {

SpatialLayerGene identity_layer(InnovationId innovation, std::size_t channels, const SpatialConfig& config) {
  const std::size_t k = config.added_layer_kernel;
  if (k % 2 == 0)
    throw std::invalid_argument("added_layer_kernel must be odd so that the identity kernel has a centre, got " +
                                std::to_string(k));
  SpatialLayerGene layer;
  layer.innovation = innovation;
  layer.kernel_size = k;
  layer.stride = 1;
  layer.padding = {Padding::Kind::same, 0};  // with stride 1 and odd k: (k − 1)/2 on every side
  layer.in_channels = channels;
  layer.out_channels = channels;
  layer.activation = config.added_layer_activation;
  layer.pooling = Pooling::none;
  layer.mode = SharingMode::shared;
  layer.banks = 1;
  layer.kernels.assign(layer.bank_weight_count(), 0.0);
  layer.biases.assign(channels, 0.0);
  for (std::size_t c = 0; c < channels; ++c) layer.weight(0, c, c, k / 2, k / 2) = 1.0;
  return layer;
}

void insert_identity_layer(SpatialStack& stack, std::size_t position, InnovationId innovation,
                           const SpatialConfig& config) {
  const std::size_t channels = stack.layers.at(position).in_channels;
  stack.layers.insert(stack.layers.begin() + static_cast<std::ptrdiff_t>(position),
                      identity_layer(innovation, channels, config));
}

bool mutate_add_layer(Genome& genome, MutationContext& context) {
  if (!genome.spatial || genome.spatial->layers.empty()) return false;
  const std::size_t position = context.random.index(genome.spatial->layers.size());
  const InnovationId innovation =
      context.innovations.inserted_layer(genome.spatial->layers[position].innovation, genome);
  insert_identity_layer(*genome.spatial, position, innovation, context.config.spatial);
  return true;
}

}  // namespace convneat
