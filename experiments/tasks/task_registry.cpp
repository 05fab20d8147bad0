#include "experiments/tasks/task_registry.hpp"

#include "experiments/tasks/pole_balancing_task.hpp"
#include "experiments/tasks/xor_task.hpp"
#include "neat/config_schema.hpp"

namespace convneat {
namespace {

void reject_parameters(const nlohmann::json& section, const std::string& source) {
  for (const auto& [key, value] : section.items())
    if (key != "name")
      throw ConfigError(source + ": /task/" + key + ": unknown key; task \"" + section["name"].get<std::string>() +
                        "\" takes no parameters");
}

}  // namespace

std::vector<std::string> task_names() { return {"xor", "single_pole", "double_pole", "double_pole_no_velocity"}; }

std::unique_ptr<Task> make_task(const nlohmann::json& section, const std::string& source) {
  if (!section.is_object() || !section.contains("name") || !section["name"].is_string())
    throw ConfigError(source + ": /task: expected an object with a \"name\" string, got " + section.dump());
  const std::string name = section["name"].get<std::string>();
  if (name == "xor") {
    reject_parameters(section, source);
    return std::make_unique<XorTask>();
  }
  if (name == "single_pole") {
    reject_parameters(section, source);
    return std::make_unique<SinglePoleTask>();
  }
  if (name == "double_pole") {
    reject_parameters(section, source);
    return std::make_unique<DoublePoleTask>();
  }
  if (name == "double_pole_no_velocity") {
    reject_parameters(section, source);
    return std::make_unique<DoublePoleNoVelocityTask>();
  }
  std::string known;
  for (const std::string& task : task_names()) known += (known.empty() ? "\"" : ", \"") + task + "\"";
  throw ConfigError(source + ": /task/name: expected one of " + known + ", got \"" + name + "\"");
}

}  // namespace convneat
