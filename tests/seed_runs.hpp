#pragma once
// Whole runs of a shipped config over seeds 1…n, for tests that measure what a setting does to
// results (success rates, genome sizes) rather than one run's bytes.
#include <cstdint>

#include "experiments/config_file.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "neat/population.hpp"
#include "neat/tbb_evaluator.hpp"

namespace convneat::testing {

// Runs `file` with each seed on one thread, after `adjust(config)`; then calls
// `finished(population, result)`.
template <class Adjust, class Finished>
void run_seeds(const char* file, std::uint64_t seeds, Adjust adjust, Finished finished) {
  const auto loaded = load_experiment(file);
  const auto task = make_task(loaded.config.task, file);
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    NeatConfig config = loaded.config;
    config.seed = seed;
    config.threads = 1;
    adjust(config);
    fit_genome_to_task(config, loaded.document, *task, file);
    Population population(config);
    TbbEvaluator evaluator(*task, evaluation_settings(config));
    const RunResult result = population.run(evaluator);
    finished(population, result);
  }
}

}  // namespace convneat::testing
