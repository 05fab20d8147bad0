#pragma once
// Tasks by name: the `/task` section of a config names one and carries its parameters.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "neat/task.hpp"

namespace convneat {

// Throws ConfigError (naming `source` and the JSON path) for an unknown task or parameter.
std::unique_ptr<Task> make_task(const nlohmann::json& task_section, const std::string& source);
std::vector<std::string> task_names();

}  // namespace convneat
