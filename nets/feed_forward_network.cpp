#include "nets/feed_forward_network.hpp"

#include <stdexcept>
#include <string>

#include "nets/activation_functions.hpp"
#include "nets/input_check.hpp"

namespace convneat {

FeedForwardNetwork::FeedForwardNetwork(const Genome& genome)
    : graph_(compile_graph(genome, NodeOrder::topological)), values_(graph_.slot_count(), 0.0) {
  for (std::size_t b = 0; b < graph_.bias_count; ++b) values_[graph_.input_count + b] = 1.0;
}

void FeedForwardNetwork::activate(std::span<const double> inputs, std::span<double> outputs) {
  check_sizes(graph_, inputs.size(), outputs.size());
  std::copy(inputs.begin(), inputs.end(), values_.begin());
  const std::size_t first = graph_.first_computed_slot();
  for (std::size_t n = 0; n < graph_.computed_count(); ++n) {
    double sum = graph_.node_bias[n];
    for (std::uint32_t e = graph_.edge_begin[n]; e < graph_.edge_begin[n + 1]; ++e)
      sum += graph_.edge_weight[e] * values_[graph_.edge_source[e]];
    values_[first + n] = convneat::activate(graph_.node_activation[n], sum);
  }
  for (std::size_t o = 0; o < outputs.size(); ++o) outputs[o] = values_[graph_.output_slots[o]];
}

Eigen::MatrixXd FeedForwardNetwork::activate_batch(const Eigen::MatrixXd& inputs) {
  check_batch_columns(graph_, static_cast<std::size_t>(inputs.cols()));
  // One column per slot, one row per input row: each node is a few vector operations.
  Eigen::ArrayXXd values(inputs.rows(), static_cast<Eigen::Index>(graph_.slot_count()));
  values.leftCols(inputs.cols()) = inputs.array();
  for (std::size_t b = 0; b < graph_.bias_count; ++b) values.col(static_cast<Eigen::Index>(graph_.input_count + b)) = 1.0;
  const std::size_t first = graph_.first_computed_slot();
  for (std::size_t n = 0; n < graph_.computed_count(); ++n) {
    auto column = values.col(static_cast<Eigen::Index>(first + n));
    column = graph_.node_bias[n];
    for (std::uint32_t e = graph_.edge_begin[n]; e < graph_.edge_begin[n + 1]; ++e)
      column += graph_.edge_weight[e] * values.col(graph_.edge_source[e]);
    activate_in_place(graph_.node_activation[n], column);
  }
  Eigen::MatrixXd outputs(inputs.rows(), static_cast<Eigen::Index>(graph_.output_slots.size()));
  for (std::size_t o = 0; o < graph_.output_slots.size(); ++o)
    outputs.col(static_cast<Eigen::Index>(o)) = values.col(graph_.output_slots[o]).matrix();
  return outputs;
}

}  // namespace convneat
