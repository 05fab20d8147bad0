#include "nets/patch_matrix.hpp"

#include <algorithm>

#include <Eigen/Core>

namespace convneat {
namespace {

using Index = std::ptrdiff_t;

// Cells t ∈ [0, count) of one patch-matrix segment read input column x = first_x + t·step;
// copies those inside [0, width) (each is N values) and zeroes the others.
void copy_row_segment(const float* input_row, Index width, Index batch, Index first_x, Index step, Index count,
                      float* out) {
  // Valid t: 0 ≤ first_x + t·step < width.
  const Index low = first_x >= 0 ? 0 : (-first_x + step - 1) / step;
  const Index high = first_x >= width ? 0 : std::min(count, (width - 1 - first_x) / step + 1);
  if (low >= high) {
    std::fill_n(out, count * batch, 0.0f);
    return;
  }
  std::fill_n(out, low * batch, 0.0f);
  const float* source = input_row + (first_x + low * step) * batch;
  if (step == 1) {
    std::copy_n(source, (high - low) * batch, out + low * batch);
  } else {
    using Strided = Eigen::Map<const Eigen::MatrixXf, 0, Eigen::OuterStride<>>;
    Eigen::Map<Eigen::MatrixXf>(out + low * batch, batch, high - low) =
        Strided(source, batch, high - low, Eigen::OuterStride<>(step * batch));
  }
  std::fill_n(out + high * batch, (count - high) * batch, 0.0f);
}

// The transpose of copy_row_segment: adds the segment's cells that were read from inside
// [0, width) back onto the input row.
void add_row_segment(const float* segment, Index width, Index batch, Index first_x, Index step, Index count,
                     float* input_row) {
  const Index low = first_x >= 0 ? 0 : (-first_x + step - 1) / step;
  const Index high = first_x >= width ? 0 : std::min(count, (width - 1 - first_x) / step + 1);
  if (low >= high) return;
  float* target = input_row + (first_x + low * step) * batch;
  const Eigen::Map<const Eigen::ArrayXXf> source(segment + low * batch, batch, high - low);
  using Strided = Eigen::Map<Eigen::ArrayXXf, 0, Eigen::OuterStride<>>;
  Strided(target, batch, high - low, Eigen::OuterStride<>(step * batch)) += source;
}

}  // namespace

PatchGeometry patch_geometry(const SpatialLayerGene& layer, const LayerGeometry& geometry) {
  return {geometry.input,   geometry.convolved.height, geometry.convolved.width, layer.kernel_size,
          layer.stride,     geometry.pad_top,          geometry.pad_left};
}

void extract_patches(const PatchGeometry& g, const float* input, std::size_t batch, std::size_t first,
                     std::size_t cells, float* patches) {
  const auto n = static_cast<Index>(batch), k = static_cast<Index>(g.kernel), s = static_cast<Index>(g.stride);
  const auto height = static_cast<Index>(g.input.height), width = static_cast<Index>(g.input.width);
  const auto out_width = static_cast<Index>(g.out_width);
  const auto begin = static_cast<Index>(first), end = static_cast<Index>(first + cells);
  float* column = patches;
  for (Index c = 0; c < static_cast<Index>(g.input.channels); ++c)
    for (Index u = 0; u < k; ++u)
      for (Index v = 0; v < k; ++v, column += (end - begin) * n)
        // One segment per output row i met by [begin, end): its cells j ∈ [j0, j1).
        for (Index i = begin / out_width; i * out_width < end; ++i) {
          const Index j0 = std::max(begin - i * out_width, Index{0});
          const Index j1 = std::min(end - i * out_width, out_width);
          float* out = column + (i * out_width + j0 - begin) * n;
          const Index y = i * s + u - static_cast<Index>(g.pad_top);
          if (y < 0 || y >= height) {
            std::fill_n(out, (j1 - j0) * n, 0.0f);
            continue;
          }
          const float* input_row = input + ((c * height + y) * width) * n;
          copy_row_segment(input_row, width, n, j0 * s + v - static_cast<Index>(g.pad_left), s, j1 - j0, out);
        }
}

void scatter_patches(const PatchGeometry& g, const float* patches, std::size_t batch, std::size_t first,
                     std::size_t cells, float* input) {
  // The loops of extract_patches, adding where it copies and skipping where it zero-fills.
  const auto n = static_cast<Index>(batch), k = static_cast<Index>(g.kernel), s = static_cast<Index>(g.stride);
  const auto height = static_cast<Index>(g.input.height), width = static_cast<Index>(g.input.width);
  const auto out_width = static_cast<Index>(g.out_width);
  const auto begin = static_cast<Index>(first), end = static_cast<Index>(first + cells);
  const float* column = patches;
  for (Index c = 0; c < static_cast<Index>(g.input.channels); ++c)
    for (Index u = 0; u < k; ++u)
      for (Index v = 0; v < k; ++v, column += (end - begin) * n)
        for (Index i = begin / out_width; i * out_width < end; ++i) {
          const Index j0 = std::max(begin - i * out_width, Index{0});
          const Index j1 = std::min(end - i * out_width, out_width);
          const Index y = i * s + u - static_cast<Index>(g.pad_top);
          if (y < 0 || y >= height) continue;
          add_row_segment(column + (i * out_width + j0 - begin) * n, width, n,
                          j0 * s + v - static_cast<Index>(g.pad_left), s, j1 - j0,
                          input + ((c * height + y) * width) * n);
        }
}

}  // namespace convneat
