#pragma once
// `convneat train CHAMPION.json|RUN_DIR --out FILE [options]`: fine-tunes a saved champion
// by gradient on its task's training split (docs/training.md), printing the training loss
// and the task's champion-test figures (validation and test accuracy for image tasks) as it
// goes, and writes the trained champion, which eval, export and picture read like any other.
#include <string>
#include <vector>

#include "experiments/tasks/task_registry.hpp"

namespace convneat {

int train_command(const std::vector<std::string>& arguments, const TaskRegistry& tasks = built_in_tasks());

}  // namespace convneat
