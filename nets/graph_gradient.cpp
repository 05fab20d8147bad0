#include "nets/graph_gradient.hpp"

#include <stdexcept>
#include <vector>

#include "nets/activation_functions.hpp"
#include "nets/aggregation_functions.hpp"
#include "nets/dense_levels.hpp"
#include "nets/node_updates.hpp"

namespace convneat {
namespace {

Eigen::Index column(std::size_t index) { return static_cast<Eigen::Index>(index); }

// ∂L/∂v for every slot, seeded with the output gradient (an output node that also feeds
// another node gathers both terms).
Eigen::ArrayXXd seeded_adjoints(const CompiledGraph& graph, const GraphTape& tape,
                                const Eigen::MatrixXd& output_gradient) {
  if (output_gradient.rows() != tape.values.rows() ||
      output_gradient.cols() != column(graph.output_slots.size()))
    throw std::invalid_argument("output gradient is not batch × outputs of the recorded pass");
  Eigen::ArrayXXd adjoint = Eigen::ArrayXXd::Zero(tape.values.rows(), tape.values.cols());
  for (std::size_t o = 0; o < graph.output_slots.size(); ++o)
    adjoint.col(graph.output_slots[o]) += output_gradient.col(column(o)).array();
  return adjoint;
}

// The edges of a node that sums plainly: ∂input/∂term_e = 1 for every edge.
void plain_edges(const CompiledGraph& graph, std::size_t n, const GraphTape& tape, const Eigen::ArrayXd& delta,
                 Eigen::ArrayXXd& adjoint, GraphGradient& gradient) {
  for (std::uint32_t e = graph.edge_begin[n]; e < graph.edge_begin[n + 1]; ++e) {
    const auto source = tape.values.col(graph.edge_source[e]);
    gradient.edge_weight[e] = (delta * source).sum();
    adjoint.col(graph.edge_source[e]) += graph.edge_weight[e] * delta;
  }
}

// The edges of any other node: input = bias + response · agg(terms), so
// ∂input/∂term_e = response · ∂agg/∂term_e, which depends on the row's terms.
void general_edges(const CompiledGraph& graph, std::size_t n, const GraphTape& tape, const Eigen::ArrayXd& delta,
                   Eigen::ArrayXXd& adjoint, GraphGradient& gradient) {
  const std::uint32_t begin = graph.edge_begin[n], count = graph.edge_begin[n + 1] - begin;
  std::vector<double> terms, slopes(count);
  for (Eigen::Index r = 0; r < tape.values.rows(); ++r) {
    node_terms(graph, n, tape.values, r, terms);
    aggregation_slopes(graph.aggregation(n), terms, slopes);
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::uint32_t e = begin + i;
      const double term_adjoint = delta[r] * graph.response(n) * slopes[i];  // ∂L/∂term_e
      gradient.edge_weight[e] += term_adjoint * tape.values(r, graph.edge_source[e]);
      adjoint(r, graph.edge_source[e]) += term_adjoint * graph.edge_weight[e];
    }
  }
}

// One node's step of the backward pass: its δ from its ∂L/∂v (complete by then), its bias's
// gradient, and through its edges the weights' gradients and its sources' ∂L/∂v.
class NodeBackward {
 public:
  NodeBackward(const CompiledGraph& graph, const GraphTape& tape, Eigen::ArrayXXd& adjoint, GraphGradient& gradient)
      : graph_(graph), tape_(tape), adjoint_(adjoint), gradient_(gradient), slope_(tape.values.rows()),
        delta_(tape.values.rows()) {}

  // δ_n = ∂L/∂v_n · act_n'(sum_n), into `delta`; its sum is ∂L/∂bias_n.
  void node_delta(std::size_t n, Eigen::Ref<Eigen::ArrayXd> delta) {
    activation_slopes(graph_.node_activation[n], tape_.sums.col(column(n)),
                      tape_.values.col(column(graph_.first_computed_slot() + n)), slope_);
    delta = adjoint_.col(column(graph_.first_computed_slot() + n)) * slope_;
    gradient_.node_bias[n] = delta.sum();
  }

  void backpropagate(std::size_t n) {
    node_delta(n, delta_);
    if (graph_.sums_plainly(n))
      plain_edges(graph_, n, tape_, delta_, adjoint_, gradient_);
    else
      general_edges(graph_, n, tape_, delta_, adjoint_, gradient_);
  }

 private:
  const CompiledGraph& graph_;
  const GraphTape& tape_;
  Eigen::ArrayXXd& adjoint_;
  GraphGradient& gradient_;
  Eigen::ArrayXd slope_, delta_;
};

// A dense level's block as one product (dense_levels.hpp): δ of every block node, then the
// block's weights' and sources' gradients from them.
void block_deltas_backward(const CompiledGraph& graph, const GraphLevel& level, const GraphTape& tape,
                           NodeBackward& node, Eigen::ArrayXXd& adjoint, GraphGradient& gradient) {
  Eigen::MatrixXd delta(tape.values.rows(), column(level.block_nodes.size()));
  for (std::size_t t = 0; t < level.block_nodes.size(); ++t)
    node.node_delta(level.block_nodes[t], delta.col(column(t)).array());
  block_backward(graph, level, tape.values, delta, gradient.edge_weight, adjoint);
}

}  // namespace

GraphTape record_forward(const CompiledGraph& graph, const Eigen::MatrixXd& inputs) {
  if (inputs.cols() != column(graph.input_count))
    throw std::invalid_argument("input batch has the wrong number of columns");
  GraphTape tape;
  tape.values.resize(inputs.rows(), column(graph.slot_count()));
  tape.sums.resize(inputs.rows(), column(graph.computed_count()));
  load_batch_inputs(graph, inputs, tape.values);
  update_nodes(graph, tape.values, tape.values, &tape.sums);
  return tape;
}

Eigen::MatrixXd tape_outputs(const CompiledGraph& graph, const GraphTape& tape) {
  return gather_batch_outputs(graph, tape.values);
}

GraphGradient backpropagate(const CompiledGraph& graph, const GraphTape& tape,
                            const Eigen::MatrixXd& output_gradient) {
  Eigen::ArrayXXd adjoint = seeded_adjoints(graph, tape, output_gradient);
  GraphGradient gradient;
  gradient.node_bias.assign(graph.computed_count(), 0.0);
  gradient.edge_weight.assign(graph.edge_source.size(), 0.0);
  NodeBackward node(graph, tape, adjoint, gradient);
  if (graph.levels.empty()) {
    for (std::size_t n = graph.computed_count(); n-- > 0;) node.backpropagate(n);
  } else {
    // Deepest level first: every reader of a level's nodes is deeper, so their ∂L/∂v is complete.
    for (auto level = graph.levels.rbegin(); level != graph.levels.rend(); ++level) {
      if (!level->block_nodes.empty()) block_deltas_backward(graph, *level, tape, node, adjoint, gradient);
      for (auto n = level->other_nodes.rbegin(); n != level->other_nodes.rend(); ++n) node.backpropagate(*n);
    }
  }
  gradient.inputs = adjoint.leftCols(column(graph.input_count)).matrix();
  return gradient;
}

}  // namespace convneat
