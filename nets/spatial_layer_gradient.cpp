// SpatialLayer's recorded forward pass and the steps of its backward pass every mode shares:
// pooling, activation and virtual batch norm (spatial_gradient.hpp). The mode's own step is
// convolve_backward, in each mode's file.
#include <algorithm>
#include <stdexcept>

#include "nets/float_activation.hpp"
#include "nets/pooling.hpp"
#include "nets/spatial_layer.hpp"

namespace convneat {

void SpatialLayer::record(const float* input, std::size_t batch, SpatialLayerTape& tape,
                          SpatialScratch& scratch) const {
  check_calibrated();
  const auto rows = static_cast<Eigen::Index>(batch);
  tape.convolved.resize(rows, static_cast<Eigen::Index>(geometry_.convolved.size()));
  tape.pools = pooling_ != Pooling::none;
  if (batch > 0) convolve(input, batch, Activation::identity, tape.convolved.data(), scratch);
  // forward() activates in the same pass as the bias add (or the blend); every activation
  // first forms the float pre-activation and then maps each element on its own, so doing it
  // in a second pass gives the same bits (the tape test checks it for every activation).
  tape.activated = tape.convolved;
  if (normalisation_)
    normalisation_->apply(activation_, tape.activated.data(), batch, geometry_.convolved.cells());
  else
    assign_activated(activation_, tape.activated.array(), tape.activated.array());
  if (!tape.pools) {
    tape.pooled.resize(0, 0);
    return;
  }
  tape.pooled.resize(rows, static_cast<Eigen::Index>(geometry_.output.size()));
  if (batch > 0) pool_2x2(pooling_, geometry_.convolved, batch, tape.activated.data(), tape.pooled.data());
}

SpatialLayerGradient SpatialLayer::backward(const float* input, std::size_t batch, const SpatialLayerTape& tape,
                                            const Eigen::MatrixXf& output_gradient, float* input_gradient,
                                            SpatialScratch& scratch) const {
  const auto rows = static_cast<Eigen::Index>(batch);
  if (tape.convolved.rows() != rows || output_gradient.rows() != rows ||
      output_gradient.cols() != static_cast<Eigen::Index>(geometry_.output.size()))
    throw std::invalid_argument("spatial layer backward pass: the output gradient is not batch × output of the "
                                "recorded pass");
  const std::size_t size = batch * geometry_.convolved.size();
  float* delta = room(scratch.pre_gradients, size);
  if (tape.pools)
    pool_2x2_backward(pooling_, geometry_.convolved, batch, tape.activated.data(), tape.pooled.data(),
                      output_gradient.data(), delta);
  else
    std::copy_n(output_gradient.data(), size, delta);
  SpatialLayerGradient gradient;
  activation_backward(tape, batch, delta, gradient);
  if (input_gradient != nullptr) std::fill_n(input_gradient, batch * geometry_.input.size(), 0.0f);
  convolve_backward(input, batch, delta, gradient, input_gradient, scratch);
  return gradient;
}

void SpatialLayer::activation_backward(const SpatialLayerTape& tape, std::size_t batch, float* gradient,
                                       SpatialLayerGradient& result) const {
  const std::size_t cells = geometry_.convolved.cells();
  if (normalisation_) {
    normalisation_->backward(activation_, tape.convolved.data(), tape.activated.data(), gradient, batch, cells,
                             result.norm_gains, result.norm_shifts);
    return;
  }
  const auto size = static_cast<Eigen::Index>(batch * geometry_.convolved.size());
  multiply_by_slopes(activation_, Eigen::Map<Eigen::ArrayXf>(gradient, size),
                     Eigen::Map<const Eigen::ArrayXf>(tape.convolved.data(), size),
                     Eigen::Map<const Eigen::ArrayXf>(tape.activated.data(), size));
}

std::vector<double> gene_order(const Eigen::Ref<const Eigen::MatrixXf>& gradient) {
  const Eigen::MatrixXd values = gradient.cast<double>();
  return {values.data(), values.data() + values.size()};
}

}  // namespace convneat
