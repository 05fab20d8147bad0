#pragma once
// Evaluator back ends turn a generation's genomes into fitness. Every back end must give
// the same numbers whatever its degree of parallelism: each genome is compiled and
// evaluated with a random stream derived from (seed, generation, genome id), and what a task
// shares among a generation's networks (Task::share_generation_work) changes no result.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "genome/genome.hpp"
#include "neat/config.hpp"
#include "neat/task.hpp"

namespace convneat {

// How genomes are evaluated, whatever back end evaluates them: one value passed to every
// evaluator (and sent to every MPI worker), taken from the config by evaluation_settings().
struct EvaluationSettings {
  Phenotype phenotype{};           // what each genome is compiled into
  std::uint64_t seed = 0;           // the run's seed: evaluation streams derive from it
  std::size_t threads = 0;          // oneTBB threads (0: every core); inside each rank under MPI
  double time_limit_seconds = 0.0;  // per genome (0: none; neat/evaluation_deadline.hpp)
  TrainingSettings training{};      // gradient training before scoring (mode off: none)
  bool describe_behaviour = false;  // tasks describe each genome's behaviour (novelty search)
};

// The config's training settings, their optimiser clamped to the genome's weight limit,
// their learning-rate schedule spread over the run's generations and their graph computed as
// the phenotype's is.
inline EvaluationSettings evaluation_settings(const NeatConfig& config) {
  TrainingSettings training = config.training;
  training.optimiser.limit = config.genome.weight_limit;
  training.generations = config.stop.max_generations;
  training.dense_layers = config.network.dense_layers;
  return {phenotype_of(config), config.seed,  config.threads, config.time_limit_seconds,
          training,             config.selection.uses_novelty()};
}

struct Evaluation {
  double fitness = 0.0;
  bool solved = false;
  bool failed = false;  // the task threw, returned a non-finite fitness or ran past its time limit
  std::string failure;  // what went wrong, when failed: "non-finite fitness", "time limit 0.5 s exceeded", …
  // With training on and the evaluation not failed: the trained genome that was scored (the
  // population adopts it in Lamarckian mode; in Baldwinian mode only the champion keeps it).
  std::optional<Genome> trained{};
  Behaviour behaviour{};  // when settings asked for it and the evaluation did not fail
};

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  virtual std::vector<Evaluation> evaluate(const std::vector<Genome>& genomes, std::size_t generation) = 0;

  // Runs `meanwhile` (the run's speciation of a new generation) on this thread, and may prepare
  // the evaluation of `genomes`, the generation `generation` just reproduced, on other threads
  // at the same time; returns when both are done. A later evaluate() of the same genomes, which
  // stay unchanged until then, uses what was prepared. By default it only runs `meanwhile`.
  virtual void prepare_while(const std::vector<Genome>& /*genomes*/, std::size_t /*generation*/,
                             const std::function<void()>& meanwhile) {
    meanwhile();
  }

  // Whether the task decides success by a champion test (Task::has_champion_test), and
  // that test on one genome (using the evaluator's threads).
  virtual bool has_champion_test() const = 0;
  virtual ChampionTestResult test_champion(const Genome& genome, ChampionTestScope scope) = 0;

  // How the task's behaviour descriptors compare (Task::behaviour_metric); nullopt: it gives none.
  virtual std::optional<BehaviourMetric> behaviour_metric() const { return std::nullopt; }
};

// Runs the task's champion test on the genome, compiling it as often as the task asks (once
// per thread that scores); a genome that does not compile, or a test that throws, fails.
ChampionTestResult run_champion_test(const Genome& genome, const Task& task, const Phenotype& phenotype,
                                     ChampionTestScope scope);

// Trains a copy of the genome when settings.training says so, then compiles and evaluates it,
// turning exceptions, NaN/inf and a run past the time limit (which covers training too; see
// neat/evaluation_deadline.hpp) into a failed result.
Evaluation evaluate_genome(const Genome& genome, const Task& task, const EvaluationSettings& settings,
                           std::size_t generation);

// evaluate_genome() in two steps, so that an evaluator can compile a whole generation, let the
// task share work among the networks (Task::share_generation_work), then evaluate each:
// prepare_genome() trains (when on) and compiles, finish_evaluation() evaluates and frees the
// network. Together they give evaluate_genome()'s result; the time limit covers both steps,
// not the wait between them.
struct PreparedGenome {
  Evaluation evaluation;             // the trained copy; or failed, when training or compiling failed
  std::unique_ptr<Network> network;  // null when failed
  double seconds = 0.0;              // spent training and compiling
};
PreparedGenome prepare_genome(const Genome& genome, const Task& task, const EvaluationSettings& settings,
                              std::size_t generation);
Evaluation finish_evaluation(PreparedGenome& prepared, const Genome& genome, const Task& task,
                             const EvaluationSettings& settings, std::size_t generation);

}  // namespace convneat
