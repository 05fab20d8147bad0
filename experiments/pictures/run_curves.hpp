#pragma once
// The per-generation curves of a run, read from its generations.csv
// (neat/statistics_reporter.cpp): best, mean and standard deviation of fitness, evaluations so far, and the champion's validation and
// test accuracy when the task tests its champion (the `champion_test` column, e.g.
// "genome=12 test_accuracy=0.61 validation_accuracy=0.64 passed=0").
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace convneat::pictures {

struct GenerationPoint {
  std::size_t generation = 0;
  double best_fitness = 0.0, mean_fitness = 0.0, stdev_fitness = 0.0;
  std::optional<double> validation_accuracy, test_accuracy;
  std::uint64_t evaluations = 0;  // so far, this generation's included
};

struct RunCurves {
  std::vector<GenerationPoint> points;
  bool has_accuracy() const;  // any point with a validation or test accuracy
};

// Parses the CSV text; throws std::runtime_error naming the line when a row is malformed.
RunCurves parse_generations_csv(const std::string& text);

// The species of a run over its generations, from species.csv: sizes[g][i] is the size of
// species ids[i] in generation g (0 when it did not exist then); ids in increasing order.
struct SpeciesHistory {
  std::vector<std::size_t> generations;
  std::vector<std::uint64_t> ids;
  std::vector<std::vector<std::size_t>> sizes;
};

// Parses species.csv (generation,species,size,...); throws std::runtime_error naming the line
// when a row is malformed.
SpeciesHistory parse_species_csv(const std::string& text);

// The value of `name=` in a space-separated list of name=value figures, if present.
std::optional<double> figure(const std::string& figures, const std::string& name);

}  // namespace convneat::pictures
