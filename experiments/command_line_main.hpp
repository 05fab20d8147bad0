#pragma once
// The convneat command line as a library function: `convneat` is this with the built-in tasks,
// and a program built on the library (docs/library.md) calls it with its own registry, getting
// run, compare, eval, train, export, picture, checkpoint and config-reference for its tasks.
// Every error reaches the user as one line on stderr and a non-zero exit code.
#include <string>

#include "experiments/tasks/task_registry.hpp"

namespace convneat {

// argv[1] is the command; returns the process's exit code.
int command_line_main(int argc, char** argv, const TaskRegistry& tasks);

// docs/config.md: every config key, then every task of `tasks` and its parameters.
std::string full_config_reference(const TaskRegistry& tasks);

}  // namespace convneat
