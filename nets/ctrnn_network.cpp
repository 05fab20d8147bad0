#include "nets/ctrnn_network.hpp"

#include <cmath>

namespace convneat {

std::vector<double> ctrnn_kept_fractions(const Genome& genome, const CompiledGraph& graph,
                                         const NetworkSettings& settings) {
  std::vector<double> kept(graph.computed_count());
  for (std::size_t n = 0; n < kept.size(); ++n) {
    const NodeGene* node = genome.find_node(graph.node_id[n]);
    const double h = settings.time_step / node->time_constant;
    kept[n] = settings.integration == Integration::exponential ? std::exp(-h) : 1.0 - h;
  }
  return kept;
}

CtrnnNetwork::CtrnnNetwork(const Genome& genome, const NetworkSettings& settings) : RecurrentNetwork(genome) {
  keep_state_fractions(ctrnn_kept_fractions(genome, graph(), settings), settings.steps_per_activation);
}

}  // namespace convneat
