#include "nets/feed_forward_network.hpp"

#include <stdexcept>
#include <string>

#include "nets/dense_levels.hpp"
#include "nets/input_check.hpp"
#include "nets/node_updates.hpp"

namespace convneat {

FeedForwardNetwork::FeedForwardNetwork(const Genome& genome, bool dense_layers)
    : graph_(compile_graph(genome, NodeOrder::topological)), values_(graph_.slot_count(), 0.0) {
  if (dense_layers) plan_dense_levels(graph_);
  for (std::size_t b = 0; b < graph_.bias_count; ++b) values_[graph_.input_count + b] = 1.0;
}

void FeedForwardNetwork::activate(std::span<const double> inputs, std::span<double> outputs) {
  check_sizes(graph_, inputs.size(), outputs.size());
  if (!graph_.levels.empty()) {  // a batch of one: the bits of its row in any batch
    const Eigen::MatrixXd row = activate_batch(
        Eigen::Map<const Eigen::MatrixXd>(inputs.data(), 1, static_cast<Eigen::Index>(inputs.size())));
    std::copy(row.data(), row.data() + row.size(), outputs.begin());
    return;
  }
  std::copy(inputs.begin(), inputs.end(), values_.begin());
  update_nodes(graph_, values_.data(), values_.data());
  for (std::size_t o = 0; o < outputs.size(); ++o) outputs[o] = values_[graph_.output_slots[o]];
}

Eigen::MatrixXd FeedForwardNetwork::activate_batch(const Eigen::MatrixXd& inputs) {
  check_batch_columns(graph_, static_cast<std::size_t>(inputs.cols()));
  // One column per slot, one row per input row: each node is a few vector operations.
  Eigen::ArrayXXd values(inputs.rows(), static_cast<Eigen::Index>(graph_.slot_count()));
  load_batch_inputs(graph_, inputs, values);
  update_nodes(graph_, values, values);
  return gather_batch_outputs(graph_, values);
}

}  // namespace convneat
