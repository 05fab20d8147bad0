#pragma once
// `convneat compare SPEC [options]`: variants of a config (e.g. the innovation-record
// policies) over tasks and seeds, in parallel and resumable, with statistics, a report
// and plots. The parts live in experiments/compare/.
#include <string>
#include <vector>

#include "experiments/tasks/task_registry.hpp"

namespace convneat {

int compare_command(const std::vector<std::string>& arguments, const TaskRegistry& tasks = built_in_tasks());

}  // namespace convneat
