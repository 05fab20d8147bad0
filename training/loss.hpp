#pragma once
// The losses a task can be trained on, each the mean over a batch's rows, with its gradient
// with respect to the network's outputs (what backpropagate takes).
#include <cstdint>
#include <span>

#include <Eigen/Core>

namespace convneat {

struct LossValue {
  double loss = 0.0;
  Eigen::MatrixXd output_gradient;  // ∂loss/∂outputs, batch × outputs
};

// Classification: the outputs are class scores (logits); L = mean over rows of
// -log softmax(scores)[label], computed stably (log-sum-exp from the row's largest score), so it
// agrees with the cross_entropy fitness of image tasks. ∂L/∂scores = (softmax - one-hot) / rows.
LossValue softmax_cross_entropy(const Eigen::MatrixXd& scores, std::span<const std::uint16_t> labels);

// Regression: L = mean over rows of Σ_outputs (output - target)²; ∂L/∂output = 2 (output - target) / rows.
LossValue squared_error(const Eigen::MatrixXd& outputs, const Eigen::MatrixXd& targets);

}  // namespace convneat
