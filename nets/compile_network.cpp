#include "nets/compile_network.hpp"

#include "nets/ctrnn_network.hpp"
#include "nets/feed_forward_network.hpp"
#include "nets/izhikevich_network.hpp"
#include "nets/recurrent_network.hpp"
#include "nets/spatial_network.hpp"

namespace convneat {

std::unique_ptr<Network> compile_network(const Genome& genome, const Phenotype& phenotype) {
  if (genome.spatial && !genome.spatial->layers.empty()) return std::make_unique<SpatialNetwork>(genome, phenotype);
  return compile_graph_network(genome, phenotype);
}

std::unique_ptr<Network> compile_graph_network(const Genome& genome, const Phenotype& phenotype) {
  switch (phenotype.network.kind) {
    case NetworkKind::ctrnn:
      return std::make_unique<CtrnnNetwork>(genome, phenotype.network);
    case NetworkKind::izhikevich:
      return std::make_unique<IzhikevichNetwork>(genome, phenotype.network);
    case NetworkKind::graph:
      break;
  }
  if (phenotype.feed_forward) return std::make_unique<FeedForwardNetwork>(genome, phenotype.network.dense_layers);
  return std::make_unique<RecurrentNetwork>(genome);
}

}  // namespace convneat
