#include "neat/tbb_evaluator.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace convneat {

TbbEvaluator::TbbEvaluator(const Task& task, const EvaluationSettings& settings)
    : task_(task),
      settings_(settings),
      arena_(std::make_unique<tbb::task_arena>(settings.threads == 0 ? tbb::task_arena::automatic
                                                                     : static_cast<int>(settings.threads))) {}

TbbEvaluator::~TbbEvaluator() = default;

std::vector<Evaluation> TbbEvaluator::evaluate(const std::vector<Genome>& genomes, std::size_t generation) {
  std::vector<Evaluation> results(genomes.size());
  const auto for_each_genome = [&](auto step) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, genomes.size()), [&](const tbb::blocked_range<std::size_t>& range) {
      for (std::size_t i = range.begin(); i != range.end(); ++i) step(i);
    });
  };
  arena_->execute([&] {
    if (!task_.shares_generation_work()) {
      for_each_genome([&](std::size_t i) { results[i] = evaluate_genome(genomes[i], task_, settings_, generation); });
      return;
    }
    std::vector<PreparedGenome> prepared(genomes.size());
    for_each_genome([&](std::size_t i) { prepared[i] = prepare_genome(genomes[i], task_, settings_, generation); });
    share_generation_work(prepared, generation);
    for_each_genome([&](std::size_t i) {
      results[i] = finish_evaluation(prepared[i], genomes[i], task_, settings_, generation);
    });
  });
  return results;
}

void TbbEvaluator::share_generation_work(std::vector<PreparedGenome>& prepared, std::size_t generation) const {
  std::vector<Network*> networks;
  for (PreparedGenome& genome : prepared)
    if (genome.network) networks.push_back(genome.network.get());
  try {
    task_.share_generation_work(networks, settings_.seed, generation);
  } catch (...) {
    // Sharing only saves time: whatever a network did not receive, it computes itself.
  }
}

ChampionTestResult TbbEvaluator::test_champion(const Genome& genome, ChampionTestScope scope) {
  ChampionTestResult result;
  arena_->execute([&] { result = run_champion_test(genome, task_, settings_.phenotype, scope); });
  return result;
}

}  // namespace convneat
