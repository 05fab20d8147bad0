#pragma once
// Per-generation statistics as CSV, each generation's rows handed to the kernel in one
// write so an interrupted run keeps what it had, and a failing write stops the run with the
// file's name and the reason (neat/append_file.hpp):
//   generations.csv  generation, best/mean/stdev fitness, species count and sizes, best
//                    genome's nodes and enabled connections, evaluations, failures, seconds
//   species.csv      generation, species id, size, best fitness, age, stagnant_for
#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "neat/append_file.hpp"
#include "neat/file_fingerprint.hpp"
#include "neat/reporter.hpp"

namespace convneat {

class StatisticsReporter final : public Reporter {
 public:
  // A fresh run (first_generation 0) starts the files anew. A run resumed at generation G
  // keeps the rows of generations before G found in `history` (the checkpoint's folder) and
  // drops later ones (written after that checkpoint), so the files read as if the run had
  // never stopped. The kept rows are rewritten atomically: a resume killed at any moment
  // loses none of them. Without `history` a resumed run's files start at generation G.
  // `selection`: also write selection.csv, the novelty and NSGA-II figures of each generation
  // (GenerationReport::selection), for a run whose /selection/objective is not fitness.
  StatisticsReporter(const std::filesystem::path& directory, std::size_t first_generation,
                     const std::optional<std::filesystem::path>& history, bool selection = false);
  void on_generation(const GenerationReport& report, const Population& population) override;

  // What has been written so far, for a checkpoint: {"generations.csv": fingerprint, ...}.
  nlohmann::json fingerprints() const;
  // The first file in `history` that does not begin with the rows `fingerprints` describes
  // (an empty string when all do): checked before a resume continues them.
  static std::string unmatched_file(const std::filesystem::path& history, const nlohmann::json& fingerprints);

  static std::string generation_header();
  static std::string generation_row(const GenerationReport& report);
  static std::string selection_header();

 private:
  struct Csv {
    AppendFile file;
    FileFingerprint written;
    void append(const std::string& rows);
  };
  static Csv open_csv(const std::filesystem::path& path, std::size_t first_generation, const std::string& header,
                      const std::optional<std::filesystem::path>& history);

  Csv generations_;
  Csv species_;
  std::optional<Csv> selection_;
};

}  // namespace convneat
