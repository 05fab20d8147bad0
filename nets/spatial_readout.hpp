#pragma once
// The readout of the last feature map into the graph's inputs (spec "Readout"):
//   flatten — one input per (channel, cell), channel-major then row-major cells: with the
//             batch-innermost maps of feature_maps.hpp that is the map matrix itself;
//   mean / max — one input per channel, the mean or max over its cells.
// Either order is the sorted order of readout_nodes(), so graph input i is feature i.
#include <Eigen/Core>

#include "genome/spatial_gene.hpp"

namespace convneat {

// The features of `maps` (N × C·H·W, shape `shape`); flatten returns `maps` itself, a pooled
// readout is written into `pooled` (resized to N × C) and returned.
const Eigen::MatrixXf& read_out(ReadoutKind kind, const ImageShape& shape, const Eigen::MatrixXf& maps,
                                Eigen::MatrixXf& pooled);

// Backward pass: ∂L/∂maps (resized to N × C·H·W) from ∂L/∂features. flatten passes it
// through; mean gives each cell 1/cells of its channel's; max gives all of it to the first
// cell holding the channel's maximum (a sub-gradient on ties), found again in `maps`.
void read_out_backward(ReadoutKind kind, const ImageShape& shape, const Eigen::MatrixXf& maps,
                       const Eigen::MatrixXf& feature_gradient, Eigen::MatrixXf& map_gradient);

}  // namespace convneat
