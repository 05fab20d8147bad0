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

void SharedLayer::convolve(const float* input, std::size_t batch, float* convolved, SpatialScratch& scratch) const {
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
    assign_activated(activation(), out.array(), out.array().rowwise() + biases_.array());
  }
}

}  // namespace convneat
