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

void mutate(Genome& genome, MutationContext& context) {
  const GenomeConfig& config = context.config;
  RandomStream& random = context.random;
  // Spatial operators draw only for genomes with a front end, so graph-only runs see the
  // same random numbers as before spatial layers existed.
  if (genome.spatial) {
    if (random.chance(config.spatial.add_layer_rate)) mutate_add_layer(genome, context);
    if (random.chance(config.spatial.add_channel_rate)) mutate_add_channel(genome, config.spatial, random);
    if (random.chance(config.spatial.mode_mutate_rate)) mutate_sharing_mode(genome, config.spatial, random);
  }
  if (random.chance(config.add_node_rate)) mutate_add_node(genome, context);
  if (random.chance(config.add_connection_rate)) mutate_add_connection(genome, context);
  if (random.chance(config.delete_node_rate)) mutate_delete_node(genome, random);
  if (random.chance(config.delete_connection_rate)) mutate_delete_connection(genome, random);
  if (random.chance(config.toggle_enabled_rate)) mutate_toggle_enabled(genome, random);
  if (random.chance(config.activation_mutate_rate)) mutate_activation(genome, config, random);
  mutate_weights(genome, config, random);
  mutate_biases(genome, config, random);
  if (genome.spatial) mutate_spatial_parameters(*genome.spatial, config, random);
}

}  // namespace convneat
