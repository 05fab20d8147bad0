#pragma once
// One finished run of a comparison: what runs.csv holds per row, and its species curve.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace convneat::compare {

struct RunKey {
  std::string task;
  std::string variant;
  std::uint64_t seed = 0;
  auto operator<=>(const RunKey&) const = default;
};

struct RunRecord {
  RunKey key;
  bool solved = false;
  std::optional<std::uint64_t> evaluations_to_solve;
  std::size_t generations = 0;          // generations evaluated
  std::uint64_t evaluations = 0;
  std::string stop_reason;              // solved, max_generations, max_evaluations, fitness_threshold, extinction
  std::size_t final_species = 0;        // species in the last evaluated generation
  double mean_species = 0.0;            // over the generations of the run
  double champion_fitness = 0.0;
  std::size_t champion_nodes = 0;       // inputs, bias, outputs and hidden
  std::size_t champion_hidden_nodes = 0;
  std::size_t champion_connections = 0; // enabled
  std::size_t champion_parameters = 0;  // spatial parameters + enabled weights + node biases
  std::optional<double> champion_test_accuracy;  // tasks whose champion test reports "test_accuracy"
  double wall_seconds = 0.0;
  std::vector<std::size_t> species_curve;  // species count per generation, from 0
};

// runs.csv: the header, one row per run (no species curve), and the reverse. Rows are a
// pure function of (config, seed) except the last column, wall_seconds.
std::string run_csv_header();
std::string run_csv_row(const RunRecord& record);
// nullopt for a malformed or truncated row (a process killed while writing it).
std::optional<RunRecord> parse_run_csv_row(const std::string& line);

// species_curves.csv: task,variant,seed,generation,species — one row per generation.
std::string curve_csv_header();
std::string curve_csv_rows(const RunRecord& record);

}  // namespace convneat::compare
