#include "nets/pooling.hpp"

#include <algorithm>
#include <vector>

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

namespace {

// One corner of max pooling's backward pass over a batch column of windows: the corner takes
// what is `left` of each window's gradient where it holds the maximum, and leaves 0 behind. A
// plain loop over the batch (the innermost dimension) with selects the compiler makes vector
// blends; __restrict says the two outputs alias nothing, without which GCC gives up on the
// alias checks and runs it scalar.
void route_to_corner(const float* value, const float* maximum, float* __restrict left, float* __restrict to,
                     std::size_t batch) {
  for (std::size_t i = 0; i < batch; ++i) {
    const bool holds_maximum = value[i] == maximum[i];
    to[i] = holds_maximum ? left[i] : 0.0f;
    left[i] = holds_maximum ? 0.0f : left[i];
  }
}

}  // namespace

void pool_2x2_backward(Pooling pooling, const ImageShape& maps, std::size_t batch, const float* input,
                       const float* output, const float* output_gradient, float* input_gradient) {
  using StridedOut = Eigen::Map<Eigen::ArrayXXf, 0, Eigen::OuterStride<>>;
  std::fill_n(input_gradient, batch * maps.size(), 0.0f);
  const auto n = static_cast<Eigen::Index>(batch), width = static_cast<Eigen::Index>(maps.width);
  const auto pooled_height = static_cast<Eigen::Index>(maps.height / 2);
  const auto pooled_width = static_cast<Eigen::Index>(maps.width / 2);
  const Eigen::OuterStride<> every_other(2 * n);
  std::vector<float> left(batch);  // max: the gradient no earlier corner has taken
  for (Eigen::Index c = 0; c < static_cast<Eigen::Index>(maps.channels); ++c)
    for (Eigen::Index i = 0; i < pooled_height; ++i) {
      // As in pool_2x2: the four corners of one row of windows, each an N × W/2 view.
      const Eigen::Index top = ((c * static_cast<Eigen::Index>(maps.height) + 2 * i) * width) * n;
      const Eigen::Index corners[4] = {top, top + n, top + width * n, top + width * n + n};
      const Eigen::Index pooled = ((c * pooled_height + i) * pooled_width) * n;
      if (pooling == Pooling::mean) {
        const Eigen::Map<const Eigen::ArrayXXf> gradient(output_gradient + pooled, n, pooled_width);
        for (const Eigen::Index corner : corners)
          StridedOut(input_gradient + corner, n, pooled_width, every_other) = 0.25f * gradient;
        continue;
      }
      // Window (i, j): its gradient goes to the first corner, in `corners` order, that holds the
      // maximum (a sub-gradient on ties).
      for (Eigen::Index j = 0; j < pooled_width; ++j) {
        const Eigen::Index column = 2 * j * n, window = pooled + j * n;
        std::copy_n(output_gradient + window, batch, left.data());
        for (const Eigen::Index corner : corners)
          route_to_corner(input + corner + column, output + window, left.data(), input_gradient + corner + column,
                          batch);
      }
    }
}

}  // namespace convneat
