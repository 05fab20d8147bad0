#pragma once
// Reading experiment files: every failure becomes a one-line ConfigError naming the file
// (and, for malformed JSON, the line and column).
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "neat/config.hpp"

namespace convneat {

nlohmann::json read_json_file(const std::filesystem::path& path);

struct LoadedExperiment {
  NeatConfig config;
  nlohmann::json document;  // as written in the file
};

LoadedExperiment load_experiment(const std::filesystem::path& path);

}  // namespace convneat
