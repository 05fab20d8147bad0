#include "nets/local_layer.hpp"

#include <algorithm>

#include "nets/feature_maps.hpp"
#include "nets/float_activation.hpp"
#include "nets/row_stable_product.hpp"

namespace convneat {

LocalLayer::LocalLayer(const SpatialLayerGene& gene, const LayerGeometry& geometry)
    : SpatialLayer(gene, geometry),
      kernels_(kernel_matrix(gene)),
      // The gene's bias b[cell · C_out + o] read as C_out × cells, transposed to cells × C_out.
      bias_map_(Eigen::Map<const Eigen::MatrixXd>(gene.biases.data(), static_cast<Eigen::Index>(gene.out_channels),
                                                  static_cast<Eigen::Index>(geometry.convolved.cells()))
                    .transpose()
                    .cast<float>()) {}

void LocalLayer::convolve(const float* input, std::size_t batch, Activation activation, float* convolved,
                          SpatialScratch& scratch) const {
  using Strided = Eigen::Map<Eigen::MatrixXf, 0, Eigen::OuterStride<>>;
  const std::size_t cells = patch().cells(), block = cells_per_block(batch), channels = out_channels();
  const auto n = static_cast<Eigen::Index>(batch), depth = static_cast<Eigen::Index>(patch().depth());
  float* patches = room(scratch.patches, batch * patch().depth());
  for (std::size_t first = 0; first < cells; first += block) {
    const std::size_t count = std::min(block, cells - first);
    for (std::size_t cell = first; cell < first + count; ++cell) {
      extract_patches(patch(), input, batch, cell, 1, patches);
      Strided out(convolved + cell * batch, n, static_cast<Eigen::Index>(channels), Eigen::OuterStride<>(cells * batch));
      row_stable_product(
          Eigen::Map<const Eigen::MatrixXf>(patches, n, depth),
          kernels_.middleCols(static_cast<Eigen::Index>(cell * channels), static_cast<Eigen::Index>(channels)), out);
    }
    // Bias and activation while the block's outputs are still in cache.
    for (std::size_t o = 0; o < channels; ++o) {
      Eigen::Map<Eigen::MatrixXf> map = channel_cells(convolved, cells, batch, o, first, count);
      const auto bias = bias_map_.col(static_cast<Eigen::Index>(o))
                            .segment(static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(count))
                            .transpose()
                            .array();
      assign_activated(activation, map.array(), map.array().rowwise() + bias);
    }
  }
}

void LocalLayer::convolve_backward(const float* input, std::size_t batch, const float* delta,
                                   SpatialLayerGradient& gradient, float* input_gradient,
                                   SpatialScratch& scratch) const {
  using Strided = Eigen::Map<const Eigen::MatrixXf, 0, Eigen::OuterStride<>>;
  const std::size_t cells = patch().cells(), channels = out_channels();
  const auto n = static_cast<Eigen::Index>(batch), depth = static_cast<Eigen::Index>(patch().depth());
  const auto width = static_cast<Eigen::Index>(channels);
  float* patches = room(scratch.patches, batch * patch().depth());
  float* patch_gradient = room(scratch.patch_gradients, batch * patch().depth());
  // Bank `cell` is columns cell·C_out … of both: the gene's order (bias_map_ is transposed).
  Eigen::MatrixXf kernel_gradient(depth, kernels_.cols());
  Eigen::MatrixXf bias_gradient(width, static_cast<Eigen::Index>(cells));
  for (std::size_t cell = 0; cell < cells; ++cell) {
    const auto bank = static_cast<Eigen::Index>(cell * channels);
    extract_patches(patch(), input, batch, cell, 1, patches);
    const Eigen::Map<const Eigen::MatrixXf> cell_patches(patches, n, depth);
    const Strided cell_delta(delta + cell * batch, n, width, Eigen::OuterStride<>(cells * batch));
    kernel_gradient.middleCols(bank, width).noalias() = cell_patches.transpose() * cell_delta;
    bias_gradient.col(static_cast<Eigen::Index>(cell)) = cell_delta.colwise().sum().transpose();
    if (input_gradient == nullptr) continue;
    Eigen::Map<Eigen::MatrixXf>(patch_gradient, n, depth).noalias() =
        cell_delta * kernels_.middleCols(bank, width).transpose();
    scatter_patches(patch(), patch_gradient, batch, cell, 1, input_gradient);
  }
  gradient.kernels = gene_order(kernel_gradient);
  gradient.biases = gene_order(bias_gradient);
}

}  // namespace convneat
