#pragma once
// Reading experiment files: every failure becomes a one-line ConfigError naming the file
// (and, for malformed JSON, the line and column).
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "neat/config.hpp"
#include "neat/task.hpp"

namespace convneat {

nlohmann::json read_json_file(const std::filesystem::path& path);

struct LoadedExperiment {
  NeatConfig config;
  nlohmann::json document;  // as written in the file
};

LoadedExperiment load_experiment(const std::filesystem::path& path);

// The task fixes the number of inputs and outputs: sets them, and refuses a `document`
// (the file as written) that says otherwise.
void fit_genome_to_task(NeatConfig& config, const nlohmann::json& document, const Task& task, const std::string& source);

}  // namespace convneat
