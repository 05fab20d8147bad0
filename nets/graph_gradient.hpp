#pragma once
// Reverse-mode gradient of a feed-forward graph over a batch. The forward pass is the
// phenotype's own loop (update_nodes), keeping each node's sum before its activation; the
// backward pass walks the nodes in reverse topological order:
//   δ_n = ∂L/∂v_n · act_n'(sum_n)      ∂L/∂bias_n = Σ_rows δ_n
//   ∂L/∂w_e = Σ_rows δ_n · v_source(e)  ∂L/∂v_source(e) += w_e · δ_n
// for a summing node with response 1; a node with response r and another aggregation scales
// each edge's share by r · ∂agg/∂(w_e · v_source(e)). Responses are not trained.
// ∂L/∂v_n is complete when n is reached (every node reading v_n comes later in the order).
#include <vector>

#include <Eigen/Core>

#include "nets/compiled_graph.hpp"

namespace convneat {

// What the backward pass needs of one forward pass.
struct GraphTape {
  Eigen::ArrayXXd values;  // batch × slots, as the forward pass left them
  Eigen::ArrayXXd sums;    // batch × computed nodes: each node's input before its activation
};

// The forward pass of FeedForwardNetwork::activate_batch (the same loop, so the same values
// to the bit), keeping its tape. `graph` must be compiled in topological order.
GraphTape record_forward(const CompiledGraph& graph, const Eigen::MatrixXd& inputs);

// batch × outputs, as activate_batch returns them.
Eigen::MatrixXd tape_outputs(const CompiledGraph& graph, const GraphTape& tape);

struct GraphGradient {
  std::vector<double> node_bias;    // ∂L/∂bias, one per computed node
  std::vector<double> edge_weight;  // ∂L/∂w, one per edge
  Eigen::MatrixXd inputs;           // batch × inputs: ∂L/∂input, for a spatial front end below
};

// `output_gradient` is ∂L/∂output (batch × outputs) for the batch the tape recorded.
GraphGradient backpropagate(const CompiledGraph& graph, const GraphTape& tape,
                            const Eigen::MatrixXd& output_gradient);

}  // namespace convneat
