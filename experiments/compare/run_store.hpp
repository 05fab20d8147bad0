#pragma once
// The comparison's output directory as a journal: every finished run is appended (and
// flushed) to runs.csv, its species curve to species_curves.csv, so a comparison killed at
// any moment resumes with the runs it had finished. compare-spec.json records the settings
// of every (task, variant) that has runs here; a spec that changes them is refused; and the
// software (version and source commit) of every convneat that ran runs here.
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "experiments/compare/run_record.hpp"

namespace convneat::compare {

class RunStore {
 public:
  // `groups`: "task/variant" → group_fingerprint of its runs. Throws ConfigError (naming
  // `spec_source`) when a group with runs here was made with other settings. `software`
  // (software_document()), when given, is recorded with the first run this process adds.
  RunStore(const std::filesystem::path& directory, const nlohmann::json& spec, const nlohmann::json& groups,
           const std::string& spec_source, const nlohmann::json* software = nullptr);

  const std::filesystem::path& directory() const { return directory_; }
  const std::map<RunKey, RunRecord>& finished() const { return finished_; }
  bool is_finished(const RunKey& key) const { return finished_.contains(key); }
  // Every software that ran runs here, oldest first (empty for comparisons made before 0.2).
  const nlohmann::json& software() const { return software_; }

  // Thread-safe. The curve is written before the row: a row on disk means a whole curve.
  void add(RunRecord record);

  // Rewrites both files with their rows in `before` order (runs of the spec first), so the
  // files do not depend on which core finished first.
  void rewrite_sorted(const std::function<bool(const RunKey&, const RunKey&)>& before);

 private:
  void check_and_record_groups(const nlohmann::json& spec, const nlohmann::json& groups, const std::string& spec_source,
                               const nlohmann::json* software);
  void load_runs();
  void load_curves();
  void open_for_append();

  std::filesystem::path directory_;
  std::map<RunKey, RunRecord> finished_;
  nlohmann::json software_ = nlohmann::json::array();
  nlohmann::json unrecorded_software_;  // this process's, until a run of it is finished
  nlohmann::json record_;               // compare-spec.json
  std::mutex writing_;
  std::ofstream runs_;
  std::ofstream curves_;
};

}  // namespace convneat::compare
