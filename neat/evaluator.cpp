#include "neat/evaluator.hpp"

#include <cmath>
#include <exception>

#include "nets/compile_network.hpp"

namespace convneat {

Evaluation evaluate_genome(const Genome& genome, const Task& task, bool feed_forward, std::uint64_t seed,
                           std::size_t generation, double time_limit_seconds) {
  Evaluation evaluation;
  try {
    RandomStream random(seed, generation, genome.id, Purpose::evaluation);
    // The limit covers compiling the network too: both are this genome's cost.
    EvaluationContext context{seed, generation, genome.id, random, EvaluationDeadline::starting_now(time_limit_seconds)};
    auto network = compile_network(genome, feed_forward);
    const TaskResult result = task.evaluate(*network, context);
    context.deadline.check();  // a task that forgot to check is still held to its limit
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
