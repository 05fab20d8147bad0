#include "nets/centroid_layer.hpp"

#include <algorithm>

#include "nets/feature_maps.hpp"
#include "nets/float_activation.hpp"
#include "nets/row_stable_product.hpp"

namespace convneat {

CentroidLayer::CentroidLayer(const SpatialLayerGene& gene, const LayerGeometry& geometry)
    : SpatialLayer(gene, geometry),
      kcp_count_(gene.centroid.shapes.size()),
      weight_sets_(gene.centroid.per_feature ? gene.out_channels : 1),
      kernels_(kernel_matrix(gene)) {
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

void CentroidLayer::convolve(const float* input, std::size_t batch, float* convolved, SpatialScratch& scratch) const {
  const std::size_t cells = patch().cells(), block = cells_per_block(batch);
  float* patches = room(scratch.patches, block * batch * patch().depth());
  float* products = room(scratch.products, block * batch * static_cast<std::size_t>(kernels_.cols()));
  for (std::size_t first = 0; first < cells; first += block) {
    const std::size_t count = std::min(block, cells - first);
    const auto rows = static_cast<Eigen::Index>(count * batch);
    extract_patches(patch(), input, batch, first, count, patches);
    row_stable_product(Eigen::Map<const Eigen::MatrixXf>(patches, rows, kernels_.rows()), kernels_,
                       Eigen::Map<Eigen::MatrixXf>(products, rows, kernels_.cols()));
    blend(products, batch, first, count, convolved);
  }
}

void CentroidLayer::blend(const float* products, std::size_t batch, std::size_t first, std::size_t count,
                          float* convolved) const {
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
    assign_activated(activation(), out, out);
  }
}

}  // namespace convneat
