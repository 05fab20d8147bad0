#include "neat/evaluator.hpp"

#include <cmath>
#include <exception>

namespace convneat {

Evaluation evaluate_genome(const Genome& genome, const Task& task, bool feed_forward, std::uint64_t seed,
                           std::size_t generation) {
  Evaluation evaluation;
  try {
    RandomStream random(seed, generation, genome.id, Purpose::evaluation);
    EvaluationContext context{seed, generation, genome.id, random};
    auto network = compile_network(genome, feed_forward);
    const TaskResult result = task.evaluate(*network, context);
    evaluation.fitness = result.fitness;
    evaluation.solved = result.solved;
    if (!std::isfinite(result.fitness)) {
      evaluation.failed = true;
      evaluation.failure = "non-finite fitness";
    }
  } catch (const std::exception& error) {
    evaluation.failed = true;
    evaluation.failure = error.what();
  } catch (...) {
    evaluation.failed = true;
    evaluation.failure = "unknown exception";
  }
  if (evaluation.failed) evaluation.solved = false;
  return evaluation;
}

ChampionTestResult run_champion_test(const Genome& genome, const Task& task, bool feed_forward) {
  try {
    auto network = compile_network(genome, feed_forward);
    return task.test_champion(*network);
  } catch (const std::exception&) {
    return ChampionTestResult{false, {}};
  }
}

}  // namespace convneat
