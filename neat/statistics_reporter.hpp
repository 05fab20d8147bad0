#pragma once
// Per-generation statistics as CSV, one row written (and flushed) per generation so an
// interrupted run keeps what it had:
//   generations.csv  generation, best/mean/stdev fitness, species count and sizes, best
//                    genome's nodes and enabled connections, evaluations, failures, seconds
//   species.csv      generation, species id, size, best fitness, age, stagnant_for
#include <filesystem>
#include <fstream>

#include "neat/reporter.hpp"

namespace convneat {

class StatisticsReporter final : public Reporter {
 public:
  // A fresh run (first_generation 0) starts the files anew. A run resumed at generation G
  // keeps the rows of generations before G found in `history` (the checkpoint's folder) and
  // drops later ones (written after that checkpoint), so the files read as if the run had
  // never stopped.
  StatisticsReporter(const std::filesystem::path& directory, std::size_t first_generation,
                     const std::filesystem::path& history);
  void on_generation(const GenerationReport& report, const Population& population) override;

  static std::string generation_header();
  static std::string generation_row(const GenerationReport& report);

 private:
  std::ofstream generations_;
  std::ofstream species_;
};

}  // namespace convneat
