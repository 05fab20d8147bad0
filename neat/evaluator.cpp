#include "neat/evaluator.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <stdexcept>

#include "nets/compile_network.hpp"
#include "training/genome_training.hpp"

namespace convneat {
namespace {

// The genome as trained on the task's objective, on a stream of its own so that training
// never shifts the draws of evaluation.
Genome trained_copy(const Genome& genome, const Task& task, const EvaluationSettings& settings,
                    std::size_t generation, const EvaluationDeadline& deadline) {
  const TrainingObjective* objective = task.training_objective();
  if (objective == nullptr) throw std::invalid_argument("task \"" + task.name() + "\" cannot be trained by gradient");
  Genome trained = genome;
  RandomStream random(settings.seed, generation, genome.id, Purpose::training);
  train_genome(trained, *objective, for_generation(settings.training, generation), random,
               [&] { deadline.check(); });
  return trained;
}

// Runs `step`, turning what it throws into a failed evaluation.
template <class Step>
void guarded(Evaluation& evaluation, Step step) {
  try {
    step();
  } catch (const std::exception& error) {
    evaluation.failed = true;
    evaluation.failure = error.what();
  } catch (...) {
    evaluation.failed = true;
    evaluation.failure = "unknown exception";
  }
  if (evaluation.failed) {
    evaluation.solved = false;
    evaluation.trained.reset();
    evaluation.behaviour.clear();
  }
}

double seconds_since(EvaluationDeadline::Clock::time_point start) {
  return std::chrono::duration<double>(EvaluationDeadline::Clock::now() - start).count();
}

}  // namespace

PreparedGenome prepare_genome(const Genome& genome, const Task& task, const EvaluationSettings& settings,
                              std::size_t generation) {
  PreparedGenome prepared;
  const auto start = EvaluationDeadline::Clock::now();
  guarded(prepared.evaluation, [&] {
    // The limit covers training and compiling the network too: all are this genome's cost.
    const auto deadline = EvaluationDeadline::starting_now(settings.time_limit_seconds);
    if (settings.training.mode != TrainingMode::off)
      prepared.evaluation.trained = trained_copy(genome, task, settings, generation, deadline);
    prepared.network = compile_network(prepared.evaluation.trained ? *prepared.evaluation.trained : genome,
                                       settings.phenotype);
    deadline.check();
  });
  if (prepared.evaluation.failed) prepared.network.reset();
  prepared.seconds = seconds_since(start);
  return prepared;
}

Evaluation finish_evaluation(PreparedGenome& prepared, const Genome& genome, const Task& task,
                             const EvaluationSettings& settings, std::size_t generation) {
  Evaluation evaluation = std::move(prepared.evaluation);
  const std::unique_ptr<Network> network = std::move(prepared.network);
  if (evaluation.failed) return evaluation;
  guarded(evaluation, [&] {
    const std::uint64_t seed = settings.seed;
    RandomStream random(seed, generation, genome.id, Purpose::evaluation);
    EvaluationContext context{seed, generation, genome.id, random,
                              EvaluationDeadline::starting_now(settings.time_limit_seconds, prepared.seconds),
                              settings.describe_behaviour};
    TaskResult result = task.evaluate(*network, context);
    context.deadline.check();  // a task that forgot to check is still held to its limit
    evaluation.fitness = result.fitness;
    evaluation.solved = result.solved;
    if (!std::isfinite(result.fitness)) throw std::runtime_error("non-finite fitness");
    if (settings.describe_behaviour && result.behaviour.empty()) throw std::runtime_error("no behaviour described");
    if (!std::all_of(result.behaviour.begin(), result.behaviour.end(), [](double x) { return std::isfinite(x); }))
      throw std::runtime_error("non-finite behaviour");
    evaluation.behaviour = std::move(result.behaviour);
  });
  return evaluation;
}

Evaluation evaluate_genome(const Genome& genome, const Task& task, const EvaluationSettings& settings,
                           std::size_t generation) {
  PreparedGenome prepared = prepare_genome(genome, task, settings, generation);
  return finish_evaluation(prepared, genome, task, settings, generation);
}

ChampionTestResult run_champion_test(const Genome& genome, const Task& task, const Phenotype& phenotype,
                                     ChampionTestScope scope) {
  try {
    return task.test_champion([&] { return compile_network(genome, phenotype); }, scope);
  } catch (const std::exception&) {
    return ChampionTestResult{false, {}};
  }
}

}  // namespace convneat
