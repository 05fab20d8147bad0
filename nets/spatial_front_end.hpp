#pragma once
// The compiled convolutional front end of a genome: its SpatialStack's layers in order, then
// the readout. Built once per genome; float throughout (parameters converted at compile
// time). A batch of images is an N × C·H·W matrix whose row n is image n in CHW order.
//
// Holds work space and the last pass's maps, so one instance serves one thread at a time.
#include <cstddef>
#include <memory>
#include <vector>

#include <Eigen/Core>

#include "genome/spatial/geometry.hpp"
#include "nets/spatial_layer.hpp"

namespace convneat {

// A recorded forward pass of the whole front end (SpatialFrontEnd::record): the images in
// the native layout, every layer's tape, and the readout.
struct SpatialFrontEndTape {
  Eigen::MatrixXf images;                 // N × C·H·W, batch-innermost
  std::vector<SpatialLayerTape> layers;
  ReadoutKind readout_kind = ReadoutKind::flatten;
  Eigen::MatrixXf pooled_readout;         // the features of a mean / max readout
  // The features: the last map itself (flatten) or pooled_readout.
  const Eigen::MatrixXf& readout() const {
    return readout_kind == ReadoutKind::flatten ? layers.back().output() : pooled_readout;
  }
};

// ∂L/∂ every layer's parameters (gene order, spatial_gradient.hpp) and, when asked for,
// ∂L/∂images (N × C·H·W, laid out as the images given to record()).
struct SpatialFrontEndGradient {
  std::vector<SpatialLayerGradient> layers;
  Eigen::MatrixXf images;
};

class SpatialFrontEnd {
 public:
  // Throws std::invalid_argument for a stack without layers, a layer that does not fit its
  // input or parameter counts that do not match a layer's mode and shape.
  explicit SpatialFrontEnd(const SpatialStack& stack);
  ~SpatialFrontEnd();
  SpatialFrontEnd(SpatialFrontEnd&&) noexcept;
  SpatialFrontEnd& operator=(SpatialFrontEnd&&) noexcept;

  const ImageShape& input_shape() const { return input_shape_; }
  std::size_t input_size() const { return input_shape_.size(); }  // C·H·W
  std::size_t readout_size() const;
  std::size_t layer_count() const { return layers_.size(); }
  const LayerGeometry& layer_geometry(std::size_t layer) const;
  const SpatialLayer& layer(std::size_t index) const { return *layers_.at(index); }

  // Readout features (N × readout_size) of N images, valid until the next call. The matrix
  // form is the native layout (column-major: the batch innermost, feature_maps.hpp) and is
  // read in place; the pointer form takes `batch` images of C·H·W values one after the
  // other (row-major) and converts them first. Throws std::invalid_argument when the
  // images are not C·H·W wide.
  const Eigen::MatrixXf& forward(const Eigen::MatrixXf& images);
  const Eigen::MatrixXf& forward(const float* images, std::size_t batch);

  // Gradients (spatial_gradient.hpp). record() is forward() (the matrix form) keeping a tape
  // in `tape`, with the same readout to the bit; it returns the readout (held by the tape).
  // backward() takes ∂L/∂readout (N × readout_size) of the recorded batch to every layer's
  // parameter gradients, summed over the batch: a tied front end's copies are one batch, so
  // the one stack gathers the gradients of every copy. Virtual batch norm's statistics are
  // constants. Throws std::invalid_argument for images that are not C·H·W wide or a gradient
  // that is not N × readout_size.
  const Eigen::MatrixXf& record(const Eigen::MatrixXf& images, SpatialFrontEndTape& tape);
  SpatialFrontEndGradient backward(const SpatialFrontEndTape& tape, const Eigen::MatrixXf& readout_gradient,
                                   bool image_gradient = false);

  // Virtual batch norm (virtual_batch_norm.hpp): whether any layer normalises, and fixing
  // every such layer's statistics from a reference batch of `batch` images (row-major, as
  // the pointer form of forward()): the batch runs through the stack layer by layer, each
  // normalising layer computing its statistics before its output feeds the next. Called
  // once, before forward(); a front end applied to several images per example (tied
  // weights) has one set of statistics for all of them. Throws std::invalid_argument for an
  // empty reference batch.
  bool normalises() const;
  void calibrate(const float* images, std::size_t batch);
  // Every layer's statistics in stack order; empty for a layer that does not normalise (or
  // is not calibrated yet).
  std::vector<NormStatistics> normalisation_statistics() const;

  // Feature maps of layer `layer` from the last forward pass: N × C_out·H''·W'' (after
  // pooling), row n in CHW order.
  const Eigen::MatrixXf& layer_output(std::size_t layer) const;

  // Layer 0's output for `images` computed elsewhere (SharedLayer::forward_together, for many
  // front ends at once): the next forward() of these very images (the same matrix, kept alive
  // by `owner` while the output waits) starts from it at layer 1, and forgets it. Any other
  // images run the whole stack as usual.
  void adopt_first_layer(std::shared_ptr<const void> owner, const Eigen::MatrixXf& images, Eigen::MatrixXf output);
  // Adopted first layers not used yet.
  std::size_t adopted_first_layers() const { return adopted_.size(); }

  // Bytes of patch matrix each layer fills per product (SpatialLayer::set_patch_block_bytes);
  // 0 makes one product for all cells of the whole batch.
  void set_patch_block_bytes(std::size_t bytes);

 private:
  struct AdoptedFirstLayer {
    std::shared_ptr<const void> owner;
    const float* images;
    std::size_t batch;
    Eigen::MatrixXf output;
  };

  void check_width(std::size_t width) const;
  // Moves an adopted first layer for these images into outputs_[0]; whether there was one.
  bool take_adopted_first_layer(const float* images, std::size_t batch);
  const Eigen::MatrixXf& run(const float* images, std::size_t batch);
  const float* native_images(const float* images, std::size_t batch);  // row-major in, batch-innermost out

  ImageShape input_shape_;
  ReadoutKind readout_;
  std::vector<std::unique_ptr<SpatialLayer>> layers_;
  std::vector<Eigen::MatrixXf> outputs_;  // one per layer
  Eigen::MatrixXf images_;                // pointer input converted to the native layout
  Eigen::MatrixXf pooled_readout_;
  SpatialScratch scratch_;
  std::vector<AdoptedFirstLayer> adopted_;
};

}  // namespace convneat
