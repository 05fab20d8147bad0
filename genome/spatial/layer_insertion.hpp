#pragma once
// The add-layer mutation: a layer that passes its input through unchanged, inserted before an
// existing layer. It is shared, stride 1, `same` padding, with as many output as input
// channels, an odd k × k Dirac kernel (W[o][c][u][v] = 1 when o = c and (u, v) is the centre,
// else 0) and zero biases, so the map it computes is act(x). With the default identity
// activation the network's function is unchanged; another added_layer_activation (say relu)
// changes it wherever act(x) ≠ x.
//
// Layers are inserted only before an existing layer, never after the last: the readout layer
// stays the start stack's last layer for the whole run and its readout node ids never change.
#include <cstddef>

#include "genome/genome.hpp"
#include "genome/spatial_config.hpp"

namespace convneat {

// The identity layer with `channels` channels; throws std::invalid_argument when
// added_layer_kernel is even (no centre).
SpatialLayerGene identity_layer(InnovationId innovation, std::size_t channels, const SpatialConfig& config);

// Inserts identity_layer(innovation, …) before the layer at `position` (< number of layers).
void insert_identity_layer(SpatialStack& stack, std::size_t position, InnovationId innovation,
                           const SpatialConfig& config);

}  // namespace convneat
