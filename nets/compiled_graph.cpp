#include "nets/compiled_graph.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <limits>
#include <memory_resource>
#include <span>
#include <stdexcept>
#include <utility>

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

// The graph's arrays: each computed node in `computed` order with its incoming edges, then the
// output slots. Edges from a node that is neither an input nor computed are left out.
void fill_arrays(const Genome& genome, const List<std::uint32_t>& computed, const List<Edge>& edges,
                 const Adjacency& into, const List<std::uint32_t>& slot, CompiledGraph& graph) {
  const bool general = std::any_of(computed.begin(), computed.end(), [&](std::uint32_t n) {
    return !genome.nodes[n].has_default_response_and_aggregation();
  });
  const auto kept = [&](std::uint32_t e) { return slot[edges[e].in] != kNone; };
  std::size_t edge_count = 0, output_count = 0;
  for (std::uint32_t n : computed)
    for (std::uint32_t e : into.of(n)) edge_count += kept(e) ? 1 : 0;
  for (const NodeGene& node : genome.nodes) output_count += node.kind == NodeKind::output ? 1 : 0;
  graph.allocate(computed.size(), edge_count, output_count, general);

  std::size_t edge = 0;
  for (std::size_t i = 0; i < computed.size(); ++i) {
    const NodeGene& node = genome.nodes[computed[i]];
    graph.node_bias[i] = node.bias;
    graph.node_activation[i] = node.activation;
    if (general) {
      graph.node_aggregation[i] = node.aggregation;
      graph.node_response[i] = node.response;
    }
    graph.node_id[i] = node.id;
    for (std::uint32_t e : into.of(computed[i])) {
      if (!kept(e)) continue;
      graph.edge_source[edge] = slot[edges[e].in];
      graph.edge_weight[edge] = edges[e].gene->weight;
      graph.edge_connection[edge] = static_cast<std::uint32_t>(edges[e].gene - genome.connections.data());
      ++edge;
    }
    graph.edge_begin[i + 1] = static_cast<std::uint32_t>(edge);
  }
  std::size_t output = 0;
  for (std::uint32_t n = 0; n < genome.nodes.size(); ++n)
    if (genome.nodes[n].kind == NodeKind::output) graph.output_slots[output++] = slot[n];
}

// Lays arrays out one after another in a block, each at its type's alignment; a first pass
// with no block measures, a second places.
class BlockLayout {
 public:
  explicit BlockLayout(std::byte* block) : block_(block) {}
  template <class T>
  std::span<T> place(std::size_t count) {
    if (count == 0) return {};
    size_ = (size_ + alignof(T) - 1) / alignof(T) * alignof(T);
    std::span<T> view;
    if (block_ != nullptr) {
      T* first = reinterpret_cast<T*>(block_ + size_);
      std::uninitialized_value_construct_n(first, count);
      view = std::span<T>(first, count);
    }
    size_ += count * sizeof(T);
    return view;
  }
  std::size_t size() const { return size_; }

 private:
  std::byte* block_;
  std::size_t size_ = 0;
};

template <class T>
std::span<T> same_place(std::span<T> view, const std::byte* from, std::byte* to) {
  if (view.empty()) return {};
  return std::span<T>(reinterpret_cast<T*>(to + (reinterpret_cast<const std::byte*>(view.data()) - from)),
                      view.size());
}

}  // namespace

void CompiledGraph::allocate(std::size_t computed, std::size_t edges, std::size_t outputs, bool general) {
  // Eight-byte arrays first, then four-byte ones: no padding between them.
  const auto lay_out = [&](BlockLayout& layout) {
    node_bias = layout.place<double>(computed);
    node_response = layout.place<double>(general ? computed : 0);
    edge_weight = layout.place<double>(edges);
    node_id = layout.place<NodeId>(computed);
    edge_begin = layout.place<std::uint32_t>(computed + 1);
    edge_source = layout.place<std::uint32_t>(edges);
    edge_connection = layout.place<std::uint32_t>(edges);
    output_slots = layout.place<std::uint32_t>(outputs);
    node_activation = layout.place<Activation>(computed);
    node_aggregation = layout.place<Aggregation>(general ? computed : 0);
  };
  BlockLayout measure(nullptr);
  lay_out(measure);
  block_size_ = measure.size();
  block_ = std::make_unique_for_overwrite<std::byte[]>(block_size_);  // place() fills every array
  BlockLayout place(block_.get());
  lay_out(place);
}

CompiledGraph::CompiledGraph(const CompiledGraph& other)
    : input_count(other.input_count),
      bias_count(other.bias_count),
      levels(other.levels),
      block_(other.block_ ? std::make_unique_for_overwrite<std::byte[]>(other.block_size_) : nullptr),
      block_size_(other.block_size_) {
  if (!block_) return;
  std::memcpy(block_.get(), other.block_.get(), block_size_);
  // Each view at the same place in this block as the original's in its own.
  for_each_view([&](auto view) { this->*view = same_place(other.*view, other.block_.get(), block_.get()); });
}

CompiledGraph& CompiledGraph::operator=(const CompiledGraph& other) {
  if (this != &other) *this = CompiledGraph(other);
  return *this;
}

CompiledGraph::CompiledGraph(CompiledGraph&& other) noexcept { *this = std::move(other); }

CompiledGraph& CompiledGraph::operator=(CompiledGraph&& other) noexcept {
  if (this == &other) return *this;
  input_count = other.input_count;
  bias_count = other.bias_count;
  levels = std::move(other.levels);
  block_size_ = std::exchange(other.block_size_, 0);
  // The views move with the block (it stays where it is); the emptied graph has none.
  for_each_view([&](auto view) { this->*view = std::exchange(other.*view, {}); });
  block_ = std::move(other.block_);
  return *this;
}

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

  fill_arrays(genome, computed, edges, into, slot, graph);
  return graph;
}

}  // namespace convneat
