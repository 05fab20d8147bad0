#include "nets/shared_layer.hpp"

#include <algorithm>
#include <stdexcept>

#include "nets/float_activation.hpp"
#include "nets/pooling.hpp"
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

void SharedLayer::forward_together(std::span<const SharedLayer* const> layers, const float* input, std::size_t batch,
                                   std::span<Eigen::MatrixXf* const> outputs, SpatialScratch& scratch) {
  if (layers.empty()) return;
  if (outputs.size() != layers.size()) throw std::invalid_argument("SharedLayer::forward_together: one output per layer");
  const PatchGeometry& patch = layers.front()->patch();
  Eigen::Index columns = 0;
  for (const SharedLayer* layer : layers) {
    if (!layer->can_run_together() || layer->patch() != patch)
      throw std::invalid_argument("SharedLayer::forward_together: layers of one patch geometry without virtual batch "
                                  "norm and with at least two channels only");
    columns += layer->kernels_.cols();
  }
  Eigen::MatrixXf kernels(static_cast<Eigen::Index>(patch.depth()), columns);
  for (Eigen::Index column = 0; const SharedLayer* layer : layers) {
    kernels.middleCols(column, layer->kernels_.cols()) = layer->kernels_;
    column += layer->kernels_.cols();
  }
  for (std::size_t i = 0; i < layers.size(); ++i)
    outputs[i]->resize(static_cast<Eigen::Index>(batch), static_cast<Eigen::Index>(layers[i]->geometry().output.size()));
  if (batch == 0) return;
  // Blocks of whole pairs of output rows, so that each block pools on its own.
  const std::size_t height = patch.out_height, width = patch.out_width;
  const std::size_t block_rows = std::max<std::size_t>(2, layers.front()->cells_per_block(batch) / width / 2 * 2);
  float* patches = room(scratch.patches, block_rows * width * batch * patch.depth());
  float* products = room(scratch.products, block_rows * width * batch * static_cast<std::size_t>(columns));
  for (std::size_t first_row = 0; first_row < height; first_row += block_rows) {
    const std::size_t rows = std::min(block_rows, height - first_row);
    const auto product_rows = static_cast<Eigen::Index>(rows * width * batch);
    extract_patches(patch, input, batch, first_row * width, rows * width, patches);
    Eigen::Map<Eigen::MatrixXf> product(products, product_rows, columns);
    row_stable_product(Eigen::Map<const Eigen::MatrixXf>(patches, product_rows, kernels.rows()), kernels, product);
    Eigen::Index column = 0;
    for (std::size_t i = 0; i < layers.size(); ++i) {
      const Eigen::Index channels = layers[i]->kernels_.cols();
      layers[i]->finish_block(product.middleCols(column, channels), batch, first_row, rows, *outputs[i]);
      column += channels;
    }
  }
}

void SharedLayer::finish_block(Eigen::Ref<Eigen::MatrixXf> product, std::size_t batch, std::size_t first_row,
                               std::size_t rows, Eigen::MatrixXf& output) const {
  assign_activated(activation(), product.array(), product.array().rowwise() + biases_.array());
  const ImageShape& maps = geometry().convolved;
  const std::size_t plane = maps.cells() * batch;
  if (pooling() == Pooling::none) {
    // Channel o's rows of this block sit one map plane apart in the output, as convolve() writes them.
    using Strided = Eigen::Map<Eigen::MatrixXf, 0, Eigen::OuterStride<>>;
    Strided(output.data() + first_row * maps.width * batch, product.rows(), product.cols(),
            Eigen::OuterStride<>(static_cast<Eigen::Index>(plane))) = product;
    return;
  }
  // Each channel's block is `rows` whole map rows: pooled on their own, they give output rows
  // [first_row / 2, (first_row + rows) / 2) of that channel (an odd last row is dropped, as pool_2x2 drops it).
  const ImageShape& pooled = geometry().output;
  const ImageShape block_maps{1, rows, maps.width};
  for (std::size_t o = 0; o < maps.channels; ++o)
    pool_2x2(pooling(), block_maps, batch, product.col(static_cast<Eigen::Index>(o)).data(),
             output.data() + ((o * pooled.height + first_row / 2) * pooled.width) * batch);
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
