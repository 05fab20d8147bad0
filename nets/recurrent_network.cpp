#include "nets/recurrent_network.hpp"

#include <algorithm>
#include <stdexcept>

#include "nets/input_check.hpp"
#include "nets/node_updates.hpp"

namespace convneat {

RecurrentNetwork::RecurrentNetwork(const Genome& genome) : graph_(compile_graph(genome, NodeOrder::by_id)) { reset(); }

void RecurrentNetwork::keep_state_fractions(std::vector<double> kept, std::size_t steps) {
  if (kept.size() != graph_.computed_count()) throw std::invalid_argument("recurrent network: one fraction per node");
  if (steps == 0) throw std::invalid_argument("recurrent network: at least one step per activation");
  kept_ = std::move(kept);
  steps_ = steps;
}

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
  for (std::size_t step = 0; step < steps_; ++step) {
    update_nodes(graph_, current_.data(), next_.data());
    for (std::size_t n = 0; n < kept_.size(); ++n)
      next_[first + n] = kept_[n] * current_[first + n] + (1.0 - kept_[n]) * next_[first + n];
    std::swap(current_, next_);
  }
  for (std::size_t o = 0; o < outputs.size(); ++o) outputs[o] = current_[graph_.output_slots[o]];
}

Eigen::MatrixXd RecurrentNetwork::activate_batch(const Eigen::MatrixXd& inputs) {
  check_batch_columns(graph_, static_cast<std::size_t>(inputs.cols()));
  if (batch_current_.rows() != inputs.rows()) {  // a new batch shape starts from a reset state
    batch_current_ = Eigen::ArrayXXd::Zero(inputs.rows(), static_cast<Eigen::Index>(graph_.slot_count()));
    batch_next_ = batch_current_;
  }
  load_batch_inputs(graph_, inputs, batch_current_);
  load_batch_inputs(graph_, inputs, batch_next_);
  const auto first = static_cast<Eigen::Index>(graph_.first_computed_slot());
  for (std::size_t step = 0; step < steps_; ++step) {
    update_nodes(graph_, batch_current_, batch_next_);
    for (std::size_t n = 0; n < kept_.size(); ++n) {
      const auto slot = first + static_cast<Eigen::Index>(n);
      batch_next_.col(slot) = kept_[n] * batch_current_.col(slot) + (1.0 - kept_[n]) * batch_next_.col(slot);
    }
    batch_current_.swap(batch_next_);
  }
  return gather_batch_outputs(graph_, batch_current_);
}

}  // namespace convneat
