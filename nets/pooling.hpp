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

}  // namespace convneat
