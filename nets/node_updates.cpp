#include "nets/node_updates.hpp"

#include <stdexcept>

#include "nets/activation_functions.hpp"
#include "nets/aggregation_functions.hpp"
#include "nets/dense_levels.hpp"

namespace convneat {
namespace {

// bias + Σ w·x summed from the bias, the original NEAT node's arithmetic.
double plain_sum(const CompiledGraph& graph, std::size_t n, const double* source) {
  double sum = graph.node_bias[n];
  for (std::uint32_t e = graph.edge_begin[n]; e < graph.edge_begin[n + 1]; ++e)
    sum += graph.edge_weight[e] * source[graph.edge_source[e]];
  return sum;
}

// bias + response · agg(terms) of node n (agg may reorder the terms).
double combined(const CompiledGraph& graph, std::size_t n, std::vector<double>& terms) {
  return graph.node_bias[n] + graph.response(n) * aggregate(graph.aggregation(n), terms);
}

double general_input(const CompiledGraph& graph, std::size_t n, const double* source, std::vector<double>& terms) {
  node_terms(graph, n, source, terms);
  return combined(graph, n, terms);
}

// A general node over a batch, row by row through the same aggregation as a single instance,
// so that both give the same bits.
void general_column(const CompiledGraph& graph, std::size_t n, const Eigen::ArrayXXd& source,
                    Eigen::Ref<Eigen::ArrayXd> column) {
  std::vector<double> terms;
  for (Eigen::Index r = 0; r < source.rows(); ++r) {
    node_terms(graph, n, source, r, terms);
    column[r] = combined(graph, n, terms);
  }
}

// Node n's column of `target` from the columns of `source`, connection by connection.
void update_node(const CompiledGraph& graph, std::size_t n, const Eigen::ArrayXXd& source, Eigen::ArrayXXd& target,
                 Eigen::ArrayXXd* sums) {
  auto column = target.col(static_cast<Eigen::Index>(graph.first_computed_slot() + n));
  if (graph.sums_plainly(n)) {
    column = graph.node_bias[n];
    for (std::uint32_t e = graph.edge_begin[n]; e < graph.edge_begin[n + 1]; ++e)
      column += graph.edge_weight[e] * source.col(graph.edge_source[e]);
  } else {
    general_column(graph, n, source, column);
  }
  if (sums) sums->col(static_cast<Eigen::Index>(n)) = column;
  activate_in_place(graph.node_activation[n], column);
}

}  // namespace

void node_terms(const CompiledGraph& graph, std::size_t n, const double* source, std::vector<double>& terms) {
  terms.clear();
  for (std::uint32_t e = graph.edge_begin[n]; e < graph.edge_begin[n + 1]; ++e)
    terms.push_back(graph.edge_weight[e] * source[graph.edge_source[e]]);
}

void node_terms(const CompiledGraph& graph, std::size_t n, const Eigen::ArrayXXd& values, Eigen::Index row,
                std::vector<double>& terms) {
  terms.clear();
  for (std::uint32_t e = graph.edge_begin[n]; e < graph.edge_begin[n + 1]; ++e)
    terms.push_back(graph.edge_weight[e] * values(row, graph.edge_source[e]));
}

double node_input(const CompiledGraph& graph, std::size_t n, const double* source, std::vector<double>& terms) {
  return graph.sums_plainly(n) ? plain_sum(graph, n, source) : general_input(graph, n, source, terms);
}

void update_nodes(const CompiledGraph& graph, const double* source, double* target) {
  if (!graph.levels.empty()) throw std::logic_error("a graph with dense levels runs in batches (a batch of one)");
  const std::size_t first = graph.first_computed_slot();
  std::vector<double> terms;
  for (std::size_t n = 0; n < graph.computed_count(); ++n)
    target[first + n] = activate(graph.node_activation[n], node_input(graph, n, source, terms));
}

void update_nodes(const CompiledGraph& graph, const Eigen::ArrayXXd& source, Eigen::ArrayXXd& target,
                  Eigen::ArrayXXd* sums) {
  if (graph.levels.empty()) {
    for (std::size_t n = 0; n < graph.computed_count(); ++n) update_node(graph, n, source, target, sums);
    return;
  }
  // Dense levels (a feed-forward graph, so source is target): depth after depth.
  for (const GraphLevel& level : graph.levels) {
    if (!level.block_nodes.empty()) block_forward(graph, level, target, sums);
    for (std::uint32_t n : level.other_nodes) update_node(graph, n, target, target, sums);
  }
}

void load_batch_inputs(const CompiledGraph& graph, const Eigen::MatrixXd& inputs, Eigen::ArrayXXd& values) {
  values.leftCols(inputs.cols()) = inputs.array();
  for (std::size_t b = 0; b < graph.bias_count; ++b) values.col(static_cast<Eigen::Index>(graph.input_count + b)) = 1.0;
}

Eigen::MatrixXd gather_batch_outputs(const CompiledGraph& graph, const Eigen::ArrayXXd& values) {
  Eigen::MatrixXd outputs(values.rows(), static_cast<Eigen::Index>(graph.output_slots.size()));
  for (std::size_t o = 0; o < graph.output_slots.size(); ++o)
    outputs.col(static_cast<Eigen::Index>(o)) = values.col(graph.output_slots[o]).matrix();
  return outputs;
}

}  // namespace convneat
