#pragma once
// Parallel evaluation on the cores of one machine with oneTBB. Results are written by
// genome index, and every random draw is derived per genome, so 1, 2 or 64 threads give
// bit-identical fitness.
#include <memory>

#include <tbb/task_arena.h>

#include "neat/evaluator.hpp"

namespace convneat {

class TbbEvaluator final : public Evaluator {
 public:
  // threads == 0: every core. time_limit_seconds: per genome, 0 for none (evaluate_genome).
  TbbEvaluator(const Task& task, bool feed_forward, std::uint64_t seed, std::size_t threads,
               double time_limit_seconds = 0.0);
  TbbEvaluator(const Task&&, bool, std::uint64_t, std::size_t, double = 0.0) = delete;  // keeps a reference: no temporaries
  ~TbbEvaluator() override;

  std::vector<Evaluation> evaluate(const std::vector<Genome>& genomes, std::size_t generation) override;
  bool has_champion_test() const override { return task_.has_champion_test(); }
  ChampionTestResult test_champion(const Genome& genome) override {
    return run_champion_test(genome, task_, feed_forward_);
  }

 private:
  const Task& task_;
  bool feed_forward_;
  std::uint64_t seed_;
  double time_limit_seconds_;
  std::unique_ptr<tbb::task_arena> arena_;
};

}  // namespace convneat
