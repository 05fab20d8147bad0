#pragma once
// The task of a run whose fitness is a Python function: `{"name": "python", "inputs": N,
// "outputs": M}` in a config's /task. It says the problem's shape, and nothing else: the
// Python evaluator (python_evaluator.hpp) scores the networks, never this task's evaluate().
// Its success is /stop/fitness_threshold's (the task itself never says "solved").
#include "experiments/tasks/task_registry.hpp"

namespace convneat::python {

inline constexpr const char* kPythonTaskName = "python";

// ConvNEAT's built-in tasks and "python": the tasks a config read from Python may name.
const TaskRegistry& python_tasks();

bool is_python_task(const nlohmann::json& task_section);

}  // namespace convneat::python
