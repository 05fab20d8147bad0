#include "nets/pooling.hpp"

#include <algorithm>

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

void pool_2x2_backward(Pooling pooling, const ImageShape& maps, std::size_t batch, const float* input,
                       const float* output, const float* output_gradient, float* input_gradient) {
  using Strided = Eigen::Map<const Eigen::ArrayXXf, 0, Eigen::OuterStride<>>;
  using StridedOut = Eigen::Map<Eigen::ArrayXXf, 0, Eigen::OuterStride<>>;
  std::fill_n(input_gradient, batch * maps.size(), 0.0f);
  const auto n = static_cast<Eigen::Index>(batch), width = static_cast<Eigen::Index>(maps.width);
  const auto pooled_height = static_cast<Eigen::Index>(maps.height / 2);
  const auto pooled_width = static_cast<Eigen::Index>(maps.width / 2);
  const Eigen::OuterStride<> every_other(2 * n);
  Eigen::ArrayXXf left(n, pooled_width);  // max: the gradient no earlier corner has taken
  for (Eigen::Index c = 0; c < static_cast<Eigen::Index>(maps.channels); ++c)
    for (Eigen::Index i = 0; i < pooled_height; ++i) {
      // As in pool_2x2: the four corners of one row of windows, each an N × W/2 view.
      const Eigen::Index top = ((c * static_cast<Eigen::Index>(maps.height) + 2 * i) * width) * n;
      const Eigen::Index corners[4] = {top, top + n, top + width * n, top + width * n + n};
      const Eigen::Index pooled = ((c * pooled_height + i) * pooled_width) * n;
      const Eigen::Map<const Eigen::ArrayXXf> gradient(output_gradient + pooled, n, pooled_width);
      if (pooling == Pooling::mean) {
        for (const Eigen::Index corner : corners)
          StridedOut(input_gradient + corner, n, pooled_width, every_other) = 0.25f * gradient;
        continue;
      }
      const Eigen::Map<const Eigen::ArrayXXf> maximum(output + pooled, n, pooled_width);
      left = gradient;
      for (const Eigen::Index corner : corners) {
        const Strided values(input + corner, n, pooled_width, every_other);
        const auto holds_maximum = values == maximum;
        StridedOut(input_gradient + corner, n, pooled_width, every_other) = holds_maximum.select(left, 0.0f);
        left = holds_maximum.select(0.0f, left);
      }
    }
}

}  // namespace convneat
