#pragma once
// 2 × 2, stride 2 pooling after a layer's activation (spec; LayerGeometry::output): output
// cell (i, j) of channel c is the max or mean of input cells (2i + a, 2j + b), a, b ∈ {0, 1};
// an odd last row or column is dropped (floor sizes).
#include <cstddef>

#include "genome/spatial_gene.hpp"

namespace convneat {

// `input` holds `maps` (C × H × W) for a batch, `output` receives C × ⌊H/2⌋ × ⌊W/2⌋
// (both batch-innermost, feature_maps.hpp). `pooling` must not be Pooling::none.
void pool_2x2(Pooling pooling, const ImageShape& maps, std::size_t batch, const float* input, float* output);

// Backward pass: ∂L/∂input (the whole C × H × W maps, written) from ∂L/∂output, given the
// input and output of pool_2x2. Mean pooling gives each of the four cells a quarter; max
// pooling gives all of it to the first cell holding the maximum in the order (2i, 2j),
// (2i, 2j + 1), (2i + 1, 2j), (2i + 1, 2j + 1) (a sub-gradient on ties). A dropped odd row or
// column gets 0.
void pool_2x2_backward(Pooling pooling, const ImageShape& maps, std::size_t batch, const float* input,
                       const float* output, const float* output_gradient, float* input_gradient);

}  // namespace convneat
