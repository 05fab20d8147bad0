#include "experiments/compare/compare_spec.hpp"

#include <algorithm>
#include <set>

#include "experiments/config_file.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "genome/message_excerpt.hpp"
#include "neat/config_document.hpp"

namespace convneat::compare {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::uint64_t kMaxSeedCount = 100000;

// Labels and names become CSV fields and file names.
// Names become folders (runs/TASK/VARIANT/seed-N): "." and ".." would not be folders of their own.
bool is_safe_name(const std::string& name) {
  return !name.empty() && name.size() <= 64 && name != "." && name != ".." &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
         });
}

struct SpecReader {
  std::string source;  // the spec's path, as the user gave it
  fs::path directory;  // relative paths start here

  ConfigError error(const std::string& pointer, const std::string& problem) const {
    return ConfigError(source + ": " + pointer + ": " + problem);
  }

  // Reads a config file named at `pointer`; its own errors keep their file and path.
  LoadedExperiment config_file(const json& value, const std::string& pointer) const {
    if (!value.is_string() || value.get<std::string>().empty())
      throw error(pointer, "expected the path of a config file, got " + excerpt(value.dump()));
    const fs::path path = directory / value.get<std::string>();
    try {
      return load_experiment(path);
    } catch (const ConfigError& problem) {
      throw error(pointer, problem.what());
    }
  }

  // Applies {"key": value, ...} with apply_override; its messages name the spec and the
  // override's JSON path instead of "--set key".
  void apply_overrides(NeatConfig& config, const json& overrides, const std::string& pointer) const {
    if (!overrides.is_object()) throw error(pointer, "expected an object of config keys, got " + excerpt(overrides.dump()));
    for (const auto& [key, value] : overrides.items())
      apply_override(config, key, value.dump(), source + ": " + pointer + "/" + excerpt(key));
  }

  std::string name_at(const json& entry, const std::string& pointer) const {
    if (!entry.contains("name") || !entry["name"].is_string())
      throw error(pointer + "/name", "expected a name (letters, digits, '_', '-', '.')");
    const std::string name = entry["name"].get<std::string>();
    if (!is_safe_name(name))
      throw error(pointer + "/name",
                  "expected up to 64 letters, digits, '_', '-' or '.' (not \".\" or \"..\"), got " +
                      excerpt(entry["name"].dump()));
    return name;
  }

  void reject_unknown_keys(const json& object, const std::string& pointer, const std::set<std::string>& known) const {
    for (const auto& [key, value] : object.items())
      if (!known.contains(key)) {
        std::string list;
        for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
        throw error(pointer + "/" + excerpt(key), "unknown key; expected one of " + list);
      }
  }
};

CompareTask task_from_file(const SpecReader& reader, const json& entry, const std::string& pointer) {
  LoadedExperiment loaded = reader.config_file(entry, pointer);
  const std::string label = fs::path(entry.get<std::string>()).stem().string();
  if (!is_safe_name(label)) throw reader.error(pointer, "the file name must make a label of letters, digits, '_', '-', '.'");
  return {label, std::move(loaded.config), std::move(loaded.document), fs::path(entry.get<std::string>()).filename().string()};
}

CompareTask task_from_base(const SpecReader& reader, const json& spec, const json& entry, const std::string& pointer) {
  if (!spec.contains("base")) throw reader.error(pointer, "a task given by overrides needs \"base\"");
  reader.reject_unknown_keys(entry, pointer, {"name", "set"});
  LoadedExperiment base = reader.config_file(spec["base"], "/base");
  CompareTask task{reader.name_at(entry, pointer), std::move(base.config), std::move(base.document),
                   fs::path(spec["base"].get<std::string>()).filename().string()};
  if (entry.contains("set")) reader.apply_overrides(task.config, entry["set"], pointer + "/set");
  return task;
}

std::vector<CompareTask> read_tasks(const SpecReader& reader, const json& spec) {
  if (!spec.contains("tasks")) {
    if (!spec.contains("base")) throw reader.error("/tasks", "missing; name the config files to run (or give \"base\")");
    return {task_from_file(reader, spec["base"], "/base")};
  }
  const json& list = spec["tasks"];
  if (!list.is_array() || list.empty()) throw reader.error("/tasks", "expected a non-empty list of config files");
  std::vector<CompareTask> tasks;
  std::set<std::string> labels;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string pointer = "/tasks/" + std::to_string(i);
    if (!list[i].is_string() && !list[i].is_object())
      throw reader.error(pointer, "expected a config file or {\"name\", \"set\"}, got " + excerpt(list[i].dump()));
    tasks.push_back(list[i].is_string() ? task_from_file(reader, list[i], pointer)
                                        : task_from_base(reader, spec, list[i], pointer));
    if (!labels.insert(tasks.back().label).second)
      throw reader.error(pointer, "a second task labelled \"" + tasks.back().label + "\"; labels must differ");
  }
  return tasks;
}

std::vector<Variant> read_variants(const SpecReader& reader, const json& spec) {
  if (!spec.contains("variants")) throw reader.error("/variants", "missing; expected a list of {\"name\", \"set\"}");
  const json& list = spec["variants"];
  if (!list.is_array() || list.empty()) throw reader.error("/variants", "expected a non-empty list of {\"name\", \"set\"}");
  std::vector<Variant> variants;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string pointer = "/variants/" + std::to_string(i);
    if (!list[i].is_object()) throw reader.error(pointer, "expected {\"name\", \"set\"}, got " + excerpt(list[i].dump()));
    reader.reject_unknown_keys(list[i], pointer, {"name", "set"});
    Variant variant{reader.name_at(list[i], pointer), list[i].value("set", json::object())};
    if (!variant.overrides.is_object())
      throw reader.error(pointer + "/set", "expected an object of config keys, got " + excerpt(variant.overrides.dump()));
    if (!names.insert(variant.name).second)
      throw reader.error(pointer + "/name", "a second variant named \"" + variant.name + "\"; names must differ");
    variants.push_back(std::move(variant));
  }
  return variants;
}

std::vector<std::uint64_t> read_seeds(const SpecReader& reader, const json& spec) {
  const std::string expected = "expected a whole number in [1, 100000] (seeds 1..N) or a non-empty list of distinct seeds";
  if (!spec.contains("seeds")) throw reader.error("/seeds", "missing; " + expected);
  const json& seeds = spec["seeds"];
  std::vector<std::uint64_t> list;
  if (seeds.is_number_unsigned() && seeds.get<std::uint64_t>() >= 1 && seeds.get<std::uint64_t>() <= kMaxSeedCount) {
    for (std::uint64_t seed = 1; seed <= seeds.get<std::uint64_t>(); ++seed) list.push_back(seed);
    return list;
  }
  if (!seeds.is_array() || seeds.empty()) throw reader.error("/seeds", expected + ", got " + excerpt(seeds.dump()));
  std::set<std::uint64_t> seen;
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    if (!seeds[i].is_number_unsigned() || !seen.insert(seeds[i].get<std::uint64_t>()).second)
      throw reader.error("/seeds/" + std::to_string(i), expected + ", got " + excerpt(seeds[i].dump()));
    list.push_back(seeds[i].get<std::uint64_t>());
  }
  return list;
}

// Builds every (task, variant) config once, so a bad override or task is refused before
// anything runs.
void check_every_group(const CompareSpec& spec, const SpecReader& reader) {
  for (std::size_t v = 0; v < spec.variants.size(); ++v) {
    for (std::size_t t = 0; t < spec.tasks.size(); ++t) {
      NeatConfig config = spec.tasks[t].config;
      reader.apply_overrides(config, spec.variants[v].overrides, "/variants/" + std::to_string(v) + "/set");
      const std::string where = reader.source + ": task " + spec.tasks[t].label + ", variant " + spec.variants[v].name;
      fit_genome_to_task(config, spec.tasks[t].document, *spec.registry->make(config.task, where), where);
    }
  }
}

}  // namespace

CompareSpec load_compare_spec(const fs::path& file, const TaskRegistry& tasks) {
  return compare_spec_from_document(read_json_file(file, kCompareSpecLimits), file, tasks);
}

CompareSpec compare_spec_from_document(nlohmann::json document_as_written, const fs::path& file,
                                       const TaskRegistry& tasks) {
  const SpecReader reader{file.string(), file.parent_path()};
  CompareSpec spec{file, std::move(document_as_written), {}, {}, {}, {}, &tasks};
  const json& document = spec.document;
  if (!document.is_object()) throw ConfigError(reader.source + ": expected a JSON object at the top level");
  reader.reject_unknown_keys(document, "", {"base", "tasks", "set", "variants", "seeds", "output", "description"});
  spec.tasks = read_tasks(reader, document);
  if (document.contains("set"))
    for (CompareTask& task : spec.tasks) reader.apply_overrides(task.config, document["set"], "/set");
  spec.variants = read_variants(reader, document);
  spec.seeds = read_seeds(reader, document);
  const json output = document.value("output", json("runs/compare"));
  if (!output.is_string() || output.get<std::string>().empty())
    throw reader.error("/output", "expected a non-empty directory name, got " + excerpt(output.dump()));
  spec.output = output.get<std::string>();
  check_every_group(spec, reader);
  return spec;
}

NeatConfig variant_config(const CompareSpec& spec, std::size_t task, std::size_t variant) {
  NeatConfig config = spec.tasks[task].config;
  for (const auto& [key, value] : spec.variants[variant].overrides.items()) apply_override(config, key, value.dump());
  return config;
}

NeatConfig run_config(const CompareSpec& spec, std::size_t task, std::size_t variant, std::uint64_t seed) {
  const CompareTask& entry = spec.tasks[task];
  NeatConfig config = variant_config(spec, task, variant);
  config.seed = seed;
  config.threads = 1;
  fit_genome_to_task(config, entry.document, *spec.registry->make(config.task, entry.source), entry.source);
  return config;
}

nlohmann::json group_fingerprint(const NeatConfig& config) {
  json document = config_to_json(config);
  document.erase("seed");
  document.erase("evaluation");
  document.erase("output");
  return document;
}

}  // namespace convneat::compare
