#pragma once
// im2col for the spatial layers: the receptive fields of a range of output cells, laid out
// so that one matrix product computes the layer for all of them and the whole batch.
//
//   patches[(cell − first)·N + n, c·k·k + u·k + v] = x[n, c, i·s + u − p_top, j·s + v − p_left]
//
// (cell = i·W' + j; 0 where the read falls outside the input: that is the zero padding, on
// the bottom/right too). Column-major, so each kernel offset (c, u, v) is one column and the
// rows of a cell are its N images: with the batch-innermost maps of feature_maps.hpp each
// (c, u, v, output row) is one contiguous input span (stride 1) or N-value runs (stride > 1).
// The column order is the order of a gene's kernel bank (spatial_gene.hpp), so a bank is a
// ready-made C_in·k·k × C_out right-hand side.
#include <cstddef>

#include "genome/spatial/geometry.hpp"

namespace convneat {

struct PatchGeometry {
  ImageShape input;
  std::size_t out_height = 0, out_width = 0;  // H', W' before pooling
  std::size_t kernel = 1, stride = 1;
  std::size_t pad_top = 0, pad_left = 0;

  std::size_t depth() const { return input.channels * kernel * kernel; }  // C_in·k·k
  std::size_t cells() const { return out_height * out_width; }            // H'·W'
  bool operator==(const PatchGeometry&) const = default;
};

PatchGeometry patch_geometry(const SpatialLayerGene& layer, const LayerGeometry& geometry);

// Fills `patches` (cells·N × depth, column-major) for output cells [first, first + cells)
// from `input` (N × C_in·H·W maps, feature_maps.hpp).
void extract_patches(const PatchGeometry& geometry, const float* input, std::size_t batch, std::size_t first,
                     std::size_t cells, float* patches);

// The transpose of extract_patches (col2im), for the backward pass: adds every entry of
// `patches` (∂L/∂patches, laid out as extract_patches fills it) onto the input value it was
// read from in `input` (∂L/∂input, N × C_in·H·W); entries read from the padding are dropped.
void scatter_patches(const PatchGeometry& geometry, const float* patches, std::size_t batch, std::size_t first,
                     std::size_t cells, float* input);

}  // namespace convneat
