#pragma once
// One compiled spatial layer (spec "Modes"): the patch product of its sharing mode, the
// activation after blending, then the optional 2 × 2 pooling. The sharing modes are the
// variation point (one file each: shared_layer, local_layer, centroid_layer); a config picks
// them at run time, hence a virtual interface. Parameters are converted to float once, here.
//
// A layer with virtual batch norm convolves without activation, then normalises with the
// statistics calibrate() fixed and applies the activation (virtual_batch_norm.hpp).
//
// A layer is immutable after compilation (and calibration); what a forward pass writes lives in the caller's
// SpatialScratch and output, so the one front end that owns them must be used from one
// thread at a time (every genome evaluation compiles its own network).
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include <Eigen/Core>

#include "genome/spatial/geometry.hpp"
#include "nets/patch_matrix.hpp"
#include "nets/spatial_gradient.hpp"
#include "nets/virtual_batch_norm.hpp"

namespace convneat {

// Work space reused by every layer of a front end and every call, grown on demand.
struct SpatialScratch {
  std::vector<float> patches;    // one block of the patch matrix
  std::vector<float> products;   // centroid: the K·C_out maps of a block before blending;
                                 // SharedLayer::forward_together: a block of the shared product
  std::vector<float> convolved;  // a pooled layer's map before pooling
  // Backward passes only:
  std::vector<float> patch_gradients;    // ∂L/∂ one block of the patch matrix
  std::vector<float> product_gradients;  // centroid: ∂L/∂ the K·C_out maps of a block
  std::vector<float> pre_gradients;      // ∂L/∂z of the whole layer
};

// The buffer's storage, grown to hold at least `size` floats.
inline float* room(std::vector<float>& buffer, std::size_t size) {
  if (buffer.size() < size) buffer.resize(size);
  return buffer.data();
}

class SpatialLayer {
 public:
  SpatialLayer(const SpatialLayerGene& gene, const LayerGeometry& geometry);
  virtual ~SpatialLayer() = default;
  SpatialLayer(const SpatialLayer&) = delete;
  SpatialLayer& operator=(const SpatialLayer&) = delete;

  const LayerGeometry& geometry() const { return geometry_; }

  // `input` holds N × C_in·H·W maps, `output` is resized to N × C_out·H''·W'' (after
  // pooling); both batch-innermost (feature_maps.hpp).
  // Throws std::logic_error when the layer normalises and has not been calibrated.
  void forward(const float* input, std::size_t batch, Eigen::MatrixXf& output, SpatialScratch& scratch) const;

  // The forward pass keeping what backward() needs (spatial_gradient.hpp); tape.output() is
  // forward()'s output to the bit. Throws as forward() does.
  void record(const float* input, std::size_t batch, SpatialLayerTape& tape, SpatialScratch& scratch) const;

  // From ∂L/∂output (N × output size, laid out as forward()'s output) of the batch `tape`
  // recorded from `input`: the parameter gradients summed over the batch, and ∂L/∂input
  // written into `input_gradient` (N × C_in·H·W, batch-innermost) unless it is null.
  // Virtual batch norm's reference statistics are constants here (they were fixed by
  // calibrate(), not computed from this batch).
  SpatialLayerGradient backward(const float* input, std::size_t batch, const SpatialLayerTape& tape,
                                const Eigen::MatrixXf& output_gradient, float* input_gradient,
                                SpatialScratch& scratch) const;

  // Whether the layer has virtual batch norm, and fixing its statistics from the
  // pre-activation maps of a reference batch (`input` as for forward()).
  bool normalises() const { return normalisation_.has_value(); }
  void calibrate(const float* input, std::size_t batch, SpatialScratch& scratch);
  const std::optional<VirtualBatchNorm>& normalisation() const { return normalisation_; }

  // Bytes of patch matrix the layer fills before multiplying: output cells are processed in
  // blocks of that size so the patches are still in cache when the product reads them.
  // 0 makes one product for all cells of the whole batch.
  void set_patch_block_bytes(std::size_t bytes) { patch_block_bytes_ = bytes; }

 protected:
  // Writes act(blend of the bank products) for every output cell into `convolved`
  // (N × C_out·H'·W'), with `activation` (activation() in a forward pass, identity when the
  // pre-activation map is wanted).
  virtual void convolve(const float* input, std::size_t batch, Activation activation, float* convolved,
                        SpatialScratch& scratch) const = 0;

  // The mode's backward pass from δ = ∂L/∂z (N × C_out·H'·W'): its parameter gradients into
  // `gradient`, and ∂L/∂input added to `input_gradient` (zeroed by the caller) unless null.
  virtual void convolve_backward(const float* input, std::size_t batch, const float* delta,
                                 SpatialLayerGradient& gradient, float* input_gradient,
                                 SpatialScratch& scratch) const = 0;

  // Output cells per block for this batch size (at least 1).
  std::size_t cells_per_block(std::size_t batch) const;

  const PatchGeometry& patch() const { return patch_; }
  // The activation convolve() applies: the gene's, or identity when normalisation follows.
  Activation activation() const { return normalisation_ ? Activation::identity : activation_; }
  std::size_t out_channels() const { return geometry_.convolved.channels; }
  Pooling pooling() const { return pooling_; }

 private:
  LayerGeometry geometry_;
  PatchGeometry patch_;
  Activation activation_;
  Pooling pooling_;
  std::size_t patch_block_bytes_;
  std::optional<VirtualBatchNorm> normalisation_;

  void normalise(float* convolved, std::size_t batch) const;
  void check_calibrated() const;
  // ∂L/∂y → ∂L/∂z in place, through the activation (and virtual batch norm).
  void activation_backward(const SpatialLayerTape& tape, std::size_t batch, float* gradient,
                           SpatialLayerGradient& result) const;
};

// A float gradient matrix as the gene's double vector (column-major order).
std::vector<double> gene_order(const Eigen::Ref<const Eigen::MatrixXf>& gradient);

// A gene's kernel banks as one float matrix, C_in·k·k × banks·C_out: column b·C_out + o is
// bank b's kernel for output channel o in patch-column order (the gene's own layout).
Eigen::MatrixXf kernel_matrix(const SpatialLayerGene& gene);

}  // namespace convneat
