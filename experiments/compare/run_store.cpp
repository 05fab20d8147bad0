#include "experiments/compare/run_store.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "experiments/compare/compare_spec.hpp"
#include "experiments/config_file.hpp"
#include "neat/atomic_file.hpp"
#include "neat/config_document.hpp"

namespace convneat::compare {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kSpecRecord = "compare-spec.json";
constexpr const char* kRuns = "runs.csv";
constexpr const char* kCurves = "species_curves.csv";

fs::path created_directory(const fs::path& directory) {
  std::error_code error;
  fs::create_directories(directory, error);
  if (error || !fs::is_directory(directory))
    throw std::runtime_error(directory.string() + ": cannot create the output directory" +
                             (error ? ": " + error.message() : std::string()));
  return directory;
}

// "/population/size was 150 when the runs here were made, now 100"
std::string first_difference(const json& before, const json& now) {
  const json patch = json::diff(before, now);
  if (patch.empty()) return "";
  const json::json_pointer pointer(patch[0]["path"].get<std::string>());
  auto value_at = [&](const json& document) {
    return document.contains(pointer) ? document[pointer].dump() : std::string("absent");
  };
  return pointer.to_string() + " was " + value_at(before) + " when the runs here were made, now " + value_at(now);
}

// A fingerprint recorded by an older convneat lacks the settings added since. Read back through
// today's table they take their defaults, which by convention keep the old behaviour, so those
// runs still match; a fingerprint today's table refuses is compared as written.
json in_current_schema(const json& recorded) {
  try {
    return group_fingerprint(config_from_json(recorded, kSpecRecord));
  } catch (const std::exception&) {  // not a config today's table reads: compare it as written
    return recorded;
  }
}

std::vector<std::string> data_lines(const fs::path& path, const std::string& header) {
  std::ifstream file(path);
  std::string line;
  if (!std::getline(file, line)) return {};
  if (line != header)
    throw ConfigError(path.string() + ": written by another version of convneat compare (header differs); "
                      "use another output directory");
  std::vector<std::string> lines;
  while (std::getline(file, line))
    if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace

RunStore::RunStore(const fs::path& directory, const json& spec, const json& groups, const std::string& spec_source,
                   const json* software)
    : directory_(created_directory(directory)) {
  check_and_record_groups(spec, groups, spec_source, software);
  load_runs();
  load_curves();
  open_for_append();
}

void RunStore::check_and_record_groups(const json& spec, const json& groups, const std::string& spec_source,
                                       const json* software) {
  const fs::path record_path = directory_ / kSpecRecord;
  json recorded_groups = json::object();
  if (fs::exists(record_path)) {
    const json record = read_json_file(record_path);
    recorded_groups = record.value("groups", json::object());
    software_ = record.value("software", json::array());
    if (!software_.is_array()) software_ = json::array();
  } else if (fs::exists(directory_ / kRuns)) {
    throw ConfigError(directory_.string() + ": holds runs.csv but no " + kSpecRecord +
                      ", so its runs cannot be matched to this spec; use another output directory");
  }
  for (const auto& [group, fingerprint] : groups.items()) {
    if (!recorded_groups.contains(group) || in_current_schema(recorded_groups[group]) == fingerprint) continue;
    throw ConfigError(spec_source + ": " + group + ": " + first_difference(recorded_groups[group], fingerprint) +
                      "; a changed variant needs a new output directory (or a new variant name)");
  }
  // Groups no longer in the spec stay recorded: their rows are still in runs.csv.
  for (const auto& [group, fingerprint] : groups.items()) recorded_groups[group] = fingerprint;
  record_ = {{"format", "convneat-compare"}, {"version", 1}, {"spec", spec}, {"groups", recorded_groups}};
  if (!software_.empty()) record_["software"] = software_;
  if (software != nullptr && std::find(software_.begin(), software_.end(), *software) == software_.end())
    unrecorded_software_ = *software;  // recorded with the first run it finishes
  write_file_atomically(record_path, record_.dump(2) + "\n");
}

void RunStore::load_runs() {
  for (const std::string& line : data_lines(directory_ / kRuns, run_csv_header()))
    if (std::optional<RunRecord> record = parse_run_csv_row(line)) finished_.emplace(record->key, std::move(*record));
}

// Keeps only the curves of finished runs: a run killed between its curve and its row runs
// again and writes its curve again.
void RunStore::load_curves() {
  std::string kept = curve_csv_header() + "\n";
  for (const std::string& line : data_lines(directory_ / kCurves, curve_csv_header())) {
    std::istringstream fields(line);
    RunKey key;
    std::string seed, generation, species;
    std::getline(fields, key.task, ',');
    std::getline(fields, key.variant, ',');
    std::getline(fields, seed, ',');
    std::getline(fields, generation, ',');
    std::getline(fields, species, ',');
    try {
      key.seed = std::stoull(seed);
      auto found = finished_.find(key);
      if (found == finished_.end() || std::stoull(generation) != found->second.species_curve.size()) continue;
      found->second.species_curve.push_back(std::stoull(species));
      kept += line + "\n";
    } catch (const std::logic_error&) {  // a truncated last line
    }
  }
  // A finished run whose curve went missing cannot be plotted: run it again.
  std::erase_if(finished_, [](const auto& entry) { return entry.second.species_curve.size() != entry.second.generations; });
  std::string rows = run_csv_header() + "\n";
  for (const auto& [key, record] : finished_) rows += run_csv_row(record) + "\n";
  write_file_atomically(directory_ / kRuns, rows);
  write_file_atomically(directory_ / kCurves, kept);
}

void RunStore::open_for_append() {
  runs_.open(directory_ / kRuns, std::ios::app);
  curves_.open(directory_ / kCurves, std::ios::app);
  if (!runs_ || !curves_) throw std::runtime_error(directory_.string() + ": cannot open runs.csv for appending");
}

void RunStore::add(RunRecord record) {
  const std::lock_guard lock(writing_);
  curves_ << curve_csv_rows(record) << std::flush;
  runs_ << run_csv_row(record) << '\n' << std::flush;
  if (!runs_ || !curves_) throw std::runtime_error(directory_.string() + ": cannot write runs.csv (disk full?)");
  finished_.insert_or_assign(record.key, std::move(record));
  if (!unrecorded_software_.is_null()) {
    software_.push_back(std::move(unrecorded_software_));
    unrecorded_software_ = nullptr;
    record_["software"] = software_;
    write_file_atomically(directory_ / kSpecRecord, record_.dump(2) + "\n");
  }
}

void RunStore::rewrite_sorted(const std::function<bool(const RunKey&, const RunKey&)>& before) {
  const std::lock_guard lock(writing_);
  std::vector<const RunRecord*> order;
  for (const auto& [key, record] : finished_) order.push_back(&record);
  std::stable_sort(order.begin(), order.end(), [&](const RunRecord* a, const RunRecord* b) { return before(a->key, b->key); });
  std::string rows = run_csv_header() + "\n", curves = curve_csv_header() + "\n";
  for (const RunRecord* record : order) {
    rows += run_csv_row(*record) + "\n";
    curves += curve_csv_rows(*record);
  }
  runs_.close();
  curves_.close();
  write_file_atomically(directory_ / kCurves, curves);
  write_file_atomically(directory_ / kRuns, rows);
  open_for_append();
}

}  // namespace convneat::compare
