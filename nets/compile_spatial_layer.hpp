#pragma once
// The one place that knows every spatial layer class: a gene compiled into the layer of its
// sharing mode. spatial_layer.hpp, the base, knows none of them.
#include <memory>

#include "nets/spatial_layer.hpp"

namespace convneat {

// Checks the gene's parameter counts against its mode and geometry (std::invalid_argument
// naming the layer) and compiles it.
std::unique_ptr<SpatialLayer> compile_spatial_layer(const SpatialLayerGene& gene, const LayerGeometry& geometry);

}  // namespace convneat
