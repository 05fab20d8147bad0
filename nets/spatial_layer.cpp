#include "nets/spatial_layer.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "nets/pooling.hpp"

namespace convneat {
namespace {

// Patch-matrix block the layers fill before each product: small enough to stay in a core's L2
// cache until the product reads it. bench/spatial_bench measured 32 KiB to 1 MiB alike, and
// one product for the whole batch (0) up to 1.8 times slower, since its patches go through memory.
constexpr std::size_t kDefaultPatchBlockBytes = 256 * 1024;

}  // namespace

SpatialLayer::SpatialLayer(const SpatialLayerGene& gene, const LayerGeometry& geometry)
    : geometry_(geometry),
      patch_(patch_geometry(gene, geometry)),
      activation_(gene.activation),
      pooling_(gene.pooling),
      patch_block_bytes_(kDefaultPatchBlockBytes) {
  if (gene.virtual_batch_norm) normalisation_.emplace(gene);
}

void SpatialLayer::check_calibrated() const {
  if (normalisation_ && !normalisation_->calibrated())
    throw std::logic_error("a spatial layer with virtual batch norm was run before its statistics were computed "
                           "from a reference batch (SpatialFrontEnd::calibrate)");
}

void SpatialLayer::forward(const float* input, std::size_t batch, Eigen::MatrixXf& output,
                           SpatialScratch& scratch) const {
  check_calibrated();
  output.resize(static_cast<Eigen::Index>(batch), static_cast<Eigen::Index>(geometry_.output.size()));
  if (batch == 0) return;
  if (pooling_ == Pooling::none) {
    convolve(input, batch, activation(), output.data(), scratch);
    normalise(output.data(), batch);
    return;
  }
  float* convolved = room(scratch.convolved, batch * geometry_.convolved.size());
  convolve(input, batch, activation(), convolved, scratch);
  normalise(convolved, batch);
  pool_2x2(pooling_, geometry_.convolved, batch, convolved, output.data());
}

void SpatialLayer::normalise(float* convolved, std::size_t batch) const {
  if (normalisation_) normalisation_->apply(activation_, convolved, batch, geometry_.convolved.cells());
}

void SpatialLayer::calibrate(const float* input, std::size_t batch, SpatialScratch& scratch) {
  if (!normalisation_) return;
  float* convolved = room(scratch.convolved, batch * geometry_.convolved.size());
  if (batch > 0) convolve(input, batch, Activation::identity, convolved, scratch);  // the pre-activation map
  normalisation_->calibrate(convolved, batch, geometry_.convolved.cells());
}

std::size_t SpatialLayer::cells_per_block(std::size_t batch) const {
  const std::size_t cells = patch_.cells();
  if (patch_block_bytes_ == 0) return cells;
  const std::size_t cell_bytes = batch * patch_.depth() * sizeof(float);
  return std::clamp<std::size_t>(patch_block_bytes_ / cell_bytes, 1, cells);
}

Eigen::MatrixXf kernel_matrix(const SpatialLayerGene& gene) {
  const auto depth = static_cast<Eigen::Index>(gene.in_channels * gene.kernel_size * gene.kernel_size);
  const auto columns = static_cast<Eigen::Index>(gene.banks * gene.out_channels);
  return Eigen::Map<const Eigen::MatrixXd>(gene.kernels.data(), depth, columns).cast<float>();
}

}  // namespace convneat
