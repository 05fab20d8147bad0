#pragma once
// A comparison spec: which configs (tasks) to run, with which variants (config-key
// overrides), over which seeds, and where to write. Every problem is a ConfigError naming
// the spec file and the JSON path. Example: experiments/compare/innovation_policies.json.
//
//   {"base": "../configs/xor.json",          config file (paths are relative to the spec)
//    "tasks": ["../configs/xor.json",        a config file (label: its file stem), or
//              {"name": "xor-300", "set": {"population.size": 300}}]  overrides of "base"
//    "set": {"stop.max_generations": 200},   overrides applied to every run (optional)
//    "variants": [{"name": "fresh", "set": {"population.innovation_policy": "fresh"}}, ...],
//    "seeds": 30,                            seeds 1..30, or a list of distinct seeds
//    "output": "runs/compare-innovation"}    relative to the current directory, as /output/directory
// Without "tasks", the one task is "base".
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/tasks/task_registry.hpp"
#include "neat/config.hpp"

namespace convneat::compare {

struct CompareTask {
  std::string label;              // names the task in every output
  NeatConfig config;              // the task's config with the spec's common overrides
  nlohmann::json document;        // the config file as written (for the task's input/output check)
  std::string source;             // the config file's name, for messages
};

struct Variant {
  std::string name;
  nlohmann::json overrides;       // object: config key → value
};

struct CompareSpec {
  std::filesystem::path file;
  nlohmann::json document;        // as written
  std::vector<CompareTask> tasks;
  std::vector<Variant> variants;
  std::vector<std::uint64_t> seeds;
  std::string output;
  const TaskRegistry* registry = &built_in_tasks();  // the task types its configs may name
};

// Refuses files above kCompareSpecLimits (neat/json_limits.hpp).
CompareSpec load_compare_spec(const std::filesystem::path& file, const TaskRegistry& tasks = built_in_tasks());
// The same for a spec already parsed; `file` names it and its folder anchors relative paths.
CompareSpec compare_spec_from_document(nlohmann::json document, const std::filesystem::path& file,
                                       const TaskRegistry& tasks = built_in_tasks());

// The task's config with the variant's overrides, nothing more: what it says before its task
// is made (and its dataset read).
NeatConfig variant_config(const CompareSpec& spec, std::size_t task, std::size_t variant);

// The config of one run: the task's config, the variant's overrides, the seed, one
// evaluation thread — exactly what `convneat run TASK_CONFIG --seed S --set ...` would run.
NeatConfig run_config(const CompareSpec& spec, std::size_t task, std::size_t variant, std::uint64_t seed);

// The settings that make (task, variant) what it is — the run config without /seed,
// /evaluation and /output — to detect a spec changed under finished runs.
nlohmann::json group_fingerprint(const NeatConfig& config);

}  // namespace convneat::compare
