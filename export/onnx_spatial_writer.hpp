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
// then the activation and, if any, MaxPool or AveragePool 2 × 2 stride 2. Conv pads are
// [pad_top, pad_left, bottom, right] with bottom and right just large enough that ONNX's
// output size equals LayerGeometry's.
#include <string>

#include "genome/spatial_gene.hpp"
#include "export/onnx_graph_builder.hpp"

namespace convneat::onnx_export {

// Nodes computing the readout of `stack` from `images` ([N, C, H, W]); returns the name of
// the [N, readout_size] feature tensor (channel-major, row-major cells: the order of the
// graph's input nodes). The stack must be valid (its layers compile).
std::string front_end_nodes(GraphBuilder& builder, const SpatialStack& stack, const std::string& images);

}  // namespace convneat::onnx_export
