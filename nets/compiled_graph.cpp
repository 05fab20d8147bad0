#include "nets/compiled_graph.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <memory_resource>
#include <span>
#include <stdexcept>

namespace convneat {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// The working lists of one compile live in a buffer on the stack, handed out by a monotonic
// resource and freed all at once: a genome is compiled every generation, and on small
// networks (XOR, the pole tasks) a dozen heap allocations and frees cost more than the rest.
using Scratch = std::pmr::memory_resource*;
template <class T>
using List = std::pmr::vector<T>;

// An enabled connection between two node genes, by their indices in genome.nodes (sorted by
// id, so an index is found by binary search: no hash map is built per compile).
struct Edge {
  std::uint32_t in, out;
  const ConnectionGene* gene;
};

std::uint32_t node_index(const Genome& genome, NodeId id) {
  const auto found = std::lower_bound(genome.nodes.begin(), genome.nodes.end(), id,
                                      [](const NodeGene& node, NodeId wanted) { return node.id < wanted; });
  if (found == genome.nodes.end() || found->id != id) return kNone;
  return static_cast<std::uint32_t>(found - genome.nodes.begin());
}

// Enabled connections whose two nodes exist, in the genome's order.
List<Edge> enabled_edges(const Genome& genome, Scratch scratch) {
  List<Edge> edges(scratch);
  edges.reserve(genome.connections.size());
  for (const ConnectionGene& c : genome.connections) {
    if (!c.enabled) continue;
    const std::uint32_t in = node_index(genome, c.in), out = node_index(genome, c.out);
    if (in != kNone && out != kNone) edges.push_back({in, out, &c});
  }
  return edges;
}

// For each node, the edges of `edges` keyed by `key` (its source or its target), in edge order:
// a compressed adjacency list (begin offsets, then edge indices).
struct Adjacency {
  List<std::uint32_t> begin, edge;
  std::span<const std::uint32_t> of(std::uint32_t node) const {
    return std::span<const std::uint32_t>(edge).subspan(begin[node], begin[node + 1] - begin[node]);
  }
};

template <class Key>
Adjacency adjacency(std::size_t node_count, const List<Edge>& edges, Key key, Scratch scratch) {
  Adjacency list{List<std::uint32_t>(node_count + 1, 0, scratch), List<std::uint32_t>(edges.size(), scratch)};
  for (const Edge& e : edges) ++list.begin[key(e) + 1];
  for (std::size_t n = 0; n < node_count; ++n) list.begin[n + 1] += list.begin[n];
  List<std::uint32_t> next(list.begin.begin(), list.begin.end() - 1, scratch);
  for (std::uint32_t i = 0; i < edges.size(); ++i) list.edge[next[key(edges[i])]++] = i;
  return list;
}

// Nodes from which an output can be reached (outputs included), as flags by node index.
List<char> nodes_reaching_outputs(const Genome& genome, const List<Edge>& edges, const Adjacency& into,
                                  Scratch scratch) {
  List<char> reached(genome.nodes.size(), 0, scratch);
  List<std::uint32_t> frontier(scratch);
  for (std::uint32_t n = 0; n < genome.nodes.size(); ++n)
    if (genome.nodes[n].kind == NodeKind::output) reached[n] = 1, frontier.push_back(n);
  while (!frontier.empty()) {
    const std::uint32_t node = frontier.back();
    frontier.pop_back();
    for (std::uint32_t e : into.of(node))
      if (!reached[edges[e].in]) reached[edges[e].in] = 1, frontier.push_back(edges[e].in);
  }
  return reached;
}

// Kahn's algorithm with a stack seeded lowest id first: a fixed order for a given genome.
List<std::uint32_t> topological_order(const Genome& genome, const List<std::uint32_t>& computed,
                                      const List<Edge>& edges, Scratch scratch) {
  List<char> is_computed(genome.nodes.size(), 0, scratch);
  for (std::uint32_t n : computed) is_computed[n] = 1;
  List<Edge> between(scratch);  // edges joining two computed nodes, in edge order
  for (const Edge& e : edges)
    if (is_computed[e.in] && is_computed[e.out]) between.push_back(e);
  List<std::uint32_t> pending(genome.nodes.size(), 0, scratch);  // incoming edges from nodes not yet placed
  for (const Edge& e : between) ++pending[e.out];
  const Adjacency out_of = adjacency(genome.nodes.size(), between, [](const Edge& e) { return e.in; }, scratch);

  List<std::uint32_t> order(scratch), ready(scratch);
  order.reserve(computed.size());
  for (auto it = computed.rbegin(); it != computed.rend(); ++it)
    if (pending[*it] == 0) ready.push_back(*it);
  while (!ready.empty()) {
    const std::uint32_t node = ready.back();
    ready.pop_back();
    order.push_back(node);
    for (std::uint32_t e : out_of.of(node))
      if (--pending[between[e].out] == 0) ready.push_back(between[e].out);
  }
  if (order.size() != computed.size())
    throw std::invalid_argument("genome holds a cycle: it cannot compile to a feed-forward network");
  return order;
}

}  // namespace

CompiledGraph compile_graph(const Genome& genome, NodeOrder order) {
  std::array<std::byte, 8192> buffer;  // enough for XOR and pole genomes; larger ones spill to the heap
  std::pmr::monotonic_buffer_resource resource(buffer.data(), buffer.size());
  const Scratch scratch = &resource;
  const List<Edge> edges = enabled_edges(genome, scratch);
  const Adjacency into = adjacency(genome.nodes.size(), edges, [](const Edge& e) { return e.out; }, scratch);
  const List<char> needed = nodes_reaching_outputs(genome, edges, into, scratch);

  CompiledGraph graph;
  List<std::uint32_t> slot(genome.nodes.size(), kNone, scratch);
  List<std::uint32_t> computed(scratch);
  for (std::uint32_t n = 0; n < genome.nodes.size(); ++n) {
    const NodeKind kind = genome.nodes[n].kind;
    if (kind == NodeKind::input) slot[n] = static_cast<std::uint32_t>(graph.input_count++);
    if ((kind == NodeKind::hidden || kind == NodeKind::output) && needed[n]) computed.push_back(n);
  }
  for (std::uint32_t n = 0; n < genome.nodes.size(); ++n)
    if (genome.nodes[n].kind == NodeKind::bias)
      slot[n] = static_cast<std::uint32_t>(graph.input_count + graph.bias_count++);
  if (order == NodeOrder::topological) computed = topological_order(genome, computed, edges, scratch);
  for (std::size_t i = 0; i < computed.size(); ++i)
    slot[computed[i]] = static_cast<std::uint32_t>(graph.first_computed_slot() + i);

  const bool general = std::any_of(computed.begin(), computed.end(), [&](std::uint32_t n) {
    return !genome.nodes[n].has_default_response_and_aggregation();
  });
  // Sized once: a compile per genome per generation makes its allocations the cost on small nets.
  graph.node_bias.reserve(computed.size());
  graph.node_activation.reserve(computed.size());
  graph.node_id.reserve(computed.size());
  if (general) graph.node_aggregation.reserve(computed.size()), graph.node_response.reserve(computed.size());
  graph.edge_begin.reserve(computed.size() + 1);
  graph.edge_source.reserve(edges.size());
  graph.edge_weight.reserve(edges.size());
  graph.edge_connection.reserve(edges.size());
  graph.edge_begin.push_back(0);
  for (std::uint32_t n : computed) {
    const NodeGene& node = genome.nodes[n];
    graph.node_bias.push_back(node.bias);
    graph.node_activation.push_back(node.activation);
    if (general) {
      graph.node_aggregation.push_back(node.aggregation);
      graph.node_response.push_back(node.response);
    }
    graph.node_id.push_back(node.id);
    for (std::uint32_t e : into.of(n)) {
      const Edge& edge = edges[e];
      if (slot[edge.in] == kNone) continue;  // from a node that is neither an input nor computed
      graph.edge_source.push_back(slot[edge.in]);
      graph.edge_weight.push_back(edge.gene->weight);
      graph.edge_connection.push_back(static_cast<std::uint32_t>(edge.gene - genome.connections.data()));
    }
    graph.edge_begin.push_back(static_cast<std::uint32_t>(graph.edge_source.size()));
  }
  for (std::uint32_t n = 0; n < genome.nodes.size(); ++n)
    if (genome.nodes[n].kind == NodeKind::output) graph.output_slots.push_back(slot[n]);
  return graph;
}

}  // namespace convneat
