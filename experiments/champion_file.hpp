#pragma once
// champion.json, the best genome of a run (docs/champion-format.md): writing it (`convneat
// run`, each run of `compare`) and reading it back — the genome, the phenotype it becomes
// (feed_forward, and the run's /network section when it is not a graph), and the task it was
// evolved on.
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "genome/genome.hpp"
#include "genome/node_names.hpp"
#include "neat/config.hpp"
#include "neat/reporter.hpp"
#include "nets/phenotype.hpp"

namespace convneat {

class Population;

// Writes OUT/champion.json (the run's champion with its figures, `final_test`'s when given,
// and the task's names of its inputs and outputs when it has any) and OUT/champion.dot (its
// nodes so named), each atomically.
void write_champion(const std::filesystem::path& out, const RunResult& result, const NeatConfig& config,
                    const NodeNames& names, const std::optional<ChampionTestResult>& final_test = std::nullopt);

// What a run that ended without a result (a population died out) has to show: its champion
// so far, its generations and evaluations.
RunResult champion_so_far(const Population& population);

struct Champion {
  Genome genome;
  Phenotype phenotype{};
  nlohmann::json task;      // the run's /task section
  NodeNames names;          // the task's names of its inputs and outputs ("names"), or none
  nlohmann::json document;  // the whole file, for exports that keep its other keys
};

// Accepts a champion file or a run's output directory (reads champion.json in it). Throws
// ConfigError naming the file and the JSON path of the first problem.
// Refuses files above kChampionLimits (neat/json_limits.hpp).
Champion load_champion(const std::filesystem::path& path);
// The same for a champion document already parsed; `name` names it in messages.
Champion champion_from_document(const nlohmann::json& document, const std::string& name);

}  // namespace convneat
