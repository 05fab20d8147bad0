#include "nets/centroid_layer.hpp"

#include <algorithm>

#include "nets/feature_maps.hpp"
#include "nets/float_activation.hpp"
#include "nets/kcp_gradient.hpp"
#include "nets/row_stable_product.hpp"

namespace convneat {

CentroidLayer::CentroidLayer(const SpatialLayerGene& gene, const LayerGeometry& geometry)
    : SpatialLayer(gene, geometry),
      kcp_count_(gene.centroid.shapes.size()),
      weight_sets_(gene.centroid.per_feature ? gene.out_channels : 1),
      kernels_(kernel_matrix(gene)),
      biases_(Eigen::Map<const Eigen::MatrixXd>(gene.biases.data(), static_cast<Eigen::Index>(gene.out_channels),
                                                static_cast<Eigen::Index>(gene.centroid.shapes.size()))
                  .cast<float>()),
      centroid_(gene.centroid) {
  const std::size_t height = geometry.convolved.height, width = geometry.convolved.width;
  const std::vector<double> weights = kcp_weights(gene, height, width);
  const Eigen::Map<const Eigen::MatrixXd> all_weights(weights.data(), static_cast<Eigen::Index>(height * width),
                                                      static_cast<Eigen::Index>(kcp_count_ * weight_sets_));
  weights_ = all_weights.cast<float>();
  // Blended in double and rounded once.
  Eigen::MatrixXd bias_map = Eigen::MatrixXd::Zero(all_weights.rows(), static_cast<Eigen::Index>(gene.out_channels));
  for (std::size_t k = 0; k < kcp_count_; ++k)
    for (std::size_t o = 0; o < gene.out_channels; ++o)
      bias_map.col(static_cast<Eigen::Index>(o)) +=
          gene.biases[k * gene.out_channels + o] * all_weights.col(static_cast<Eigen::Index>(weight_column(k, o)));
  bias_map_ = bias_map.cast<float>();
}

void CentroidLayer::convolve(const float* input, std::size_t batch, Activation activation, float* convolved,
                             SpatialScratch& scratch) const {
  const std::size_t cells = patch().cells(), block = cells_per_block(batch);
  float* patches = room(scratch.patches, block * batch * patch().depth());
  float* products = room(scratch.products, block * batch * static_cast<std::size_t>(kernels_.cols()));
  for (std::size_t first = 0; first < cells; first += block) {
    const std::size_t count = std::min(block, cells - first);
    const auto rows = static_cast<Eigen::Index>(count * batch);
    extract_patches(patch(), input, batch, first, count, patches);
    row_stable_product(Eigen::Map<const Eigen::MatrixXf>(patches, rows, kernels_.rows()), kernels_,
                       Eigen::Map<Eigen::MatrixXf>(products, rows, kernels_.cols()));
    blend(products, batch, first, count, activation, convolved);
  }
}

void CentroidLayer::blend(const float* products, std::size_t batch, std::size_t first, std::size_t count,
                          Activation activation, float* convolved) const {
  const auto n = static_cast<Eigen::Index>(batch), cells = static_cast<Eigen::Index>(count);
  const auto start = static_cast<Eigen::Index>(first);
  const std::size_t channels = out_channels();
  for (std::size_t o = 0; o < channels; ++o) {
    Eigen::Map<Eigen::MatrixXf> map = channel_cells(convolved, patch().cells(), batch, o, first, count);
    auto out = map.array();
    // KCP k's map of channel o is product column k·C_out + o: N × cells, weighted cell by cell.
    const auto product = [&](std::size_t k) {
      return Eigen::Map<const Eigen::ArrayXXf>(products + (k * channels + o) * count * batch, n, cells);
    };
    const auto weight = [&](std::size_t k) {
      return weights_.col(static_cast<Eigen::Index>(weight_column(k, o))).segment(start, cells).transpose().array();
    };
    const auto bias = bias_map_.col(static_cast<Eigen::Index>(o)).segment(start, cells).transpose().array();
    out = (product(0).rowwise() * weight(0)).rowwise() + bias;
    for (std::size_t k = 1; k < kcp_count_; ++k) out += product(k).rowwise() * weight(k);
    assign_activated(activation, out, out);
  }
}

void CentroidLayer::convolve_backward(const float* input, std::size_t batch, const float* delta,
                                      SpatialLayerGradient& gradient, float* input_gradient,
                                      SpatialScratch& scratch) const {
  const std::size_t cells = patch().cells(), block = cells_per_block(batch);
  const Eigen::Index depth = kernels_.rows(), columns = kernels_.cols();
  float* patches = room(scratch.patches, block * batch * patch().depth());
  float* patch_gradient = room(scratch.patch_gradients, block * batch * patch().depth());
  float* products = room(scratch.products, block * batch * static_cast<std::size_t>(columns));
  float* product_gradients = room(scratch.product_gradients, block * batch * static_cast<std::size_t>(columns));
  Eigen::MatrixXf kernel_gradient = Eigen::MatrixXf::Zero(depth, columns);
  Eigen::MatrixXf bias_gradient = Eigen::MatrixXf::Zero(biases_.rows(), biases_.cols());
  Eigen::MatrixXd weight_gradient = Eigen::MatrixXd::Zero(weights_.rows(), weights_.cols());
  for (std::size_t first = 0; first < cells; first += block) {
    const std::size_t count = std::min(block, cells - first);
    const auto rows = static_cast<Eigen::Index>(count * batch);
    extract_patches(patch(), input, batch, first, count, patches);
    const Eigen::Map<const Eigen::MatrixXf> block_patches(patches, rows, depth);
    Eigen::Map<Eigen::MatrixXf>(products, rows, columns).noalias() = block_patches * kernels_;
    unblend(products, delta, batch, first, count, product_gradients, bias_gradient, weight_gradient);
    const Eigen::Map<const Eigen::MatrixXf> block_product_gradient(product_gradients, rows, columns);
    kernel_gradient.noalias() += block_patches.transpose() * block_product_gradient;
    if (input_gradient == nullptr) continue;
    Eigen::Map<Eigen::MatrixXf>(patch_gradient, rows, depth).noalias() = block_product_gradient * kernels_.transpose();
    scatter_patches(patch(), patch_gradient, batch, first, count, input_gradient);
  }
  gradient.kernels = gene_order(kernel_gradient);
  gradient.biases = gene_order(bias_gradient);
  const KcpGradient kcp = kcp_gradient(centroid_, patch().out_height, patch().out_width, weight_gradient);
  gradient.centroids = kcp.centroids;
  gradient.shapes = kcp.shapes;
}

void CentroidLayer::unblend(const float* products, const float* delta, std::size_t batch, std::size_t first,
                            std::size_t count, float* product_gradients, Eigen::MatrixXf& bias_gradient,
                            Eigen::MatrixXd& weight_gradient) const {
  const auto n = static_cast<Eigen::Index>(batch), cells = static_cast<Eigen::Index>(count);
  const auto start = static_cast<Eigen::Index>(first);
  const std::size_t channels = out_channels();
  for (std::size_t o = 0; o < channels; ++o) {
    const auto channel_delta = Eigen::Map<const Eigen::ArrayXXf>(delta + (o * patch().cells() + first) * batch, n, cells);
    for (std::size_t k = 0; k < kcp_count_; ++k) {
      const std::size_t offset = (k * channels + o) * count * batch;  // product column k·C_out + o
      const auto column = static_cast<Eigen::Index>(weight_column(k, o));
      const auto weight = weights_.col(column).segment(start, cells).transpose().array();
      const auto kk = static_cast<Eigen::Index>(k), oo = static_cast<Eigen::Index>(o);
      Eigen::Map<Eigen::ArrayXXf> product_gradient(product_gradients + offset, n, cells);
      product_gradient = channel_delta.rowwise() * weight;
      bias_gradient(oo, kk) += product_gradient.sum();
      const auto product = Eigen::Map<const Eigen::ArrayXXf>(products + offset, n, cells);
      weight_gradient.col(column).segment(start, cells) +=
          (channel_delta * (product + biases_(oo, kk))).colwise().sum().transpose().cast<double>().matrix();
    }
  }
}

}  // namespace convneat
