#include "nets/spatial_front_end.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "nets/compile_spatial_layer.hpp"
#include "nets/spatial_readout.hpp"

namespace convneat {

SpatialFrontEnd::SpatialFrontEnd(const SpatialStack& stack) : input_shape_(stack.input), readout_(stack.readout) {
  if (stack.layers.empty()) throw std::invalid_argument("a spatial front end needs at least one layer");
  const std::vector<LayerGeometry> geometry = stack_geometry(stack);
  for (std::size_t l = 0; l < stack.layers.size(); ++l)
    layers_.push_back(compile_spatial_layer(stack.layers[l], geometry[l]));
  outputs_.resize(layers_.size());
}

SpatialFrontEnd::~SpatialFrontEnd() = default;
SpatialFrontEnd::SpatialFrontEnd(SpatialFrontEnd&&) noexcept = default;
SpatialFrontEnd& SpatialFrontEnd::operator=(SpatialFrontEnd&&) noexcept = default;

std::size_t SpatialFrontEnd::readout_size() const {
  const ImageShape& last = layers_.back()->geometry().output;
  return readout_ == ReadoutKind::flatten ? last.size() : last.channels;
}

const LayerGeometry& SpatialFrontEnd::layer_geometry(std::size_t layer) const { return layers_.at(layer)->geometry(); }

const Eigen::MatrixXf& SpatialFrontEnd::layer_output(std::size_t layer) const { return outputs_.at(layer); }

void SpatialFrontEnd::set_patch_block_bytes(std::size_t bytes) {
  for (auto& layer : layers_) layer->set_patch_block_bytes(bytes);
}

void SpatialFrontEnd::check_width(std::size_t width) const {
  if (width != input_size())
    throw std::invalid_argument("spatial front end expects images of " + std::to_string(input_shape_.channels) + "x" +
                                std::to_string(input_shape_.height) + "x" + std::to_string(input_shape_.width) + " = " +
                                std::to_string(input_size()) + " values, got " + std::to_string(width));
}

const Eigen::MatrixXf& SpatialFrontEnd::forward(const Eigen::MatrixXf& images) {
  check_width(static_cast<std::size_t>(images.cols()));
  return run(images.data(), static_cast<std::size_t>(images.rows()));
}

const float* SpatialFrontEnd::native_images(const float* images, std::size_t batch) {
  if (images == nullptr && batch > 0) throw std::invalid_argument("spatial front end: no images for a batch of " +
                                                                  std::to_string(batch));
  const auto rows = static_cast<Eigen::Index>(batch), columns = static_cast<Eigen::Index>(input_size());
  using ImageRows = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  images_ = Eigen::Map<const ImageRows>(images, rows, columns);  // transposes the storage
  return images_.data();
}

const Eigen::MatrixXf& SpatialFrontEnd::forward(const float* images, std::size_t batch) {
  return run(native_images(images, batch), batch);
}

bool SpatialFrontEnd::normalises() const {
  return std::any_of(layers_.begin(), layers_.end(), [](const auto& layer) { return layer->normalises(); });
}

std::vector<NormStatistics> SpatialFrontEnd::normalisation_statistics() const {
  std::vector<NormStatistics> statistics(layers_.size());
  for (std::size_t l = 0; l < layers_.size(); ++l)
    if (const auto& norm = layers_[l]->normalisation(); norm && norm->calibrated())
      statistics[l] = {norm->means(), norm->variances()};
  return statistics;
}

void SpatialFrontEnd::calibrate(const float* images, std::size_t batch) {
  if (batch == 0) throw std::invalid_argument("spatial front end: virtual batch norm needs a non-empty reference batch");
  const float* input = native_images(images, batch);
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    layers_[l]->calibrate(input, batch, scratch_);
    layers_[l]->forward(input, batch, outputs_[l], scratch_);
    input = outputs_[l].data();
  }
}

void SpatialFrontEnd::adopt_first_layer(std::shared_ptr<const void> owner, const Eigen::MatrixXf& images,
                                        Eigen::MatrixXf output) {
  check_width(static_cast<std::size_t>(images.cols()));
  if (output.rows() != images.rows() || output.cols() != static_cast<Eigen::Index>(layers_.front()->geometry().output.size()))
    throw std::invalid_argument("spatial front end: an adopted first layer must hold the layer's output for every image");
  adopted_.push_back({std::move(owner), images.data(), static_cast<std::size_t>(images.rows()), std::move(output)});
}

bool SpatialFrontEnd::take_adopted_first_layer(const float* images, std::size_t batch) {
  const auto adopted = std::find_if(adopted_.begin(), adopted_.end(), [&](const AdoptedFirstLayer& entry) {
    return entry.images == images && entry.batch == batch;
  });
  if (adopted == adopted_.end()) return false;
  outputs_[0] = std::move(adopted->output);
  adopted_.erase(adopted);
  return true;
}

const Eigen::MatrixXf& SpatialFrontEnd::run(const float* images, std::size_t batch) {
  const bool first_done = take_adopted_first_layer(images, batch);
  const float* input = first_done ? outputs_[0].data() : images;
  for (std::size_t l = first_done ? 1 : 0; l < layers_.size(); ++l) {
    layers_[l]->forward(input, batch, outputs_[l], scratch_);
    input = outputs_[l].data();
  }
  return read_out(readout_, layers_.back()->geometry().output, outputs_.back(), pooled_readout_);
}

}  // namespace convneat
