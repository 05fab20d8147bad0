#include "nets/patch_matrix.hpp"

#include <algorithm>
#include <utility>

#include <Eigen/Core>

namespace convneat {
namespace {

using Index = std::ptrdiff_t;

// The cells t ∈ [0, count) of a segment whose input column x = first_x + t·step lies inside
// [0, width): the range [low, high), empty when low ≥ high.
std::pair<Index, Index> cells_inside(Index width, Index first_x, Index step, Index count) {
  const Index low = first_x >= 0 ? 0 : (-first_x + step - 1) / step;
  const Index high = first_x >= width ? 0 : std::min(count, (width - 1 - first_x) / step + 1);
  return {low, high};
}

// Cells t ∈ [0, count) of one patch-matrix segment read input column x = first_x + t·step;
// copies those inside [0, width) (each is N values) and zeroes the others.
void copy_row_segment(const float* input_row, Index width, Index batch, Index first_x, Index step, Index count,
                      float* out) {
  const auto [low, high] = cells_inside(width, first_x, step, count);
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
  const auto [low, high] = cells_inside(width, first_x, step, count);
  if (low >= high) return;
  float* target = input_row + (first_x + low * step) * batch;
  const Eigen::Map<const Eigen::ArrayXXf> source(segment + low * batch, batch, high - low);
  using Strided = Eigen::Map<Eigen::ArrayXXf, 0, Eigen::OuterStride<>>;
  Strided(target, batch, high - low, Eigen::OuterStride<>(step * batch)) += source;
}

// One segment of the patch matrix: the cells j ∈ [j0, j1) of output row i for one (c, u, v)
// column, which read input row y (outside the map when y < 0 or y ≥ H) from column
// first_x = j0·s + v − pad_left on.
struct Segment {
  Index offset;     // of its first value in the block's patches (N values per cell)
  Index y;          // the input row it reads
  Index row;        // of that input row's first value in the input map (valid when y is)
  Index first_x;
  Index count;      // j1 − j0
};

// Calls visit(segment) for every segment of the cells [first, first + cells), in the order
// the block's patch columns are laid out (c, u, v outermost, then output rows).
template <class Visit>
void for_each_segment(const PatchGeometry& g, std::size_t batch, std::size_t first, std::size_t cells, Visit visit) {
  const auto n = static_cast<Index>(batch), k = static_cast<Index>(g.kernel), s = static_cast<Index>(g.stride);
  const auto height = static_cast<Index>(g.input.height), width = static_cast<Index>(g.input.width);
  const auto out_width = static_cast<Index>(g.out_width);
  const auto begin = static_cast<Index>(first), end = static_cast<Index>(first + cells);
  Index column = 0;
  for (Index c = 0; c < static_cast<Index>(g.input.channels); ++c)
    for (Index u = 0; u < k; ++u)
      for (Index v = 0; v < k; ++v, column += (end - begin) * n)
        for (Index i = begin / out_width; i * out_width < end; ++i) {
          const Index j0 = std::max(begin - i * out_width, Index{0});
          const Index j1 = std::min(end - i * out_width, out_width);
          const Index y = i * s + u - static_cast<Index>(g.pad_top);
          visit(Segment{column + (i * out_width + j0 - begin) * n, y, ((c * height + y) * width) * n,
                        j0 * s + v - static_cast<Index>(g.pad_left), j1 - j0});
        }
}

}  // namespace

PatchGeometry patch_geometry(const SpatialLayerGene& layer, const LayerGeometry& geometry) {
  return {geometry.input,   geometry.convolved.height, geometry.convolved.width, layer.kernel_size,
          layer.stride,     geometry.pad_top,          geometry.pad_left};
}

void extract_patches(const PatchGeometry& g, const float* input, std::size_t batch, std::size_t first,
                     std::size_t cells, float* patches) {
  const auto n = static_cast<Index>(batch), height = static_cast<Index>(g.input.height);
  const auto width = static_cast<Index>(g.input.width), s = static_cast<Index>(g.stride);
  for_each_segment(g, batch, first, cells, [&](const Segment& segment) {
    float* out = patches + segment.offset;
    if (segment.y < 0 || segment.y >= height)
      std::fill_n(out, segment.count * n, 0.0f);
    else
      copy_row_segment(input + segment.row, width, n, segment.first_x, s, segment.count, out);
  });
}

void scatter_patches(const PatchGeometry& g, const float* patches, std::size_t batch, std::size_t first,
                     std::size_t cells, float* input) {
  // The transpose of extract_patches: adds where it copies, skips where it zero-fills.
  const auto n = static_cast<Index>(batch), height = static_cast<Index>(g.input.height);
  const auto width = static_cast<Index>(g.input.width), s = static_cast<Index>(g.stride);
  for_each_segment(g, batch, first, cells, [&](const Segment& segment) {
    if (segment.y >= 0 && segment.y < height)
      add_row_segment(patches + segment.offset, width, n, segment.first_x, s, segment.count, input + segment.row);
  });
}

}  // namespace convneat
