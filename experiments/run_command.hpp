#pragma once
// `convneat run CONFIG [options]`: one experiment from a JSON file.
#include <string>
#include <vector>

#include "experiments/tasks/task_registry.hpp"

namespace convneat {

int run_command(const std::vector<std::string>& arguments, const TaskRegistry& tasks = built_in_tasks());

}  // namespace convneat
