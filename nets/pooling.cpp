#include "nets/pooling.hpp"

#include <Eigen/Core>

namespace convneat {

void pool_2x2(Pooling pooling, const ImageShape& maps, std::size_t batch, const float* input, float* output) {
  using Strided = Eigen::Map<const Eigen::ArrayXXf, 0, Eigen::OuterStride<>>;
  const auto n = static_cast<Eigen::Index>(batch), width = static_cast<Eigen::Index>(maps.width);
  const auto pooled_height = static_cast<Eigen::Index>(maps.height / 2);
  const auto pooled_width = static_cast<Eigen::Index>(maps.width / 2);
  const Eigen::OuterStride<> every_other(2 * n);  // columns 2j (or 2j + 1) of one input row
  for (Eigen::Index c = 0; c < static_cast<Eigen::Index>(maps.channels); ++c)
    for (Eigen::Index i = 0; i < pooled_height; ++i) {
      // One output row at a time: four N × W/2 views, each the batch of one corner of the windows.
      const float* top = input + ((c * static_cast<Eigen::Index>(maps.height) + 2 * i) * width) * n;
      const float* bottom = top + width * n;
      const Strided top_left(top, n, pooled_width, every_other), top_right(top + n, n, pooled_width, every_other);
      const Strided bottom_left(bottom, n, pooled_width, every_other);
      const Strided bottom_right(bottom + n, n, pooled_width, every_other);
      Eigen::Map<Eigen::ArrayXXf> out(output + ((c * pooled_height + i) * pooled_width) * n, n, pooled_width);
      if (pooling == Pooling::max)
        out = top_left.max(top_right).max(bottom_left.max(bottom_right));
      else
        out = 0.25f * (top_left + top_right + bottom_left + bottom_right);
    }
}

}  // namespace convneat
