#pragma once
// Parallel evaluation on the cores of one machine with oneTBB. Results are written by
// genome index, and every random draw is derived per genome, so 1, 2 or 64 threads give
// bit-identical fitness. For a task that shares work (Task::shares_generation_work) a
// generation is compiled first, then the task shares work among its networks, then each is
// evaluated; any other task has each genome compiled and evaluated in one go.
#include <memory>

#include <tbb/task_arena.h>

#include "neat/evaluator.hpp"

namespace convneat {

class TbbEvaluator final : public Evaluator {
 public:
  TbbEvaluator(const Task& task, const EvaluationSettings& settings);
  TbbEvaluator(const Task&&, const EvaluationSettings&) = delete;  // keeps a reference: no temporaries
  ~TbbEvaluator() override;

  std::vector<Evaluation> evaluate(const std::vector<Genome>& genomes, std::size_t generation) override;
  bool has_champion_test() const override { return task_.has_champion_test(); }
  // In the evaluator's arena, so a task that scores in parallel uses its threads.
  ChampionTestResult test_champion(const Genome& genome, ChampionTestScope scope) override;
  std::optional<BehaviourMetric> behaviour_metric() const override { return task_.behaviour_metric(); }

 private:
  void share_generation_work(std::vector<PreparedGenome>& prepared, std::size_t generation) const;

  const Task& task_;
  EvaluationSettings settings_;
  std::unique_ptr<tbb::task_arena> arena_;
};

}  // namespace convneat
