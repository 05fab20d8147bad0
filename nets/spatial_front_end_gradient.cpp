// SpatialFrontEnd's recorded forward pass and its backward pass (spatial_front_end.hpp).
#include <stdexcept>
#include <string>

#include "nets/spatial_front_end.hpp"
#include "nets/spatial_readout.hpp"

namespace convneat {

const Eigen::MatrixXf& SpatialFrontEnd::record(const Eigen::MatrixXf& images, SpatialFrontEndTape& tape) {
  check_width(static_cast<std::size_t>(images.cols()));
  const auto batch = static_cast<std::size_t>(images.rows());
  tape.images = images;
  tape.layers.resize(layers_.size());
  const float* input = tape.images.data();
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    layers_[l]->record(input, batch, tape.layers[l], scratch_);
    input = tape.layers[l].output().data();
  }
  tape.readout_kind = readout_;
  return read_out(readout_, layers_.back()->geometry().output, tape.layers.back().output(), tape.pooled_readout);
}

SpatialFrontEndGradient SpatialFrontEnd::backward(const SpatialFrontEndTape& tape,
                                                  const Eigen::MatrixXf& readout_gradient, bool image_gradient) {
  const Eigen::Index batch = tape.images.rows();
  if (tape.layers.size() != layers_.size() || tape.readout_kind != readout_)
    throw std::invalid_argument("spatial front end backward pass: the tape was not recorded by this front end");
  if (readout_gradient.rows() != batch || readout_gradient.cols() != static_cast<Eigen::Index>(readout_size()))
    throw std::invalid_argument("spatial front end backward pass: expected a readout gradient of " +
                                std::to_string(batch) + " x " + std::to_string(readout_size()) + ", got " +
                                std::to_string(readout_gradient.rows()) + " x " +
                                std::to_string(readout_gradient.cols()));
  SpatialFrontEndGradient gradient;
  gradient.layers.resize(layers_.size());
  Eigen::MatrixXf output_gradient, input_gradient;
  read_out_backward(readout_, layers_.back()->geometry().output, tape.layers.back().output(), readout_gradient,
                    output_gradient);
  for (std::size_t l = layers_.size(); l-- > 0;) {
    const bool wanted = l > 0 || image_gradient;
    const float* input = l == 0 ? tape.images.data() : tape.layers[l - 1].output().data();
    if (wanted) input_gradient.resize(batch, static_cast<Eigen::Index>(layers_[l]->geometry().input.size()));
    gradient.layers[l] = layers_[l]->backward(input, static_cast<std::size_t>(batch), tape.layers[l], output_gradient,
                                              wanted ? input_gradient.data() : nullptr, scratch_);
    output_gradient.swap(input_gradient);
  }
  if (image_gradient) gradient.images = std::move(output_gradient);
  return gradient;
}

}  // namespace convneat
