#include "experiments/tasks/task_parameters.hpp"

#include <stdexcept>

#include "genome/json_fields.hpp"
#include "genome/message_excerpt.hpp"
#include "neat/config_schema.hpp"

namespace convneat {

TaskParameters::TaskParameters(const nlohmann::json& section, std::string source)
    : section_(section), source_(std::move(source)) {}

TaskParameters TaskParameters::describing(const nlohmann::json& bare_section) {
  TaskParameters parameters(bare_section, "the task's parameters");
  parameters.describing_ = true;
  return parameters;
}

const nlohmann::json* TaskParameters::find(const std::string& key, const std::string& allowed,
                                           const nlohmann::json& fallback, const std::string& meaning) {
  // A task reading one key twice would declare it twice and could give it two defaults.
  if (!read_.insert(key).second) throw std::logic_error("task parameter /task/" + key + " is read twice");
  declared_.push_back({key, fallback.is_null() ? "" : fallback.dump(), allowed, meaning});
  return section_.contains(key) ? &section_.at(key) : nullptr;
}

void TaskParameters::fail(const std::string& key, const std::string& expected, const nlohmann::json& value) const {
  throw ConfigError(source_ + ": /task/" + key + ": expected " + expected + ", got " + excerpt(value.dump()));
}

std::size_t TaskParameters::whole(const std::string& key, std::size_t low, std::size_t high, std::size_t fallback,
                                  const std::string& meaning) {
  const std::string allowed = "a whole number in [" + std::to_string(low) + ", " + std::to_string(high) + "]";
  const nlohmann::json* value = find(key, allowed, fallback, meaning);
  if (value == nullptr) return fallback;
  const auto whole = whole_number_value(*value);
  if (!whole || *whole < low || *whole > high) fail(key, allowed, *value);
  return static_cast<std::size_t>(*whole);
}

double TaskParameters::real(const std::string& key, double low, double high, double fallback,
                            const std::string& meaning) {
  const std::string allowed = "a number in [" + nlohmann::json(low).dump() + ", " + nlohmann::json(high).dump() + "]";
  const nlohmann::json* value = find(key, allowed, fallback, meaning);
  if (value == nullptr) return fallback;
  if (!value->is_number() || !(value->get<double>() >= low && value->get<double>() <= high)) fail(key, allowed, *value);
  return value->get<double>();
}

bool TaskParameters::flag(const std::string& key, bool fallback, const std::string& meaning) {
  const nlohmann::json* value = find(key, "true or false", fallback, meaning);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) fail(key, "true or false", *value);
  return value->get<bool>();
}

std::string TaskParameters::text(const std::string& key, const std::string& meaning) {
  const nlohmann::json* value = find(key, "a non-empty string (required)", nullptr, meaning);
  if (describing_) return "";
  if (value == nullptr || !value->is_string() || value->get<std::string>().empty())
    fail(key, "a non-empty string", value ? *value : nlohmann::json());
  return value->get<std::string>();
}

std::string TaskParameters::text(const std::string& key, const std::string& fallback, const std::string& meaning) {
  const nlohmann::json* value = find(key, "a non-empty string", fallback, meaning);
  if (value == nullptr) return fallback;
  if (!value->is_string() || value->get<std::string>().empty()) fail(key, "a non-empty string", *value);
  return value->get<std::string>();
}

std::string TaskParameters::choice(const std::string& key, const std::vector<std::string>& allowed,
                                   const std::string& fallback, const std::string& meaning) {
  std::string list;
  for (const std::string& name : allowed) list += (list.empty() ? "one of \"" : ", \"") + name + "\"";
  const nlohmann::json* value = find(key, list, fallback, meaning);
  if (value == nullptr) return fallback;
  for (const std::string& name : allowed)
    if (value->is_string() && value->get<std::string>() == name) return name;
  fail(key, list, *value);
}

void TaskParameters::finish() const {
  for (const auto& [key, value] : section_.items())
    if (!read_.contains(key)) {
      std::string known;
      for (const TaskParameterDescription& parameter : declared_) known += (known.empty() ? "" : ", ") + parameter.key;
      throw ConfigError(source_ + ": /task/" + key + ": unknown key; task \"" + section_["name"].get<std::string>() +
                        "\" takes " + (known.empty() ? "no parameters" : known));
    }
}

}  // namespace convneat
