#include "neat/statistics_reporter.hpp"

#include <fstream>
#include <sstream>

#include "neat/atomic_file.hpp"
#include "neat/csv_row.hpp"

namespace convneat {
namespace {

// The rows of `path` (header excluded) whose first column is a generation before `first`.
// A last line without its newline is a row cut short (the disk filled up, the process was
// killed): it is dropped, since its first column may be a cut-short number too.
std::string rows_before(const std::filesystem::path& path, std::size_t first) {
  std::ifstream file(path);
  std::string line, kept;
  std::getline(file, line);  // header
  while (std::getline(file, line) && !file.eof()) {
    std::size_t generation = 0;
    std::istringstream(line) >> generation;
    if (generation < first && !line.empty()) kept += line + '\n';
  }
  return kept;
}

constexpr const char* kGenerationsFile = "generations.csv";
constexpr const char* kSpeciesFile = "species.csv";
constexpr const char* kSelectionFile = "selection.csv";

}  // namespace

StatisticsReporter::Csv StatisticsReporter::open_csv(const std::filesystem::path& path, std::size_t first_generation,
                                                     const std::string& header,
                                                     const std::optional<std::filesystem::path>& history) {
  std::string content = header + '\n';
  if (first_generation > 0 && history) content += rows_before(*history, first_generation);
  write_file_atomically(path, content);
  Csv csv{AppendFile(path), {}};
  csv.written.add(content);
  return csv;
}

void StatisticsReporter::Csv::append(const std::string& rows) {
  file.append(rows);
  written.add(rows);
}

// The row without its last column, wall time: rows are then a pure function of
// (config, seed), and resume tests can compare them byte for byte.
std::string StatisticsReporter::generation_header() {
  return "generation,best_fitness,mean_fitness,stdev_fitness,species_count,species_sizes,best_nodes,"
         "best_enabled_connections,evaluations,failed_evaluations,solved,compatibility_threshold,champion_test";
}

std::string StatisticsReporter::generation_row(const GenerationReport& report) {
  CsvRow row;
  std::string sizes;
  for (const SpeciesSummary& s : report.species) {
    if (!sizes.empty()) sizes += ' ';
    sizes += std::to_string(s.size);
  }
  row << report.generation << ',' << report.best_fitness << ',' << report.mean_fitness << ','
      << report.stdev_fitness << ',' << report.species.size() << ',' << sizes << ',' << report.best.nodes.size()
      << ',' << report.best.enabled_connection_count() << ',' << report.evaluations << ','
      << report.failed_evaluations << ',' << (report.solved ? 1 : 0) << ',' << report.compatibility_threshold << ',';
  if (report.champion_test) {  // "genome=12 generalisation=250 long_run=100000 passed=0"
    row << "genome=" << report.tested_genome;
    for (const auto& [name, value] : report.champion_test->figures) row << ' ' << name << '=' << value;
    row << " passed=" << (report.champion_test->solved ? 1 : 0);
  }
  return row.str();
}

namespace {

std::optional<std::filesystem::path> in(const std::optional<std::filesystem::path>& directory, const char* name) {
  if (!directory) return std::nullopt;
  return *directory / name;
}

}  // namespace

StatisticsReporter::StatisticsReporter(const std::filesystem::path& directory, std::size_t first_generation,
                                       const std::optional<std::filesystem::path>& history, bool selection)
    : generations_(open_csv(directory / kGenerationsFile, first_generation, generation_header() + ",seconds",
                            in(history, kGenerationsFile))),
      species_(open_csv(directory / kSpeciesFile, first_generation,
                        "generation,species,size,best_fitness,age,stagnant_for", in(history, kSpeciesFile))) {
  if (selection)
    selection_.emplace(open_csv(directory / kSelectionFile, first_generation, selection_header(), in(history, kSelectionFile)));
}

std::string StatisticsReporter::selection_header() {
  return "generation,mean_novelty,max_novelty,archive_size,archive_threshold,first_front_size";
}

nlohmann::json StatisticsReporter::fingerprints() const {
  nlohmann::json written = {{kGenerationsFile, generations_.written.to_json()},
                            {kSpeciesFile, species_.written.to_json()}};
  if (selection_) written[kSelectionFile] = selection_->written.to_json();
  return written;
}

std::string StatisticsReporter::unmatched_file(const std::filesystem::path& history, const nlohmann::json& fingerprints) {
  for (const char* name : {kGenerationsFile, kSpeciesFile})
    if (!fingerprints.contains(name) || !FileFingerprint::file_begins_with(history / name, fingerprints[name]))
      return name;
  // A file only some runs write is checked when the checkpoint says it was written.
  if (fingerprints.contains(kSelectionFile) &&
      !FileFingerprint::file_begins_with(history / kSelectionFile, fingerprints[kSelectionFile]))
    return kSelectionFile;
  return "";
}

void StatisticsReporter::on_generation(const GenerationReport& report, const Population&) {
  CsvRow generation, species;
  generation << generation_row(report) << ',' << report.seconds << '\n';
  for (const SpeciesSummary& s : report.species)
    species << report.generation << ',' << s.id << ',' << s.size << ',' << s.best_fitness << ',' << s.age << ','
            << s.stagnant_for << '\n';
  generations_.append(generation.str());
  species_.append(species.str());
  if (selection_ && report.selection) {
    const SelectionSummary& figures = *report.selection;
    CsvRow row;
    row << report.generation << ',' << figures.mean_novelty << ',' << figures.max_novelty << ','
        << figures.archive_size << ',' << figures.archive_threshold << ',' << figures.first_front_size << '\n';
    selection_->append(row.str());
  }
}

}  // namespace convneat
