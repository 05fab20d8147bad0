#pragma once
// An Evaluator whose fitness is a Python function, in one of three forms (Population.run):
//
//   fitness(network) -> number                        once per genome, in the generation's order
//   batch_fitness(networks) -> sequence of numbers   once per generation (vectorise in numpy)
//   eval_genomes(genomes, config)                     neat-python's form: sets genome.fitness
//
// It runs on the thread that called Population.run, taking the GIL for each call: Python
// functions run one at a time whatever /evaluation/threads says. The networks are compiled on
// the run's threads (/evaluation/threads) before the function sees them — in a run, while the
// run speciates the generation (prepare_while) — and the function runs in the run's thread
// arena, so convneat.activate_all spreads the networks over those threads.
// A value that is not a real number, or is NaN or infinite, fails that genome's evaluation
// ("fitness is not a number (str)", "non-finite fitness"), as a task's would in the CLI; an
// exception the function raises stops the run and reaches the caller with its traceback.
#include <functional>
#include <optional>
#include <vector>

#include <tbb/task_arena.h>

#include "bindings.hpp"
#include "neat/evaluator.hpp"

namespace convneat::python {

enum class FitnessForm { network, batch, eval_genomes };

class PythonEvaluator final : public Evaluator {
 public:
  // `config` is what eval_genomes receives as its second argument. A genome solves the task
  // when its fitness reaches `solved_at` (/stop/fitness_threshold; none: never).
  // `threads`: /evaluation/threads (0: every core).
  PythonEvaluator(py::object function, FitnessForm form, const Phenotype& phenotype, std::optional<double> solved_at,
                  py::object config, std::size_t threads);

  std::vector<Evaluation> evaluate(const std::vector<Genome>& genomes, std::size_t generation) override;
  // Compiles the generation's networks on the run's threads while this one speciates (the
  // fitness forms that receive networks; eval_genomes compiles when the script asks).
  void prepare_while(const std::vector<Genome>& genomes, std::size_t generation,
                     const std::function<void()>& meanwhile) override;
  bool has_champion_test() const override { return false; }
  ChampionTestResult test_champion(const Genome&, ChampionTestScope) override { return {}; }

 private:
  // A genome's phenotype, or the failure compiling it gave (a genome the task cannot run).
  struct Compiled {
    std::optional<NetworkHandle> network;
    Evaluation failure;
  };
  // What prepare_while compiled, and for which genomes.
  struct Prepared {
    const std::vector<Genome>* genomes = nullptr;
    std::size_t generation = 0;
    std::vector<Compiled> networks;
  };
  std::vector<Compiled> compile_all(const std::vector<Genome>& genomes);
  std::vector<Compiled> networks_of(const std::vector<Genome>& genomes, std::size_t generation);
  std::vector<Evaluation> per_network(std::vector<Compiled> compiled);
  std::vector<Evaluation> in_one_batch(std::vector<Compiled> compiled);
  std::vector<Evaluation> by_eval_genomes(const std::vector<Genome>& genomes);
  Evaluation judged(const py::handle& value) const;
  Evaluation judged(Evaluation evaluation) const;

  py::object function_;
  FitnessForm form_;
  Phenotype phenotype_;
  std::optional<double> solved_at_;
  py::object config_;
  tbb::task_arena arena_;
  std::optional<Prepared> prepared_;
};

// The evaluation a Python value gives: its fitness, or a failure saying what it was instead.
Evaluation evaluation_of(const py::handle& value);
// The evaluation of a fitness already read as a number: a failure when it is NaN or infinite.
Evaluation fitness_value(double fitness);

}  // namespace convneat::python
