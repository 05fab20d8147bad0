#include <vector>

#include "genome/mutation.hpp"
#include "genome/value_mutation.hpp"

namespace convneat {

void mutate_weights(Genome& genome, const GenomeConfig& config, RandomStream& random) {
  const auto mutation = ValueMutation::centred(config.weight_mutate_rate, config.weight_mutate_power, config.weight_replace_rate,
                               config.weight_init_stdev, config.weight_limit);
  for (ConnectionGene& connection : genome.connections) mutation.apply(connection.weight, random);
}

void mutate_biases(Genome& genome, const GenomeConfig& config, RandomStream& random) {
  const auto mutation = ValueMutation::centred(config.bias_mutate_rate, config.bias_mutate_power, config.bias_replace_rate,
                               config.bias_init_stdev, config.weight_limit);
  for (NodeGene& node : genome.nodes)
    if (node.kind == NodeKind::hidden || node.kind == NodeKind::output) mutation.apply(node.bias, random);
}

void mutate_responses(Genome& genome, const GenomeConfig& config, RandomStream& random) {
  // No draw at all when responses cannot change, so runs without them keep their numbers.
  if (config.response_mutate_rate <= 0.0 && config.response_replace_rate <= 0.0) return;
  const ValueMutation mutation{config.response_mutate_rate, config.response_mutate_power, config.response_replace_rate,
                               config.response_init_mean, config.response_init_stdev,
                               config.response_min_value, config.response_max_value};
  for (NodeGene& node : genome.nodes)
    if (node.kind == NodeKind::hidden || node.kind == NodeKind::output) mutation.apply(node.response, random);
}

namespace {

// Sets `attribute` of one hidden node, chosen uniformly, to one of `options`, chosen uniformly.
template <class Value>
bool choose_for_hidden_node(Genome& genome, const std::vector<Value>& options, Value NodeGene::*attribute,
                            RandomStream& random) {
  std::vector<NodeGene*> hidden;
  for (NodeGene& node : genome.nodes)
    if (node.kind == NodeKind::hidden) hidden.push_back(&node);
  if (hidden.empty() || options.empty()) return false;
  NodeGene& node = *hidden[random.index(hidden.size())];
  const Value chosen = options[random.index(options.size())];
  const bool changed = chosen != node.*attribute;
  node.*attribute = chosen;
  return changed;
}

}  // namespace

bool mutate_activation(Genome& genome, const GenomeConfig& config, RandomStream& random) {
  return choose_for_hidden_node(genome, config.activation_options, &NodeGene::activation, random);
}

bool mutate_aggregation(Genome& genome, const GenomeConfig& config, RandomStream& random) {
  return choose_for_hidden_node(genome, config.aggregation_options, &NodeGene::aggregation, random);
}

}  // namespace convneat
