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

}  // namespace convneat
