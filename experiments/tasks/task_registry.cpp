#include "experiments/tasks/task_registry.hpp"

#include "experiments/tasks/pole_balancing_task.hpp"
#include "experiments/tasks/xor_task.hpp"
#include "neat/config_schema.hpp"

#include <string_view>
#include <utility>

namespace convneat {
namespace {

void reject_parameters(const nlohmann::json& section, const std::string& source) {
  for (const auto& [key, value] : section.items())
    if (key != "name")
      throw ConfigError(source + ": /task/" + key + ": unknown key; task \"" + section["name"].get<std::string>() +
                        "\" takes no parameters");
}

template <class T>
std::unique_ptr<Task> make() {
  return std::make_unique<T>();
}

const std::pair<std::string_view, std::unique_ptr<Task> (*)()> kTasks[] = {
    {"xor", make<XorTask>},
    {"single_pole", make<SinglePoleTask>},
    {"double_pole", make<DoublePoleTask>},
    {"double_pole_no_velocity", make<DoublePoleNoVelocityTask>},
};

}  // namespace

std::vector<std::string> task_names() {
  std::vector<std::string> names;
  for (const auto& [name, make] : kTasks) names.emplace_back(name);
  return names;
}

std::unique_ptr<Task> make_task(const nlohmann::json& section, const std::string& source) {
  if (!section.is_object() || !section.contains("name") || !section["name"].is_string())
    throw ConfigError(source + ": /task: expected an object with a \"name\" string, got " + section.dump());
  const std::string name = section["name"].get<std::string>();
  for (const auto& [known, make] : kTasks)
    if (known == name) {
      reject_parameters(section, source);  // no shipped task takes parameters yet
      return make();
    }
  std::string known;
  for (const std::string& task : task_names()) known += (known.empty() ? "\"" : ", \"") + task + "\"";
  throw ConfigError(source + ": /task/name: expected one of " + known + ", got \"" + name + "\"");
}

}  // namespace convneat
