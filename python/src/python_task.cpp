#include "python_task.hpp"

#include <stdexcept>

namespace convneat::python {
namespace {

class PythonFunctionTask final : public Task {
 public:
  PythonFunctionTask(std::size_t inputs, std::size_t outputs) : inputs_(inputs), outputs_(outputs) {}
  std::string name() const override { return kPythonTaskName; }
  std::size_t input_count() const override { return inputs_; }
  std::size_t output_count() const override { return outputs_; }
  std::string fitness_meaning() const override { return "the Python fitness function's value"; }
  TaskResult evaluate(Network&, EvaluationContext&) const override {
    throw std::logic_error("task \"python\": its networks are scored by the Python function given to Population.run");
  }

 private:
  std::size_t inputs_, outputs_;
};

TaskRegistry make_python_tasks() {
  TaskRegistry tasks = built_in_tasks();
  tasks.add(kPythonTaskName,
            "A fitness function written in Python (the convneat module's Population.run): only the network's "
            "shape is given here; solved when /stop/fitness_threshold is reached",
            [](TaskParameters& parameters) -> TaskBuilder {
              const std::size_t inputs =
                  parameters.whole("inputs", 1, 1000000, 1, "the network's inputs, as the fitness function feeds them");
              const std::size_t outputs =
                  parameters.whole("outputs", 1, 1000000, 1, "the network's outputs, as the fitness function reads them");
              return [inputs, outputs] { return std::unique_ptr<Task>(std::make_unique<PythonFunctionTask>(inputs, outputs)); };
            });
  return tasks;
}

}  // namespace

const TaskRegistry& python_tasks() {
  static const TaskRegistry tasks = make_python_tasks();  // built once, read-only after
  return tasks;
}

bool is_python_task(const nlohmann::json& task_section) {
  return task_section.is_object() && task_section.contains("name") && task_section["name"] == kPythonTaskName;
}

}  // namespace convneat::python
