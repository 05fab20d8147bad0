#pragma once
// Reading experiment files: every failure becomes a one-line ConfigError naming the file
// (and, for malformed JSON, the line and column).
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "neat/config.hpp"
#include "neat/json_limits.hpp"
#include "neat/task.hpp"
#include "training/objective.hpp"

namespace convneat {

// Refuses (ConfigError naming the file) files above `limits` in size or nesting depth, and
// objects that give a key twice (naming its JSON pointer).
nlohmann::json read_json_file(const std::filesystem::path& path, const JsonLimits& limits = kConfigLimits);
// The same for text already in memory; `name` names it in messages.
nlohmann::json parse_json_text(const std::string& text, const std::string& name, const JsonLimits& limits);

struct LoadedExperiment {
  NeatConfig config;
  nlohmann::json document;  // as written in the file
};

LoadedExperiment load_experiment(const std::filesystem::path& path);
// An experiment config given as text; messages name it `name` (as they name the file).
LoadedExperiment load_experiment_text(const std::string& text, const std::string& name);

// The task fixes the number of inputs and outputs: sets them, and refuses a `document`
// (the file as written) that says otherwise.
void fit_genome_to_task(NeatConfig& config, const nlohmann::json& document, const Task& task, const std::string& source);

// Refuses (ConfigError naming the key after `source`) augmentation the objective cannot take:
// any, when its inputs are not images; a shift as large as the image. Run, compare and Python
// check it with the rest of /training when training is on; `convneat train` checks it too.
void check_augmentation_fits(const ImageAugmentation& augmentation, const TrainingObjective& objective,
                             const std::string& source);
// Refuses dropout for genomes without a spatial front end (it drops the front end's readout).
void check_dropout_fits(double dropout, bool has_front_end, const std::string& source);

}  // namespace convneat
