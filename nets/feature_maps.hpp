#pragma once
// How the spatial layers hold a batch of feature maps: an Eigen::MatrixXf of N × C·H·W whose
// column c·H·W + i·W + j holds cell (i, j) of channel c for every image. Row n is image n in
// CHW order, as the spec writes it; the matrix is column-major, so the batch index is the
// innermost in memory (C, H, W, N). That one choice makes every step a long contiguous run:
//   - the patch rows of a cell are N consecutive values, and one output row of cells is one
//     block of W'·N values, so im2col copies spans, not single pixels;
//   - the shared/centroid product (cells·N × C_in·k·k) · (C_in·k·k × C_out) writes straight
//     into the next map (channel o is column block o), with no transposition;
//   - a flattened readout is the map itself (feature c·H'W' + cell of image n);
//   - the graph's batch path wants N × inputs column-major, which this is.
#include <cstddef>

#include <Eigen/Core>

namespace convneat {

// Cells [first, first + cells) of one channel over the whole batch: an N × cells block of a
// map with `plane` cells per channel, stored as described above.
inline Eigen::Map<Eigen::MatrixXf> channel_cells(float* maps, std::size_t plane, std::size_t batch,
                                                 std::size_t channel, std::size_t first, std::size_t cells) {
  return {maps + (channel * plane + first) * batch, static_cast<Eigen::Index>(batch),
          static_cast<Eigen::Index>(cells)};
}

}  // namespace convneat
