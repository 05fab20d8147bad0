#pragma once
// Exports a saved champion as lossless JSON, Graphviz DOT, an SVG or PNG picture (rendered
// by Graphviz `dot`), or an ONNX model (every phenotype but a spiking network). A champion
// with virtual batch norm is prepared on its own task (from `tasks`) for the ONNX model: the
// reference batch's statistics go into it as constants.
#include <string>
#include <vector>

#include "experiments/tasks/task_registry.hpp"

namespace convneat {

// `convneat export CHAMPION.json|RUN_DIR --format json|dot|svg|png|onnx [-o FILE]`.
int export_command(const std::vector<std::string>& arguments, const TaskRegistry& tasks = built_in_tasks());

}  // namespace convneat
