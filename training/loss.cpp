#include "training/loss.hpp"

#include <cmath>
#include <stdexcept>

namespace convneat {

LossValue softmax_cross_entropy(const Eigen::MatrixXd& scores, std::span<const std::uint16_t> labels) {
  if (static_cast<std::size_t>(scores.rows()) != labels.size())
    throw std::invalid_argument("softmax_cross_entropy: one label per row is needed");
  if (scores.rows() == 0) throw std::invalid_argument("softmax_cross_entropy: the batch is empty");
  const double rows = static_cast<double>(scores.rows());
  LossValue value;
  value.output_gradient.resize(scores.rows(), scores.cols());
  for (Eigen::Index row = 0; row < scores.rows(); ++row) {
    const std::uint16_t label = labels[static_cast<std::size_t>(row)];
    if (label >= scores.cols())
      throw std::invalid_argument("softmax_cross_entropy: a label is not a class of the outputs");
    const double top = scores.row(row).maxCoeff();
    const Eigen::RowVectorXd exponentials = (scores.row(row).array() - top).exp().matrix();
    const double normaliser = exponentials.sum();
    value.loss += std::log(normaliser) + top - scores(row, label);
    value.output_gradient.row(row) = exponentials / (normaliser * rows);
    value.output_gradient(row, label) -= 1.0 / rows;
  }
  value.loss /= rows;
  return value;
}

LossValue squared_error(const Eigen::MatrixXd& outputs, const Eigen::MatrixXd& targets) {
  if (outputs.rows() != targets.rows() || outputs.cols() != targets.cols())
    throw std::invalid_argument("squared_error: outputs and targets differ in shape");
  if (outputs.rows() == 0) throw std::invalid_argument("squared_error: the batch is empty");
  const double rows = static_cast<double>(outputs.rows());
  const Eigen::MatrixXd difference = outputs - targets;
  return {difference.squaredNorm() / rows, 2.0 * difference / rows};
}

}  // namespace convneat
