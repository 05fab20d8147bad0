#pragma once
// The ONNX nodes of a convolutional front end (docs/specs/spatial-layers.md), for genome_to_onnx:
// every layer of the stack in order, then the readout. Internal to nets/.
//
//   shared    Conv with the gene's bank (bias included)
//   centroid  one Conv with all K banks stacked (K·C_out channels, biases included),
//             Reshape [N, K, C_out, H', W'], Mul by the blending weights [1, K, C_out or 1,
//             H', W'], ReduceSum over the KCPs
//   local     Conv with C_in·k·k one-hot kernels (the patches), Reshape [N, C_in·k·k, H'·W'],
//             Einsum with the per-cell banks [H'·W', C_out, C_in·k·k], Reshape, Add the
//             per-cell biases [C_out, H', W']
// then, for a layer with virtual batch norm, BatchNormalization with the reference batch's
// fixed statistics (ONNX's inference form: gain·(z − mean)/sqrt(var + 1e-5) + shift per
// channel, exactly nets/virtual_batch_norm.hpp), then the activation and, if any, MaxPool or
// AveragePool 2 × 2 stride 2. Conv pads are
// [pad_top, pad_left, bottom, right] with bottom and right just large enough that ONNX's
// output size equals LayerGeometry's.
//
// A front end tied over several images (stack.copies > 1) takes [N, copies, C, H, W]: one
// Reshape makes the copies one batch of N·copies images, every operator above runs once on
// it (so each parameter tensor is one initializer, as the genome stores it once), and a last
// Reshape lays copy c's readout at graph inputs [c·R, (c + 1)·R), SpatialNetwork's order.
#include <string>
#include <vector>

#include "genome/spatial_gene.hpp"
#include "export/onnx_graph_builder.hpp"
#include "nets/virtual_batch_norm.hpp"

namespace convneat::onnx_export {

// Nodes computing the readout of `stack` from `images` ([N, C, H, W], or [N, copies, C, H, W]
// when tied); returns the name of the [N, copies·readout_size] feature tensor (copy-major,
// then channel-major, row-major cells: the order of the graph's input nodes). The stack must
// be valid (its layers compile) and `statistics` hold one entry per layer, filled for each
// layer with virtual batch norm.
std::string front_end_nodes(GraphBuilder& builder, const SpatialStack& stack, const std::string& images,
                            const std::vector<NormStatistics>& statistics);

}  // namespace convneat::onnx_export
