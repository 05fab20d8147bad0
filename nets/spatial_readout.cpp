#include "nets/spatial_readout.hpp"

namespace convneat {

const Eigen::MatrixXf& read_out(ReadoutKind kind, const ImageShape& shape, const Eigen::MatrixXf& maps,
                                Eigen::MatrixXf& pooled) {
  if (kind == ReadoutKind::flatten) return maps;
  const auto cells = static_cast<Eigen::Index>(shape.cells());
  const auto channels = static_cast<Eigen::Index>(shape.channels);
  pooled.resize(maps.rows(), channels);
  if (maps.rows() == 0) return pooled;
  for (Eigen::Index c = 0; c < channels; ++c) {
    const auto plane = maps.middleCols(c * cells, cells);  // N × cells
    if (kind == ReadoutKind::mean)
      pooled.col(c) = plane.rowwise().mean();
    else
      pooled.col(c) = plane.rowwise().maxCoeff();
  }
  return pooled;
}

void read_out_backward(ReadoutKind kind, const ImageShape& shape, const Eigen::MatrixXf& maps,
                       const Eigen::MatrixXf& feature_gradient, Eigen::MatrixXf& map_gradient) {
  if (kind == ReadoutKind::flatten) {
    map_gradient = feature_gradient;
    return;
  }
  const auto cells = static_cast<Eigen::Index>(shape.cells());
  const auto channels = static_cast<Eigen::Index>(shape.channels);
  map_gradient.resize(maps.rows(), maps.cols());
  if (kind == ReadoutKind::mean) {
    for (Eigen::Index c = 0; c < channels; ++c)
      map_gradient.middleCols(c * cells, cells) =
          (feature_gradient.col(c) / static_cast<float>(cells)).replicate(1, cells);
    return;
  }
  map_gradient.setZero();
  for (Eigen::Index c = 0; c < channels; ++c)
    for (Eigen::Index n = 0; n < maps.rows(); ++n) {  // one index search per image and channel
      Eigen::Index cell = 0;
      maps.row(n).segment(c * cells, cells).maxCoeff(&cell);
      map_gradient(n, c * cells + cell) = feature_gradient(n, c);
    }
}

}  // namespace convneat
