#pragma once
// Exports a saved champion as lossless JSON, Graphviz DOT, an SVG or PNG picture (rendered
// by Graphviz `dot`), or an ONNX model of a feed-forward champion.
#include <string>
#include <vector>

namespace convneat {

// `convneat export CHAMPION.json|RUN_DIR --format json|dot|svg|png|onnx [-o FILE]`.
int export_command(const std::vector<std::string>& arguments);

}  // namespace convneat
