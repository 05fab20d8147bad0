#include "experiments/champion_file.hpp"

#include "experiments/config_file.hpp"
#include "genome/genome_invariants.hpp"
#include "genome/genome_json.hpp"
#include "genome/message_excerpt.hpp"
#include "neat/config_document.hpp"
#include "neat/config_schema.hpp"

namespace convneat {

Champion load_champion(const std::filesystem::path& given) {
  std::error_code ignored;  // a path that cannot be inspected is reported by the read below
  const std::filesystem::path path = std::filesystem::is_directory(given, ignored) ? given / "champion.json" : given;
  return champion_from_document(read_json_file(path, kChampionLimits), path.string());
}

Champion champion_from_document(const nlohmann::json& document, const std::string& name) {
  if (!document.is_object() || document.value("format", nlohmann::json()) != "convneat-champion")
    throw ConfigError(name + ": /format: expected \"convneat-champion\" (a champion.json written by convneat run)");
  if (!document.contains("feed_forward") || !document["feed_forward"].is_boolean())
    throw ConfigError(name + ": /feed_forward: expected true or false");
  Champion champion;
  champion.document = document;
  champion.phenotype.feed_forward = document["feed_forward"].get<bool>();
  // "network" is the run's /network section, checked as a config's (absent: a graph).
  if (document.contains("network"))
    champion.phenotype.network = config_from_json({{"network", document["network"]}}, name).network;
  champion.task = document.value("task", nlohmann::json::object());
  if (!champion.task.is_object()) throw ConfigError(name + ": /task: expected an object, got " + excerpt(champion.task.dump()));
  try {
    champion.genome = genome_from_json(document.at("genome"));
  } catch (const std::exception& error) {
    const std::string what = error.what();  // "/nodes/3/kind: …" or "invalid genome: …"
    throw ConfigError(name + ": /genome" + (what.starts_with("/") ? what : ": " + what));
  }
  if (const auto problems = invariant_violations(champion.genome, champion.phenotype.feed_forward); !problems.empty())
    throw ConfigError(name + ": /genome: invalid genome: " + problems.front());
  return champion;
}

}  // namespace convneat
