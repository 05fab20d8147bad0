#include "nets/compiled_graph.hpp"

#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace convneat {
namespace {

std::vector<const ConnectionGene*> enabled_connections(const Genome& genome) {
  std::vector<const ConnectionGene*> enabled;
  for (const ConnectionGene& c : genome.connections)
    if (c.enabled) enabled.push_back(&c);
  return enabled;
}

// Nodes from which an output can be reached (outputs included).
std::unordered_set<NodeId> nodes_reaching_outputs(const Genome& genome,
                                                  const std::vector<const ConnectionGene*>& edges) {
  std::unordered_set<NodeId> reached;
  std::vector<NodeId> frontier;
  for (const NodeGene& n : genome.nodes)
    if (n.kind == NodeKind::output) reached.insert(n.id), frontier.push_back(n.id);
  std::unordered_map<NodeId, std::vector<NodeId>> sources;
  for (const ConnectionGene* c : edges) sources[c->out].push_back(c->in);
  while (!frontier.empty()) {
    NodeId node = frontier.back();
    frontier.pop_back();
    for (NodeId source : sources[node])
      if (reached.insert(source).second) frontier.push_back(source);
  }
  return reached;
}

std::vector<const NodeGene*> topological_order(const std::vector<const NodeGene*>& computed,
                                               const std::vector<const ConnectionGene*>& edges) {
  std::unordered_map<NodeId, std::size_t> pending;  // incoming edges from computed nodes not yet placed
  std::unordered_map<NodeId, std::vector<NodeId>> successors;
  std::unordered_map<NodeId, const NodeGene*> by_id;
  for (const NodeGene* n : computed) pending[n->id] = 0, by_id[n->id] = n;
  for (const ConnectionGene* c : edges)
    if (pending.contains(c->in) && pending.contains(c->out)) ++pending[c->out], successors[c->in].push_back(c->out);

  std::vector<const NodeGene*> order;
  std::vector<NodeId> ready;
  for (auto it = computed.rbegin(); it != computed.rend(); ++it)  // lowest id first: a fixed order
    if (pending[(*it)->id] == 0) ready.push_back((*it)->id);
  while (!ready.empty()) {
    NodeId node = ready.back();
    ready.pop_back();
    order.push_back(by_id[node]);
    for (NodeId next : successors[node])
      if (--pending[next] == 0) ready.push_back(next);
  }
  if (order.size() != computed.size())
    throw std::invalid_argument("genome holds a cycle: it cannot compile to a feed-forward network");
  return order;
}

}  // namespace

CompiledGraph compile_graph(const Genome& genome, NodeOrder order) {
  const std::vector<const ConnectionGene*> edges = enabled_connections(genome);
  const std::unordered_set<NodeId> needed = nodes_reaching_outputs(genome, edges);

  CompiledGraph graph;
  std::unordered_map<NodeId, std::uint32_t> slot;
  std::vector<const NodeGene*> computed;
  for (const NodeGene& n : genome.nodes) {
    if (n.kind == NodeKind::input) slot[n.id] = static_cast<std::uint32_t>(graph.input_count++);
    if (n.kind == NodeKind::hidden || n.kind == NodeKind::output)
      if (needed.contains(n.id)) computed.push_back(&n);
  }
  for (const NodeGene& n : genome.nodes)
    if (n.kind == NodeKind::bias) slot[n.id] = static_cast<std::uint32_t>(graph.input_count + graph.bias_count++);
  if (order == NodeOrder::topological) computed = topological_order(computed, edges);
  for (const NodeGene* n : computed) slot[n->id] = static_cast<std::uint32_t>(slot.size());

  std::unordered_map<NodeId, std::vector<const ConnectionGene*>> incoming;
  for (const ConnectionGene* c : edges)
    if (slot.contains(c->in) && slot.contains(c->out)) incoming[c->out].push_back(c);

  graph.edge_begin.push_back(0);
  for (const NodeGene* n : computed) {
    graph.node_bias.push_back(n->bias);
    graph.node_activation.push_back(n->activation);
    graph.node_id.push_back(n->id);
    for (const ConnectionGene* c : incoming[n->id]) {
      graph.edge_source.push_back(slot.at(c->in));
      graph.edge_weight.push_back(c->weight);
      graph.edge_connection.push_back(static_cast<std::uint32_t>(c - genome.connections.data()));
    }
    graph.edge_begin.push_back(static_cast<std::uint32_t>(graph.edge_source.size()));
  }
  for (const NodeGene& n : genome.nodes)
    if (n.kind == NodeKind::output) graph.output_slots.push_back(slot.at(n.id));
  return graph;
}

}  // namespace convneat
