#include "nets/shared_layer.hpp"

#include <algorithm>

#include "nets/float_activation.hpp"
#include "nets/row_stable_product.hpp"

namespace convneat {

SharedLayer::SharedLayer(const SpatialLayerGene& gene, const LayerGeometry& geometry)
    : SpatialLayer(gene, geometry),
      kernels_(kernel_matrix(gene)),
      biases_(Eigen::Map<const Eigen::RowVectorXd>(gene.biases.data(), static_cast<Eigen::Index>(gene.out_channels))
                  .cast<float>()) {}

void SharedLayer::convolve(const float* input, std::size_t batch, Activation activation, float* convolved,
                           SpatialScratch& scratch) const {
  using Strided = Eigen::Map<Eigen::MatrixXf, 0, Eigen::OuterStride<>>;
  const std::size_t cells = patch().cells(), block = cells_per_block(batch);
  float* patches = room(scratch.patches, block * batch * patch().depth());
  for (std::size_t first = 0; first < cells; first += block) {
    const std::size_t count = std::min(block, cells - first);
    const auto rows = static_cast<Eigen::Index>(count * batch);
    extract_patches(patch(), input, batch, first, count, patches);
    // These cells of every channel: channel o is column o, one map plane apart.
    Strided out(convolved + first * batch, rows, kernels_.cols(), Eigen::OuterStride<>(cells * batch));
    row_stable_product(Eigen::Map<const Eigen::MatrixXf>(patches, rows, kernels_.rows()), kernels_, out);
    assign_activated(activation, out.array(), out.array().rowwise() + biases_.array());
  }
}

void SharedLayer::convolve_backward(const float* input, std::size_t batch, const float* delta,
                                    SpatialLayerGradient& gradient, float* input_gradient,
                                    SpatialScratch& scratch) const {
  using Strided = Eigen::Map<const Eigen::MatrixXf, 0, Eigen::OuterStride<>>;
  const std::size_t cells = patch().cells(), block = cells_per_block(batch);
  const Eigen::Index depth = kernels_.rows(), channels = kernels_.cols();
  float* patches = room(scratch.patches, block * batch * patch().depth());
  float* patch_gradient = room(scratch.patch_gradients, block * batch * patch().depth());
  Eigen::MatrixXf kernel_gradient = Eigen::MatrixXf::Zero(depth, channels);
  Eigen::RowVectorXf bias_gradient = Eigen::RowVectorXf::Zero(channels);
  for (std::size_t first = 0; first < cells; first += block) {
    const std::size_t count = std::min(block, cells - first);
    const auto rows = static_cast<Eigen::Index>(count * batch);
    extract_patches(patch(), input, batch, first, count, patches);
    const Eigen::Map<const Eigen::MatrixXf> block_patches(patches, rows, depth);
    // δ of these cells, channel o in column o, as convolve() wrote them.
    const Strided block_delta(delta + first * batch, rows, channels, Eigen::OuterStride<>(cells * batch));
    kernel_gradient.noalias() += block_patches.transpose() * block_delta;  // ∂L/∂W = patchesᵀ · δ
    bias_gradient += block_delta.colwise().sum();
    if (input_gradient == nullptr) continue;
    Eigen::Map<Eigen::MatrixXf> block_patch_gradient(patch_gradient, rows, depth);
    block_patch_gradient.noalias() = block_delta * kernels_.transpose();  // ∂L/∂patches = δ · Wᵀ
    scatter_patches(patch(), patch_gradient, batch, first, count, input_gradient);
  }
  gradient.kernels = gene_order(kernel_gradient);
  gradient.biases = gene_order(bias_gradient);
}

}  // namespace convneat
