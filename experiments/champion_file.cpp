#include "experiments/champion_file.hpp"

#include <algorithm>

#include "experiments/config_file.hpp"
#include "experiments/vector_units.hpp"
#include "export/dot_writer.hpp"
#include "genome/genome_invariants.hpp"
#include "genome/genome_json.hpp"
#include "genome/message_excerpt.hpp"
#include "neat/atomic_file.hpp"
#include "neat/config_document.hpp"
#include "neat/config_schema.hpp"
#include "neat/population.hpp"
#include "neat/software_version.hpp"

namespace convneat {
namespace {

namespace fs = std::filesystem;

nlohmann::json champion_document(const RunResult& result, const NeatConfig& config) {
  nlohmann::json document = {{"format", "convneat-champion"},
          {"version", 1},
          {"task", config.task},
          {"feed_forward", config.genome.feed_forward},
          {"vector_units", kVectorUnits.name(config.vector_units)},
          {"solved", result.solved},
          {"generations", result.generations},
          {"evaluations", result.evaluations},
          {"evaluations_to_solve",
           result.evaluations_to_solve ? nlohmann::json(*result.evaluations_to_solve) : nlohmann::json(nullptr)},
          {"genome", genome_to_json(result.champion)},
          {"software", software_document()}};
  // Graph champions' files stay as they always were; any other phenotype, and a graph with
  // dense layers (whose sums round otherwise), names its network.
  if (config.network.kind != NetworkKind::graph || config.network.dense_layers) {
    document["network"] = config_to_json(config)["network"];
    if (!config.network.dense_layers) document["network"].erase("dense_layers");  // as files were before it
  }
  return document;
}

// "names" of a champion file: absent, or two lists of strings, each empty or one per node.
NodeNames names_from_document(const nlohmann::json& document, const Genome& genome, const std::string& name) {
  if (!document.contains("names")) return {};
  const nlohmann::json& names = document["names"];
  const auto list = [&](const char* key, NodeKind kind) {
    const std::string where = name + ": /names/" + key;
    const nlohmann::json& given = names.value(key, nlohmann::json::array());
    if (!given.is_array() || !std::ranges::all_of(given, [](const nlohmann::json& n) { return n.is_string(); }))
      throw ConfigError(where + ": expected a list of strings, got " + excerpt(given.dump()));
    const auto nodes = static_cast<std::size_t>(
        std::ranges::count_if(genome.nodes, [&](const NodeGene& node) { return node.kind == kind; }));
    if (!given.empty() && given.size() != nodes)
      throw ConfigError(where + ": " + std::to_string(given.size()) + " names for " + std::to_string(nodes) + " " +
                        key + " of the genome");
    return given.get<std::vector<std::string>>();
  };
  if (!names.is_object()) throw ConfigError(name + ": /names: expected an object, got " + excerpt(names.dump()));
  return {list("inputs", NodeKind::input), list("outputs", NodeKind::output)};
}

// The figures of the champion's final test ("champion_test" in champion.json): with the
// figures only reported (an image task's test accuracy) besides those that decide.
nlohmann::json champion_test_document(const ChampionTestResult& test) {
  nlohmann::json figures = nlohmann::json::object();
  for (const auto& [name, value] : test.figures) figures[name] = value;
  return {{"passed", test.solved}, {"figures", figures}};
}

}  // namespace

void write_champion(const fs::path& out, const RunResult& result, const NeatConfig& config, const NodeNames& names,
                    const std::optional<ChampionTestResult>& final_test) {
  nlohmann::json champion = champion_document(result, config);
  if (final_test) champion["champion_test"] = champion_test_document(*final_test);
  if (!names.empty()) champion["names"] = {{"inputs", names.inputs}, {"outputs", names.outputs}};
  write_file_atomically(out / "champion.json", champion.dump(2) + "\n");
  write_file_atomically(out / "champion.dot", genome_to_dot(result.champion, "champion", names));
}

RunResult champion_so_far(const Population& population) {
  RunResult result;
  if (population.champion()) result.champion = *population.champion();
  result.generations = population.generation() + 1;
  result.evaluations = population.evaluations();
  return result;
}

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
  champion.names = names_from_document(document, champion.genome, name);
  return champion;
}

}  // namespace convneat
