#include "training/dropout.hpp"

#include <stdexcept>

namespace convneat {

FeatureDropout::FeatureDropout(double rate, Eigen::Index rows, Eigen::Index cols, RandomStream& random) {
  if (!(rate >= 0.0 && rate < 1.0)) throw std::invalid_argument("dropout rate outside [0, 1)");
  if (rate == 0.0) return;
  const auto kept = static_cast<float>(1.0 / (1.0 - rate));
  scale_.resize(rows, cols);
  // In storage order, so the draws follow the matrix's layout, not a loop order of our choice.
  for (Eigen::Index i = 0; i < scale_.size(); ++i) scale_.data()[i] = random.uniform() < rate ? 0.0f : kept;
}

Eigen::MatrixXf FeatureDropout::forward(const Eigen::MatrixXf& features) const {
  if (scale_.size() == 0) return features;
  if (features.rows() != scale_.rows() || features.cols() != scale_.cols())
    throw std::invalid_argument("dropout: features of another shape than the mask");
  return (features.array() * scale_).matrix();
}

Eigen::MatrixXf FeatureDropout::backward(const Eigen::MatrixXf& gradient) const { return forward(gradient); }

}  // namespace convneat
