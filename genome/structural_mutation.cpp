#include <algorithm>
#include <vector>

#include "genome/graph_checks.hpp"
#include "genome/mutation.hpp"

namespace convneat {
namespace {

// Mutations pick "the k-th gene of a kind" by counting, not from a list of that kind: they run
// in the serial structural pass of reproduction, where a list's allocation per mutation showed
// in profiles of small genomes. The draws are the same as with a list.
template <class Gene, class Keep>
std::size_t count_where(const std::vector<Gene>& genes, Keep keep) {
  return static_cast<std::size_t>(std::count_if(genes.begin(), genes.end(), keep));
}

// The index in `genes` of the k-th (from 0) gene that `keep` accepts; k < count_where(genes, keep).
template <class Gene, class Keep>
std::size_t index_of_kth(const std::vector<Gene>& genes, std::size_t k, Keep keep) {
  for (std::size_t i = 0;; ++i)
    if (keep(genes[i]) && k-- == 0) return i;
}

bool is_target(const NodeGene& node) { return !is_source_only(node.kind); }
bool is_enabled(const ConnectionGene& connection) { return connection.enabled; }
bool is_hidden(const NodeGene& node) { return node.kind == NodeKind::hidden; }

}  // namespace

bool mutate_add_connection(Genome& genome, MutationContext& context) {
  const GenomeConfig& config = context.config;
  RandomStream& random = context.random;
  const std::size_t targets = count_where(genome.nodes, is_target);
  if (targets == 0) return false;

  for (std::size_t attempt = 0; attempt < config.add_connection_attempts; ++attempt) {
    const NodeId in = genome.nodes[random.index(genome.nodes.size())].id;
    const NodeId out = genome.nodes[index_of_kth(genome.nodes, random.index(targets), is_target)].id;
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
  const std::size_t enabled = count_where(genome.connections, is_enabled);
  if (enabled == 0) return false;

  ConnectionGene& split = genome.connections[index_of_kth(genome.connections, context.random.index(enabled), is_enabled)];
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
  const std::size_t hidden = count_where(genome.nodes, is_hidden);
  if (hidden == 0) return false;
  genome.remove_node_with_connections(genome.nodes[index_of_kth(genome.nodes, random.index(hidden), is_hidden)].id);
  return true;
}

bool mutate_toggle_enabled(Genome& genome, RandomStream& random) {
  if (genome.connections.empty()) return false;
  ConnectionGene& connection = genome.connections[random.index(genome.connections.size())];
  connection.enabled = !connection.enabled;  // feed-forward stays acyclic: cycles count disabled links too
  return true;
}

}  // namespace convneat
