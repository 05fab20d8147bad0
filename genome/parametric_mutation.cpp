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

namespace {

// Mutates one real attribute, `value_of(node)`, of every hidden and output node; no draw at all
// when the attribute cannot change, so runs that leave it alone keep their numbers.
template <class ValueOf>
void mutate_node_attribute(Genome& genome, const RealAttribute& settings, ValueOf value_of, RandomStream& random) {
  if (!settings.mutates()) return;
  const ValueMutation mutation = settings.mutation();
  for (NodeGene& node : genome.nodes)
    if (node.kind == NodeKind::hidden || node.kind == NodeKind::output) mutation.apply(value_of(node), random);
}

}  // namespace

void mutate_responses(Genome& genome, const GenomeConfig& config, RandomStream& random) {
  mutate_node_attribute(genome, config.response, [](NodeGene& node) -> double& { return node.response; }, random);
}

void mutate_time_constants(Genome& genome, const GenomeConfig& config, RandomStream& random) {
  mutate_node_attribute(genome, config.time_constant, [](NodeGene& node) -> double& { return node.time_constant; },
                        random);
}

void mutate_izhikevich_parameters(Genome& genome, const GenomeConfig& config, RandomStream& random) {
  for (const IzhikevichAttribute& attribute : kIzhikevichAttributes)
    mutate_node_attribute(
        genome, config.*attribute.settings,
        [&attribute](NodeGene& node) -> double& { return node.izhikevich.*attribute.value; }, random);
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
