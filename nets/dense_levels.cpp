#include "nets/dense_levels.hpp"

#include <algorithm>
#include <vector>

#include "nets/activation_functions.hpp"
#include "nets/row_stable_product.hpp"

namespace convneat {
namespace {

Eigen::Index column(std::size_t index) { return static_cast<Eigen::Index>(index); }

// Each slot's depth: 0 for inputs and the bias, 1 + the deepest source for a computed node.
std::vector<std::size_t> slot_depths(const CompiledGraph& graph) {
  std::vector<std::size_t> depth(graph.slot_count(), 0);
  const std::size_t first = graph.first_computed_slot();
  for (std::size_t n = 0; n < graph.computed_count(); ++n) {
    std::size_t deepest = 0;
    for (std::uint32_t e = graph.edge_begin[n]; e < graph.edge_begin[n + 1]; ++e)
      deepest = std::max(deepest, depth[graph.edge_source[e]]);
    depth[first + n] = deepest + 1;
  }
  return depth;
}

// Splits the nodes of one depth into a block and the rest; whether the block is dense enough.
bool split_level(const CompiledGraph& graph, const std::vector<std::uint32_t>& nodes, GraphLevel& level) {
  std::vector<std::uint32_t> plain, sources;
  std::size_t connections = 0;
  for (std::uint32_t n : nodes) {
    if (!graph.sums_plainly(n)) continue;
    plain.push_back(n);
    connections += graph.edge_begin[n + 1] - graph.edge_begin[n];
    for (std::uint32_t e = graph.edge_begin[n]; e < graph.edge_begin[n + 1]; ++e)
      sources.push_back(graph.edge_source[e]);
  }
  std::sort(sources.begin(), sources.end());
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  const bool dense = connections >= kMinBlockConnections && 2 * connections >= plain.size() * sources.size();
  if (!dense) {
    level.other_nodes = nodes;
    return false;
  }
  for (std::uint32_t n : plain)
    for (std::uint32_t e = graph.edge_begin[n]; e < graph.edge_begin[n + 1]; ++e)
      level.edge_row.push_back(static_cast<std::uint32_t>(
          std::lower_bound(sources.begin(), sources.end(), graph.edge_source[e]) - sources.begin()));
  std::set_difference(nodes.begin(), nodes.end(), plain.begin(), plain.end(), std::back_inserter(level.other_nodes));
  level.block_nodes = std::move(plain);
  level.block_sources = std::move(sources);
  return true;
}

}  // namespace

void plan_dense_levels(CompiledGraph& graph) {
  const std::vector<std::size_t> depth = slot_depths(graph);
  const std::size_t first = graph.first_computed_slot();
  std::vector<std::vector<std::uint32_t>> nodes_at;  // by depth − 1, each ascending
  for (std::size_t n = 0; n < graph.computed_count(); ++n) {
    if (depth[first + n] > nodes_at.size()) nodes_at.resize(depth[first + n]);
    nodes_at[depth[first + n] - 1].push_back(static_cast<std::uint32_t>(n));
  }
  std::vector<GraphLevel> levels(nodes_at.size());
  bool any_block = false;
  for (std::size_t d = 0; d < nodes_at.size(); ++d) any_block |= split_level(graph, nodes_at[d], levels[d]);
  if (any_block) graph.levels = std::move(levels);
}

Eigen::MatrixXd block_inputs(const Eigen::ArrayXXd& values, const GraphLevel& level) {
  Eigen::MatrixXd inputs(values.rows(), column(level.block_sources.size()));
  for (std::size_t s = 0; s < level.block_sources.size(); ++s)
    inputs.col(column(s)) = values.col(level.block_sources[s]).matrix();
  return inputs;
}

Eigen::MatrixXd block_weights(const CompiledGraph& graph, const GraphLevel& level) {
  Eigen::MatrixXd weights = Eigen::MatrixXd::Zero(column(level.block_sources.size()), column(level.block_nodes.size()));
  std::size_t k = 0;  // position in level.edge_row
  for (std::size_t t = 0; t < level.block_nodes.size(); ++t) {
    const std::uint32_t n = level.block_nodes[t];
    for (std::uint32_t e = graph.edge_begin[n]; e < graph.edge_begin[n + 1]; ++e)
      weights(level.edge_row[k++], column(t)) += graph.edge_weight[e];  // += : a repeated connection adds
  }
  return weights;
}

void block_forward(const CompiledGraph& graph, const GraphLevel& level, Eigen::ArrayXXd& values,
                   Eigen::ArrayXXd* sums) {
  Eigen::MatrixXd product(values.rows(), column(level.block_nodes.size()));
  row_stable_product(block_inputs(values, level), block_weights(graph, level), product);
  const std::size_t first = graph.first_computed_slot();
  for (std::size_t t = 0; t < level.block_nodes.size(); ++t) {
    const std::uint32_t n = level.block_nodes[t];
    auto node = values.col(column(first + n));
    node = product.col(column(t)).array() + graph.node_bias[n];
    if (sums) sums->col(column(n)) = node;
    activate_in_place(graph.node_activation[n], node);
  }
}

void block_backward(const CompiledGraph& graph, const GraphLevel& level, const Eigen::ArrayXXd& values,
                    const Eigen::MatrixXd& delta, std::vector<double>& edge_gradient, Eigen::ArrayXXd& adjoint) {
  const Eigen::MatrixXd cell_gradient = block_inputs(values, level).transpose() * delta;  // ∂L/∂W
  std::size_t k = 0;
  for (std::size_t t = 0; t < level.block_nodes.size(); ++t) {
    const std::uint32_t n = level.block_nodes[t];
    for (std::uint32_t e = graph.edge_begin[n]; e < graph.edge_begin[n + 1]; ++e)
      edge_gradient[e] += cell_gradient(level.edge_row[k++], column(t));
  }
  const Eigen::MatrixXd source_gradient = delta * block_weights(graph, level).transpose();  // ∂L/∂inputs
  for (std::size_t s = 0; s < level.block_sources.size(); ++s)
    adjoint.col(level.block_sources[s]) += source_gradient.col(column(s)).array();
}

}  // namespace convneat
