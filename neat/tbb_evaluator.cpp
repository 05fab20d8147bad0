#include "neat/tbb_evaluator.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace convneat {

TbbEvaluator::TbbEvaluator(const Task& task, bool feed_forward, std::uint64_t seed, std::size_t threads,
                           double time_limit_seconds)
    : task_(task),
      feed_forward_(feed_forward),
      seed_(seed),
      time_limit_seconds_(time_limit_seconds),
      arena_(std::make_unique<tbb::task_arena>(threads == 0 ? tbb::task_arena::automatic
                                                            : static_cast<int>(threads))) {}

TbbEvaluator::~TbbEvaluator() = default;

std::vector<Evaluation> TbbEvaluator::evaluate(const std::vector<Genome>& genomes, std::size_t generation) {
  std::vector<Evaluation> results(genomes.size());
  arena_->execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, genomes.size()), [&](const tbb::blocked_range<std::size_t>& range) {
      for (std::size_t i = range.begin(); i != range.end(); ++i)
        results[i] = evaluate_genome(genomes[i], task_, feed_forward_, seed_, generation, time_limit_seconds_);
    });
  });
  return results;
}

}  // namespace convneat
