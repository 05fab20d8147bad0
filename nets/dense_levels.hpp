#pragma once
// Dense levels (/network/dense_layers): when the nodes at one depth of a feed-forward graph read
// a common set of sources through (nearly) every possible connection — a hidden layer fed by
// a flattened front end, say — they are computed as one matrix product on Eigen's GEMM,
//   sums (batch × T) = values(:, sources) (batch × S) · W (S × T) + biases,
// W(s, t) being the weight of the connection s → t, or 0 where there is none, instead of T·S
// vector operations, one per connection. The sums add in another order than connection by
// connection, so results differ in the last bits: the option is off by default and a run
// records it. Each row goes through the same GEMM panel whatever the batch
// (row_stable_product.hpp), so an example's outputs do not depend on its batch and a single
// activation gives the bits of its row in a batch. A missing connection is a 0 in W, so a
// source holding ±∞ or NaN would turn into NaN the sums of block nodes it does not feed.
#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "nets/compiled_graph.hpp"

namespace convneat {

// Below this many connections a depth's vector loop costs about what the product does.
inline constexpr std::size_t kMinBlockConnections = 256;

// Fills graph.levels when some depth holds a dense block: nodes that sum plainly, with at
// least kMinBlockConnections connections filling at least half of their nodes × sources.
// Otherwise leaves it empty (every node connection by connection, as without the option).
// `graph` must be compiled in topological order.
void plan_dense_levels(CompiledGraph& graph);

// values(:, level.block_sources): batch × sources.
Eigen::MatrixXd block_inputs(const Eigen::ArrayXXd& values, const GraphLevel& level);

// The block's weight matrix W (sources × nodes) from the graph's current edge weights.
Eigen::MatrixXd block_weights(const CompiledGraph& graph, const GraphLevel& level);

// The block nodes' columns of `values` (batch × slots) from the columns of their sources; their
// sums before activation into `sums` (batch × computed nodes) when given.
void block_forward(const CompiledGraph& graph, const GraphLevel& level, Eigen::ArrayXXd& values,
                   Eigen::ArrayXXd* sums);

// Given δ (batch × block nodes: ∂L/∂sum of each block node) and the recorded values: adds each
// block edge's ∂L/∂w into `edge_gradient` and each source's ∂L/∂v into `adjoint` (batch × slots).
void block_backward(const CompiledGraph& graph, const GraphLevel& level, const Eigen::ArrayXXd& values,
                    const Eigen::MatrixXd& delta, std::vector<double>& edge_gradient, Eigen::ArrayXXd& adjoint);

}  // namespace convneat
