#pragma once
// Reporters observe a run (neat-python's pattern): the evolution loop calls these hooks;
// console progress, statistics files and checkpoints are reporters, not code in the loop.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "genome/genome.hpp"
#include "neat/stop_reason.hpp"
#include "neat/task.hpp"

namespace convneat {

class Population;

struct SpeciesSummary {
  std::uint64_t id = 0;
  std::size_t size = 0;
  double best_fitness = 0.0;
  std::size_t age = 0;             // generations since it was founded
  std::size_t stagnant_for = 0;    // generations since it last improved
};

// Novelty and NSGA-II figures of a generation, when /selection/objective uses them.
struct SelectionSummary {
  double mean_novelty = 0.0;
  double max_novelty = 0.0;
  std::size_t archive_size = 0;        // behaviours remembered before this generation's additions
  double archive_threshold = 0.0;      // the threshold rule's value now
  std::size_t first_front_size = 0;    // pareto: genomes no other genome dominates
};

struct GenerationReport {
  std::size_t generation = 0;
  double best_fitness = 0.0;
  double mean_fitness = 0.0;
  double stdev_fitness = 0.0;
  Genome best;                     // this generation's fittest genome (best_fitness is its fitness)
  std::vector<SpeciesSummary> species;
  std::uint64_t evaluations = 0;   // total so far
  std::size_t failed_evaluations = 0;  // this generation
  std::map<std::string, std::size_t> failures;  // why they failed: reason → genomes
  bool solved = false;
  // The task's champion test this generation, when the task has one; when it passes, the
  // tested genome (which need not be the fittest) becomes the run's champion.
  std::optional<ChampionTestResult> champion_test;
  GenomeId tested_genome = 0;
  double compatibility_threshold = 0.0;
  double seconds = 0.0;            // wall time since the run (or resume) started
  std::optional<SelectionSummary> selection;  // unless selection ranks by fitness alone
};


struct RunResult {
  Genome champion;                 // best genome of the run (a solving one, if any)
  bool solved = false;
  std::size_t generations = 0;     // generations evaluated
  std::uint64_t evaluations = 0;
  std::optional<std::uint64_t> evaluations_to_solve;
  // Evaluations that gave a fitness (did not fail) over the whole run; 0 means the champion
  // is a genome nobody could score, and the run did not do what was asked.
  std::uint64_t scored_evaluations = 0;
  StopReason reason = StopReason::max_generations;
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void on_generation(const GenerationReport&, const Population&) {}
  virtual void on_extinction(std::size_t /*generation*/) {}
  // After reproduction: `population` is the next generation, not yet evaluated.
  virtual void on_advance(const Population&) {}
  virtual void on_finish(const RunResult&, const Population&) {}
};

}  // namespace convneat
