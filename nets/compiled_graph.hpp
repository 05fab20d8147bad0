#pragma once
// The flat form both network types run on. Value slots are laid out as
//   [inputs (by node id)] [bias node, if any] [computed nodes]
// and each computed node owns a contiguous run of incoming edges (source slot, weight).
// A computed node n takes act_n(bias_n + response_n · agg_n(w_e · source_e over its edges)).
// Nodes that cannot reach an output through enabled connections are pruned.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "genome/genome.hpp"

namespace convneat {

// One depth of a feed-forward graph computed level by level (nets/dense_levels.hpp): the nodes
// whose deepest source is at depth d − 1 (inputs and the bias are depth 0). Its block nodes
// sum plainly and their connections fill most of a block of block_nodes × block_sources, so
// they run as one matrix product; the level's other nodes run connection by connection.
struct GraphLevel {
  std::vector<std::uint32_t> block_nodes;    // computed node indices, ascending
  std::vector<std::uint32_t> block_sources;  // the slots they read, ascending
  // For each edge of the block nodes (node by node, each node's edges in order): its row in
  // the block's weight matrix (block_sources × block_nodes), i.e. its source's position.
  std::vector<std::uint32_t> edge_row;
  std::vector<std::uint32_t> other_nodes;  // computed node indices, ascending
};

struct CompiledGraph {
  std::size_t input_count = 0;
  std::size_t bias_count = 0;  // 0 or 1 constant-1 slots after the inputs
  // The arrays below are views into one block the graph owns: a genome is compiled every
  // generation, and on small networks (XOR, the pole tasks) an allocation per array cost more
  // than filling them. Sized by allocate(); copies copy the block. Write their elements, never
  // point a view elsewhere (a copy finds each array by its place in the block). A view's
  // elements stay writable through a const graph: it is read-only by convention where const.
  std::span<double> node_bias;
  std::span<Activation> node_activation;
  // Each computed node's aggregation and response, or both empty when every node is the
  // original NEAT node (sum, response 1). Read them through aggregation(n) and response(n).
  std::span<Aggregation> node_aggregation;
  std::span<double> node_response;
  std::span<std::uint32_t> edge_begin;  // computed nodes + 1 entries
  std::span<std::uint32_t> edge_source;
  std::span<double> edge_weight;
  std::span<std::uint32_t> output_slots;
  // Where each value came from in the genome, so trained values can be written back:
  // the node gene id of each computed node, the index in genome.connections of each edge.
  std::span<NodeId> node_id;
  std::span<std::uint32_t> edge_connection;
  // Empty: every node connection by connection, in order (the default arithmetic). Filled by
  // plan_dense_levels (/network/dense_layers), when some depth holds a dense block.
  std::vector<GraphLevel> levels;

  CompiledGraph() = default;
  CompiledGraph(const CompiledGraph& other);
  CompiledGraph& operator=(const CompiledGraph& other);
  CompiledGraph(CompiledGraph&& other) noexcept;
  CompiledGraph& operator=(CompiledGraph&& other) noexcept;
  ~CompiledGraph() = default;

  // Sizes every array, zero-filled: `computed` nodes, `edges` edges, `outputs` output slots;
  // aggregation and response only when `general`.
  void allocate(std::size_t computed, std::size_t edges, std::size_t outputs, bool general);

  std::size_t first_computed_slot() const { return input_count + bias_count; }
  std::size_t computed_count() const { return node_bias.size(); }
  std::size_t slot_count() const { return first_computed_slot() + computed_count(); }
  // Whether computed node n is the original NEAT node, act(bias + Σ w·x): the phenotypes keep
  // that node's exact arithmetic (and so every result from before aggregation and response).
  bool sums_plainly(std::size_t n) const {
    return node_aggregation.empty() || (node_aggregation[n] == Aggregation::sum && node_response[n] == 1.0);
  }
  Aggregation aggregation(std::size_t n) const {
    return node_aggregation.empty() ? Aggregation::sum : node_aggregation[n];
  }
  double response(std::size_t n) const { return node_response.empty() ? 1.0 : node_response[n]; }

 private:
  // Calls f(&CompiledGraph::view) for every array view: the one list copies and moves walk.
  template <class F>
  static void for_each_view(F f) {
    f(&CompiledGraph::node_bias), f(&CompiledGraph::node_activation), f(&CompiledGraph::node_aggregation);
    f(&CompiledGraph::node_response), f(&CompiledGraph::edge_begin), f(&CompiledGraph::edge_source);
    f(&CompiledGraph::edge_weight), f(&CompiledGraph::output_slots), f(&CompiledGraph::node_id);
    f(&CompiledGraph::edge_connection);
  }

  std::unique_ptr<std::byte[]> block_;
  std::size_t block_size_ = 0;
};

enum class NodeOrder {
  topological,  // feed-forward: each node after all its sources; throws on a cycle
  by_id,        // recurrent: any fixed order, since all nodes update from the previous state
};

CompiledGraph compile_graph(const Genome& genome, NodeOrder order);

}  // namespace convneat
