#pragma once
// Virtual batch norm of one spatial layer's convolved map (Salimans et al., "Improved
// techniques for training GANs", 2016; used by evolution strategies on images): the
// statistics come from a reference batch fixed once per run, never from the batch being
// computed, so an image's output never depends on which other images share its batch.
//
//   mean[o], var[o]  over every image n and cell of channel o of the reference batch's
//                    pre-activation map z (population variance)
//   y[n, o, cell] = gain[o] · (z[n, o, cell] − mean[o]) / sqrt(var[o] + eps) + shift[o]
//
// It is applied before the layer's activation, as batch norm is in a convolutional block
// (conv → norm → activation): the normalised map then sits in the activation's working range
// (ReLU's kink at 0, tanh's linear part) whatever the kernels' scale, which after a ReLU
// would be too late — half the distribution would already be cut away. At run time it is
// one per-channel affine map, scale[o]·z + offset[o], folded once from the statistics.
#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "genome/spatial_gene.hpp"

namespace convneat {

// A layer's fixed statistics: per output channel, the mean and population variance of the
// reference batch's pre-activation map (what calibrate() computes; ONNX export writes them).
struct NormStatistics {
  std::vector<double> means, variances;
};

class VirtualBatchNorm {
 public:
  static constexpr double kEpsilon = 1e-5;  // as Torch's and Keras' batch norm

  // The gene's gains and shifts (one per output channel); no statistics yet.
  explicit VirtualBatchNorm(const SpatialLayerGene& gene);

  // Statistics of the reference batch's pre-activation maps `maps` (batch-innermost,
  // feature_maps.hpp: N × C·cells), accumulated in double. Throws std::invalid_argument for
  // an empty batch.
  void calibrate(const float* maps, std::size_t batch, std::size_t cells);
  bool calibrated() const { return !means_.empty(); }
  const std::vector<double>& means() const { return means_; }
  const std::vector<double>& variances() const { return variances_; }

  // The folded per-channel affine map y = scale[o]·z + offset[o] (after calibrate()).
  const Eigen::ArrayXf& scale() const { return scale_; }
  const Eigen::ArrayXf& offset() const { return offset_; }

  // maps ← act(scale[o]·maps + offset[o]) in place, for N images (after calibrate()).
  void apply(Activation activation, float* maps, std::size_t batch, std::size_t cells) const;

  // Backward pass of apply(): `gradient` holds ∂L/∂y on entry and ∂L/∂z on return, given the
  // maps z before and y after apply(). Adds nothing for the statistics: mean[o] and var[o]
  // are constants of the reference batch, not functions of the maps being computed (the
  // batch a gradient is taken on never moves them), so
  //   ∂L/∂shift[o] = Σ ∂L/∂x,  ∂L/∂gain[o] = Σ ∂L/∂x · (z − mean[o]) / sqrt(var[o] + eps),
  //   ∂L/∂z = ∂L/∂x · scale[o]      with x = scale[o]·z + offset[o], ∂L/∂x = ∂L/∂y · act'(x),
  // sums over every image and cell of channel o. Writes one gain and one shift gradient per
  // channel.
  void backward(Activation activation, const float* convolved, const float* activated, float* gradient,
                std::size_t batch, std::size_t cells, std::vector<double>& gains, std::vector<double>& shifts) const;

 private:
  std::vector<double> gains_, shifts_;
  std::vector<double> means_, variances_;
  Eigen::ArrayXf scale_, offset_;
};

}  // namespace convneat
