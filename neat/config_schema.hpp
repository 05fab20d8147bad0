#pragma once
// The one table of configuration keys: JSON path, default, allowed values and a one-line
// description for every field of NeatConfig. Loading, validation, the resolved-config
// output and the reference documentation (docs/config.md) all come from it
// (neat/config_document.hpp reads and writes config documents against it).
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "neat/config.hpp"

namespace convneat {

// A configuration problem; what() is one line naming the source, the JSON path, the bad
// value and what is allowed.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown by a setting's parser when a part of a structured value (an element of a list of
// layers) is wrong; `subpath` is the JSON pointer below the setting's own path.
class SettingPartError : public std::runtime_error {
 public:
  SettingPartError(std::string subpath, const std::string& reason)
      : std::runtime_error(reason), subpath(std::move(subpath)) {}
  std::string subpath;
};

struct Setting {
  std::string path;         // JSON pointer, e.g. "/genome/weight_mutate_rate"
  std::string allowed;      // e.g. "a number in [0, 1]"
  std::string description;  // one line
  // Validates and stores a value; returns false when it is not allowed (or throws
  // SettingPartError to name the wrong part of a structured value).
  std::function<bool(NeatConfig&, const nlohmann::json&)> assign;
  std::function<nlohmann::json(const NeatConfig&)> read;
};

const std::vector<Setting>& config_settings();

}  // namespace convneat
