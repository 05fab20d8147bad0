#include "nets/compile_network.hpp"

#include "nets/feed_forward_network.hpp"
#include "nets/recurrent_network.hpp"
#include "nets/spatial_network.hpp"

namespace convneat {

std::unique_ptr<Network> compile_network(const Genome& genome, bool feed_forward) {
  if (genome.spatial && !genome.spatial->layers.empty()) return std::make_unique<SpatialNetwork>(genome, feed_forward);
  if (feed_forward) return std::make_unique<FeedForwardNetwork>(genome);
  return std::make_unique<RecurrentNetwork>(genome);
}

}  // namespace convneat
