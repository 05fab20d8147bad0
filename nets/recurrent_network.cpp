#include "nets/recurrent_network.hpp"

#include <algorithm>

#include "nets/activation_functions.hpp"
#include "nets/input_check.hpp"

namespace convneat {

RecurrentNetwork::RecurrentNetwork(const Genome& genome) : graph_(compile_graph(genome, NodeOrder::by_id)) { reset(); }

void RecurrentNetwork::reset() {
  current_.assign(graph_.slot_count(), 0.0);
  for (std::size_t b = 0; b < graph_.bias_count; ++b) current_[graph_.input_count + b] = 1.0;
  next_ = current_;
  batch_current_.resize(0, 0);
  batch_next_.resize(0, 0);
}

void RecurrentNetwork::activate(std::span<const double> inputs, std::span<double> outputs) {
  check_sizes(graph_, inputs.size(), outputs.size());
  std::copy(inputs.begin(), inputs.end(), current_.begin());
  std::copy(inputs.begin(), inputs.end(), next_.begin());
  const std::size_t first = graph_.first_computed_slot();
  for (std::size_t n = 0; n < graph_.computed_count(); ++n) {
    double sum = graph_.node_bias[n];
    for (std::uint32_t e = graph_.edge_begin[n]; e < graph_.edge_begin[n + 1]; ++e)
      sum += graph_.edge_weight[e] * current_[graph_.edge_source[e]];
    next_[first + n] = convneat::activate(graph_.node_activation[n], sum);
  }
  std::swap(current_, next_);
  for (std::size_t o = 0; o < outputs.size(); ++o) outputs[o] = current_[graph_.output_slots[o]];
}

Eigen::MatrixXd RecurrentNetwork::activate_batch(const Eigen::MatrixXd& inputs) {
  check_batch_columns(graph_, static_cast<std::size_t>(inputs.cols()));
  const auto slots = static_cast<Eigen::Index>(graph_.slot_count());
  if (batch_current_.rows() != inputs.rows()) {  // a new batch shape starts from a reset state
    batch_current_ = Eigen::ArrayXXd::Zero(inputs.rows(), slots);
    for (std::size_t b = 0; b < graph_.bias_count; ++b)
      batch_current_.col(static_cast<Eigen::Index>(graph_.input_count + b)) = 1.0;
    batch_next_ = batch_current_;
  }
  batch_current_.leftCols(inputs.cols()) = inputs.array();
  batch_next_.leftCols(inputs.cols()) = inputs.array();
  const std::size_t first = graph_.first_computed_slot();
  for (std::size_t n = 0; n < graph_.computed_count(); ++n) {
    auto column = batch_next_.col(static_cast<Eigen::Index>(first + n));
    column = graph_.node_bias[n];
    for (std::uint32_t e = graph_.edge_begin[n]; e < graph_.edge_begin[n + 1]; ++e)
      column += graph_.edge_weight[e] * batch_current_.col(graph_.edge_source[e]);
    activate_in_place(graph_.node_activation[n], column);
  }
  batch_current_.swap(batch_next_);
  Eigen::MatrixXd outputs(inputs.rows(), static_cast<Eigen::Index>(graph_.output_slots.size()));
  for (std::size_t o = 0; o < graph_.output_slots.size(); ++o)
    outputs.col(static_cast<Eigen::Index>(o)) = batch_current_.col(graph_.output_slots[o]).matrix();
  return outputs;
}

}  // namespace convneat
