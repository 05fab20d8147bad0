#pragma once
// Tasks by name: the `/task` section of a config names one and carries its parameters. A
// TaskRegistry holds the task types a program knows: built_in_tasks() has ConvNEAT's own, and
// a program built on the library adds its own and hands the registry to the command line
// (experiments/command_line_main.hpp), so that run, compare, eval, train, export, picture, --resume,
// MPI workers and config-reference know them exactly as the built-in ones (docs/library.md).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/tasks/task_parameters.hpp"
#include "neat/task.hpp"

namespace convneat {

// Builds a task from parameters already read: it may load data and take time, and any
// exception it throws is reported as a problem of the config's /task.
using TaskBuilder = std::function<std::unique_ptr<Task>()>;
// Reads every parameter of a task's section through `parameters` (each read declares one)
// and returns how to build the task from them. It must not do the building itself: it also
// runs to list the parameters, with every one at its default.
using TaskReader = std::function<TaskBuilder(TaskParameters& parameters)>;

struct TaskType {
  std::string name;         // the value of /task/name
  std::string description;  // one line, for config-reference
  TaskReader read;
};

class TaskRegistry {
 public:
  // Throws std::invalid_argument for an empty name or one already registered.
  void add(std::string name, std::string description, TaskReader read);
  // A task with no parameters of its own, made by `make`.
  void add(std::string name, std::string description, std::function<std::unique_ptr<Task>()> make);

  // Throws ConfigError (naming `source` and the JSON path) for an unknown task, a bad or
  // unknown parameter, or a task that cannot be built.
  std::unique_ptr<Task> make(const nlohmann::json& task_section, const std::string& source) const;
  std::vector<std::string> names() const;
  const std::vector<TaskType>& types() const { return types_; }
  // The parameters a task's reader declares, in its order (no task is built).
  std::vector<TaskParameterDescription> parameters(const TaskType& type) const;
  // A Markdown section listing every task and its parameters, as docs/config.md ends.
  std::string reference_markdown() const;

 private:
  std::vector<TaskType> types_;
};

// ConvNEAT's own tasks (xor, the pole tasks, the image tasks); a copy is where a program
// starts its own registry.
const TaskRegistry& built_in_tasks();

// A built-in task: built_in_tasks().make(...).
std::unique_ptr<Task> make_task(const nlohmann::json& task_section, const std::string& source);

}  // namespace convneat
