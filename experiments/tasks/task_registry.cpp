#include "experiments/tasks/task_registry.hpp"

#include <string_view>
#include <utility>

#include "experiments/tasks/aligned_parts.hpp"
#include "experiments/tasks/dataset_tasks.hpp"
#include "experiments/tasks/pole_balancing_task.hpp"
#include "experiments/tasks/task_parameters.hpp"
#include "experiments/tasks/xor_task.hpp"
#include "genome/message_excerpt.hpp"
#include "neat/config_schema.hpp"

namespace convneat {
namespace {

template <class T>
std::unique_ptr<Task> make(const nlohmann::json& section, const std::string& source) {
  TaskParameters(section, source).finish();  // these tasks take no parameters
  return std::make_unique<T>();
}

const std::pair<std::string_view, std::unique_ptr<Task> (*)(const nlohmann::json&, const std::string&)> kTasks[] = {
    {"xor", make<XorTask>},
    {"single_pole", make<SinglePoleTask>},
    {"double_pole", make<DoublePoleTask>},
    {"double_pole_no_velocity", make<DoublePoleNoVelocityTask>},
    {"aligned_parts", make_aligned_parts_task},
    {"digits", make_digits_task},
    {"fashion_mnist", make_fashion_task},
    {"digit_pairs", make_digit_pairs_task},
    {"fashion_mnist_pairs", make_fashion_pairs_task},
};

}  // namespace

std::vector<std::string> task_names() {
  std::vector<std::string> names;
  for (const auto& [name, make] : kTasks) names.emplace_back(name);
  return names;
}

std::unique_ptr<Task> make_task(const nlohmann::json& section, const std::string& source) {
  if (!section.is_object() || !section.contains("name") || !section["name"].is_string())
    throw ConfigError(source + ": /task: expected an object with a \"name\" string, got " + excerpt(section.dump()));
  const std::string name = section["name"].get<std::string>();
  for (const auto& [known, make] : kTasks)
    if (known == name) return make(section, source);
  std::string known;
  for (const std::string& task : task_names()) known += (known.empty() ? "\"" : ", \"") + task + "\"";
  throw ConfigError(source + ": /task/name: expected one of " + known + ", got " + excerpt(section["name"].dump()));
}

}  // namespace convneat
