#include "experiments/tasks/task_registry.hpp"

#include <sstream>
#include <stdexcept>
#include <utility>

#include "experiments/tasks/aligned_parts.hpp"
#include "experiments/tasks/dataset_tasks.hpp"
#include "experiments/tasks/environment_task.hpp"
#include "experiments/tasks/maze_task.hpp"
#include "experiments/tasks/pole_balancing_task.hpp"
#include "experiments/tasks/xor_task.hpp"
#include "genome/message_excerpt.hpp"
#include "neat/config_document.hpp"
#include "neat/config_schema.hpp"

namespace convneat {

void TaskRegistry::add(std::string name, std::string description, TaskReader read) {
  if (name.empty()) throw std::invalid_argument("a task needs a name");
  for (const TaskType& type : types_)
    if (type.name == name) throw std::invalid_argument("task \"" + name + "\" is registered twice");
  types_.push_back({std::move(name), std::move(description), std::move(read)});
}

void TaskRegistry::add(std::string name, std::string description, std::function<std::unique_ptr<Task>()> make) {
  add(std::move(name), std::move(description), [make = std::move(make)](TaskParameters&) { return make; });
}

std::vector<std::string> TaskRegistry::names() const {
  std::vector<std::string> names;
  for (const TaskType& type : types_) names.push_back(type.name);
  return names;
}

std::unique_ptr<Task> TaskRegistry::make(const nlohmann::json& section, const std::string& source) const {
  if (!section.is_object() || !section.contains("name") || !section["name"].is_string())
    throw ConfigError(source + ": /task: expected an object with a \"name\" string, got " + excerpt(section.dump()));
  const std::string name = section["name"].get<std::string>();
  for (const TaskType& type : types_) {
    if (type.name != name) continue;
    TaskParameters parameters(section, source);
    try {
      const TaskBuilder build = type.read(parameters);
      parameters.finish();
      std::unique_ptr<Task> task = build();
      if (!task) throw std::runtime_error("its builder returned no task");
      return task;
    } catch (const ConfigError&) {
      throw;
    } catch (const std::exception& error) {
      throw ConfigError(source + ": /task: task \"" + name + "\" cannot be made: " + error.what());
    }
  }
  std::string known;
  for (const std::string& task : names()) known += (known.empty() ? "\"" : ", \"") + task + "\"";
  throw ConfigError(source + ": /task/name: expected one of " + known + ", got " + excerpt(section["name"].dump()));
}

std::vector<TaskParameterDescription> TaskRegistry::parameters(const TaskType& type) const {
  const nlohmann::json bare = {{"name", type.name}};
  TaskParameters parameters = TaskParameters::describing(bare);
  type.read(parameters);  // the builder it returns is dropped: nothing is built
  return parameters.declared();
}

std::string TaskRegistry::reference_markdown() const {
  std::ostringstream out;
  out << "\n## Tasks\n\n`/task/name` is one of these; the rest of `/task` is the task's own parameters, checked\n"
      << "like every other key (`--set task.KEY=VALUE` sets one).\n";
  for (const TaskType& type : types_) {
    out << "\n### `" << type.name << "`\n\n" << type.description << "\n";
    const std::vector<TaskParameterDescription> declared = parameters(type);
    if (declared.empty()) {
      out << "\nNo parameters.\n";
      continue;
    }
    out << "\n| key | default | allowed | meaning |\n|---|---|---|---|\n";
    for (const TaskParameterDescription& parameter : declared) {
      out << "| `/task/" << parameter.key << "` | ";
      if (parameter.fallback.empty())
        out << "—";  // required
      else
        out << '`' << markdown_cell(parameter.fallback) << '`';
      out << " | " << markdown_cell(parameter.allowed) << " | " << markdown_cell(parameter.meaning) << " |\n";
    }
  }
  return out.str();
}

namespace {

TaskRegistry make_built_in_tasks() {
  TaskRegistry tasks;
  tasks.add("xor", "Two-input exclusive or: fitness 4 − the summed squared error over the four cases; solved when "
            "every answer is on the right side of 0.5.", [] { return std::unique_ptr<Task>(std::make_unique<XorTask>()); });
  tasks.add("single_pole", "Balance one pole on a cart, velocities given (SPV); fitness: decisions balanced; solved "
            "at 100,000.", [] { return std::unique_ptr<Task>(std::make_unique<SinglePoleTask>()); });
  tasks.add("double_pole", "Balance two poles on a cart, velocities given (DPV); fitness: decisions balanced; solved "
            "at 100,000.", [] { return std::unique_ptr<Task>(std::make_unique<DoublePoleTask>()); });
  tasks.add("double_pole_no_velocity", "Two poles without velocities (DPNV), Gruau's damping fitness; solved by a "
            "champion that balances 100,000 decisions and then 200 of the 625 generalisation starts.",
            [] { return std::unique_ptr<Task>(std::make_unique<DoublePoleNoVelocityTask>()); });
  tasks.add("maze", "Lehman & Stanley's (2011) deceptive maze: a robot with rangefinders and a goal compass "
            "steers for 400 steps; fitness 300 − its final distance to the goal, whose nearest dead ends trap "
            "fitness-driven search; solved within 5 of the goal. Describes behaviour (where it ended) for novelty "
            "search (docs/selection.md).",
            read_maze_task);
  tasks.add("aligned_parts", "Synthetic images whose class is a part at a fixed place (docs/spatial.md): what local "
            "connectivity is for.", read_aligned_parts_task);
  tasks.add("digits", "scikit-learn's 8 × 8 handwritten digits, 10 classes (Debian's python3-sklearn).",
            read_digits_task);
  tasks.add("fashion_mnist", "Fashion-MNIST, 28 × 28 clothing images, 10 classes (Debian's dataset-fashion-mnist).",
            read_fashion_task);
  tasks.add("digit_pairs", "Are two digits images of the same class?", read_digit_pairs_task);
  tasks.add("fashion_mnist_pairs", "Are two Fashion-MNIST images of the same class?", read_fashion_pairs_task);
  tasks.add("environment", "An environment in any language, run as worker processes that speak line-based JSON "
            "over stdin and stdout (docs/environments.md); fitness: the mean episode return.",
            read_environment_task);
  return tasks;
}

}  // namespace

const TaskRegistry& built_in_tasks() {
  static const TaskRegistry tasks = make_built_in_tasks();
  return tasks;
}

std::unique_ptr<Task> make_task(const nlohmann::json& section, const std::string& source) {
  return built_in_tasks().make(section, source);
}

}  // namespace convneat
