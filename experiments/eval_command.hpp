#pragma once
// `convneat eval CHAMPION.json [--task NAME] [--seed N]`: evaluates a saved champion on a
// task and prints its fitness, whether it solves the task, and the task's champion-test
// figures (for pole balancing: decisions balanced, generalisation score).
#include <string>
#include <vector>

#include "experiments/tasks/task_registry.hpp"

namespace convneat {

int eval_command(const std::vector<std::string>& arguments, const TaskRegistry& tasks = built_in_tasks());

}  // namespace convneat
