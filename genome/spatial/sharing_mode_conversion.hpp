#pragma once
// The sharing-mode mutation moves a layer one step from full sharing toward none, keeping the
// function it computes (docs/specs/spatial-layers.md "Modes"):
//
//   shared -> centroid: every KCP k holds a copy of the shared bank and bias, so
//     Σ_k w_k(i, j) · (b + (W ∗ x)) = b + (W ∗ x) because the normalised w_k sum to 1.
//     With normalise off the w_k do not sum to 1 and the conversion changes the function.
//   centroid -> local: cell (i, j)'s bank is Σ_k w_k(i, j) · W_k and its bias
//     Σ_k w_k(i, j) · b_k (w_k of channel o when per_feature), which is the centroid layer's
//     blend written out, since convolution is linear in the kernel.
//
// A local layer has no further mode to go to.
#include "genome/random.hpp"
#include "genome/spatial_config.hpp"
#include "genome/spatial/geometry.hpp"

namespace convneat {

// Throws std::invalid_argument when `layer` is not shared.
SpatialLayerGene shared_to_centroid(const SpatialLayerGene& layer, const CentroidConfig& config, RandomStream& random);

// `geometry` is the layer's own (its convolved H' × W' sets the cells); throws
// std::invalid_argument when `layer` is not centroid or the geometry is another layer's.
SpatialLayerGene centroid_to_local(const SpatialLayerGene& layer, const LayerGeometry& geometry);

}  // namespace convneat
