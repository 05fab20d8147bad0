#pragma once
// Reading champion.json (written by `convneat run`): the genome, the phenotype it becomes
// (feed_forward, and the run's /network section when it is not a graph), and the task it was
// evolved on.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "genome/genome.hpp"
#include "nets/phenotype.hpp"

namespace convneat {

struct Champion {
  Genome genome;
  Phenotype phenotype{};
  nlohmann::json task;      // the run's /task section
  nlohmann::json document;  // the whole file, for exports that keep its other keys
};

// Accepts a champion file or a run's output directory (reads champion.json in it). Throws
// ConfigError naming the file and the JSON path of the first problem.
// Refuses files above kChampionLimits (neat/json_limits.hpp).
Champion load_champion(const std::filesystem::path& path);
// The same for a champion document already parsed; `name` names it in messages.
Champion champion_from_document(const nlohmann::json& document, const std::string& name);

}  // namespace convneat
