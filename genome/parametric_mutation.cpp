#include <vector>

#include "genome/mutation.hpp"
#include "genome/value_mutation.hpp"

namespace convneat {

void mutate_weights(Genome& genome, const GenomeConfig& config, RandomStream& random) {
  const ValueMutation mutation{config.weight_mutate_rate, config.weight_mutate_power, config.weight_replace_rate,
                               config.weight_init_stdev, config.weight_limit};
  for (ConnectionGene& connection : genome.connections) mutation.apply(connection.weight, random);
}

void mutate_biases(Genome& genome, const GenomeConfig& config, RandomStream& random) {
  const ValueMutation mutation{config.bias_mutate_rate, config.bias_mutate_power, config.bias_replace_rate,
                               config.bias_init_stdev, config.weight_limit};
  for (NodeGene& node : genome.nodes)
    if (node.kind == NodeKind::hidden || node.kind == NodeKind::output) mutation.apply(node.bias, random);
}

bool mutate_activation(Genome& genome, const GenomeConfig& config, RandomStream& random) {
  std::vector<NodeGene*> hidden;
  for (NodeGene& node : genome.nodes)
    if (node.kind == NodeKind::hidden) hidden.push_back(&node);
  if (hidden.empty() || config.activation_options.empty()) return false;
  NodeGene& node = *hidden[random.index(hidden.size())];
  Activation chosen = config.activation_options[random.index(config.activation_options.size())];
  const bool changed = chosen != node.activation;
  node.activation = chosen;
  return changed;
}

}  // namespace convneat
