#pragma once
// The first spatial layer of many genomes in one product. Every genome of a generation sees
// the same training images, so front ends whose first layer is `shared` with one patch
// geometry (input shape, kernel, stride, padding) read the same patch matrix; only their
// kernels differ. Side by side, the kernels of a group make one right-hand side: the patches
// are extracted and packed for Eigen's product once per group instead of once per genome. For a
// layer of a few channels that work cost as much as the product's arithmetic (a profile of
// fashion_mnist_shared, one genome at a time: extraction 9 % and packing 14 % of the run
// against 23 % in the product's kernel).
//
// Each front end then adopts its layer's output (SpatialFrontEnd::adopt_first_layer) and runs
// only the rest of its stack when it scores those images; its results are what it would
// compute alone, to the bit (SharedLayer::forward_together). Layers that cannot take part
// (other modes, virtual batch norm, one channel) and front ends without partners run alone.
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include <Eigen/Core>

#include "nets/spatial_front_end.hpp"

namespace convneat {

// Columns (output channels) one group's product holds at most. Wider groups pack the patches
// fewer times but spread over fewer threads; on Fashion-MNIST's 4-channel layers, 32 to 200
// columns all ran within 20 % of each other (a block is at least two map rows of the whole
// batch — pooling reads pairs of rows — so at 64 columns its product is already 1.8 MB there,
// 14-wide maps of 256 images).
inline constexpr std::size_t kFirstLayerGroupColumns = 64;

// The front ends whose first layers can run together, in groups of one patch geometry and at
// most kFirstLayerGroupColumns channels, each group in the order the front ends were given;
// front ends that would be alone in their group are left out.
std::vector<std::vector<SpatialFrontEnd*>> first_layer_groups(std::span<SpatialFrontEnd* const> front_ends);

// Runs the first layer of every front end in `group` (one of first_layer_groups()) on `images`
// (N × C·H·W, batch-innermost, as SpatialFrontEnd::forward takes them) and hands each front end
// its output for its next forward() of these images; `owner` keeps the images alive meanwhile.
// Groups share nothing: several may run at once on different threads.
void run_first_layer_group(std::span<SpatialFrontEnd* const> group, const std::shared_ptr<const void>& owner,
                           const Eigen::MatrixXf& images);

}  // namespace convneat
