#include "nets/node_updates.hpp"

#include "nets/activation_functions.hpp"

namespace convneat {

void update_nodes(const CompiledGraph& graph, const double* source, double* target) {
  const std::size_t first = graph.first_computed_slot();
  for (std::size_t n = 0; n < graph.computed_count(); ++n) {
    double sum = graph.node_bias[n];
    for (std::uint32_t e = graph.edge_begin[n]; e < graph.edge_begin[n + 1]; ++e)
      sum += graph.edge_weight[e] * source[graph.edge_source[e]];
    target[first + n] = activate(graph.node_activation[n], sum);
  }
}

void update_nodes(const CompiledGraph& graph, const Eigen::ArrayXXd& source, Eigen::ArrayXXd& target,
                  Eigen::ArrayXXd* sums) {
  const std::size_t first = graph.first_computed_slot();
  for (std::size_t n = 0; n < graph.computed_count(); ++n) {
    auto column = target.col(static_cast<Eigen::Index>(first + n));
    column = graph.node_bias[n];
    for (std::uint32_t e = graph.edge_begin[n]; e < graph.edge_begin[n + 1]; ++e)
      column += graph.edge_weight[e] * source.col(graph.edge_source[e]);
    if (sums) sums->col(static_cast<Eigen::Index>(n)) = column;
    activate_in_place(graph.node_activation[n], column);
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
