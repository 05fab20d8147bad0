#pragma once
// The "spatial" member of a genome's JSON form:
//   {"input": {"channels", "height", "width"}, "readout": "flatten" | "mean" | "max",
//    "copies": n   (only when the stack is tied over n > 1 images),
//    "layers": [{"innovation", "kernel_size", "stride", "padding", "in_channels",
//                "out_channels", "activation", "pooling", "mode", "banks",
//                "kernels": [...], "biases": [...],
//                "centroid": {"centroids": [[x, y], ...], "shapes": [[a, b, c, d], ...],
//                             "per_feature", "normalise", "scale"}   (centroid layers only)
//                "virtual_batch_norm": {"gains": [...], "shifts": [...]}   (only when on)
//               }, ...]}
// Kernels and biases are flat, in the gene's order (spatial_gene.hpp). Doubles are written
// with round-trip precision, so a stack read back is bit-identical.
#include <string>

#include <nlohmann/json.hpp>

#include "genome/spatial_gene.hpp"

namespace convneat {

nlohmann::json spatial_stack_to_json(const SpatialStack& stack);

// Checks types, names and array lengths, throwing std::runtime_error that names the JSON path
// under `path` ("/spatial/layers/1/kernels: expected 75 numbers, got 74"). Whether the stack
// fits together is for invariant_violations() to say.
SpatialStack spatial_stack_from_json(const nlohmann::json& value, const std::string& path);

}  // namespace convneat
