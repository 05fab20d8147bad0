#include <algorithm>
#include <vector>

#include "genome/graph_checks.hpp"
#include "genome/mutation.hpp"

namespace convneat {

bool mutate_add_connection(Genome& genome, MutationContext& context) {
  const GenomeConfig& config = context.config;
  RandomStream& random = context.random;
  std::vector<NodeId> targets;
  for (const NodeGene& node : genome.nodes)
    if (!is_source_only(node.kind)) targets.push_back(node.id);
  if (targets.empty()) return false;

  for (std::size_t attempt = 0; attempt < config.add_connection_attempts; ++attempt) {
    const NodeId in = genome.nodes[random.index(genome.nodes.size())].id;
    const NodeId out = targets[random.index(targets.size())];
    if (config.feed_forward && creates_cycle(genome, in, out)) continue;
    if (ConnectionGene* existing = genome.find_connection(in, out)) {
      if (existing->enabled) continue;
      existing->enabled = true;  // re-adding a disabled link revives it rather than duplicating it
      return true;
    }
    const InnovationId innovation = context.innovations.new_connection(in, out);
    genome.insert_connection({innovation, in, out, random.normal(0.0, config.weight_init_stdev), true});
    return true;
  }
  return false;
}

bool mutate_add_node(Genome& genome, MutationContext& context) {
  std::vector<std::size_t> enabled;
  for (std::size_t i = 0; i < genome.connections.size(); ++i)
    if (genome.connections[i].enabled) enabled.push_back(i);
  if (enabled.empty()) return false;

  ConnectionGene& split = genome.connections[enabled[context.random.index(enabled.size())]];
  split.enabled = false;
  const ConnectionGene old = split;  // copy: the insertions below move the vector's elements
  const NodeId node = context.innovations.split_node(old, genome);
  NodeGene added{node, NodeKind::hidden, context.config.hidden_activation, 0.0};
  added.aggregation = context.config.hidden_aggregation;  // one input: every aggregation passes it on
  added.response = context.config.response.split_value();
  added.time_constant = context.config.time_constant.split_value();
  for (const IzhikevichAttribute& attribute : kIzhikevichAttributes)
    added.izhikevich.*attribute.value = (context.config.*attribute.settings).split_value();
  genome.insert_node(added);
  // in -> new takes weight 1 and new -> out the old weight, so the network barely changes.
  genome.insert_connection({context.innovations.new_connection(old.in, node), old.in, node, 1.0, true});
  genome.insert_connection({context.innovations.new_connection(node, old.out), node, old.out, old.weight, true});
  return true;
}

bool mutate_delete_connection(Genome& genome, RandomStream& random) {
  if (genome.connections.empty()) return false;
  genome.remove_connection_at(random.index(genome.connections.size()));
  return true;
}

bool mutate_delete_node(Genome& genome, RandomStream& random) {
  std::vector<NodeId> hidden;
  for (const NodeGene& node : genome.nodes)
    if (node.kind == NodeKind::hidden) hidden.push_back(node.id);
  if (hidden.empty()) return false;
  genome.remove_node_with_connections(hidden[random.index(hidden.size())]);
  return true;
}

bool mutate_toggle_enabled(Genome& genome, RandomStream& random) {
  if (genome.connections.empty()) return false;
  ConnectionGene& connection = genome.connections[random.index(genome.connections.size())];
  connection.enabled = !connection.enabled;  // feed-forward stays acyclic: cycles count disabled links too
  return true;
}

}  // namespace convneat
