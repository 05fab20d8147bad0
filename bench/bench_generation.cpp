// Throughput of the engine on XOR, printed by Google Benchmark:
//   BM_XorEvaluation/threads:N   genome evaluations per second (compile + 4 activations)
//   BM_GenerationOverhead/P      time per generation outside evaluation (stagnation,
//                                allotment, reproduction, speciation) at population P
// Both run on populations evolved for 30 generations first, so genomes carry realistic
// structure; the overhead is the mean over the 50 generations after those.
// Run: ./build/bench/convneat_bench (see README "Performance").
#include <benchmark/benchmark.h>

#include <chrono>

#include "experiments/tasks/xor_task.hpp"
#include "neat/population.hpp"
#include "neat/tbb_evaluator.hpp"

using namespace convneat;

namespace {

NeatConfig bench_config(std::size_t population_size) {
  NeatConfig config;
  config.seed = 7;
  config.population_size = population_size;
  config.stop.stop_when_solved = false;
  config.stop.max_generations = 1000000;
  return config;
}

void evolve(Population& population, Evaluator& evaluator, std::size_t generations) {
  for (std::size_t g = 0; g < generations; ++g) {
    population.evaluate(evaluator);
    population.advance();
  }
}

void BM_XorEvaluation(benchmark::State& state) {
  const auto threads = static_cast<std::size_t>(state.range(0));
  const XorTask task;
  Population population(bench_config(150));
  TbbEvaluator evaluator(task, {.seed = 7, .threads = threads});
  evolve(population, evaluator, 30);
  for (auto _ : state) benchmark::DoNotOptimize(evaluator.evaluate(population.genomes(), population.generation()));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(population.genomes().size()));
  state.counters["evals_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(population.genomes().size()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_XorEvaluation)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime();

void BM_GenerationOverhead(benchmark::State& state) {
  const XorTask task;
  Population population(bench_config(static_cast<std::size_t>(state.range(0))));
  TbbEvaluator evaluator(task, {.seed = 7, .threads = 0});
  evolve(population, evaluator, 30);
  for (auto _ : state) {
    population.evaluate(evaluator);  // not timed: only what happens between evaluations
    const auto start = std::chrono::steady_clock::now();
    population.advance();
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  state.counters["species"] = static_cast<double>(population.species().species().size());
}
// A fixed number of timed generations: the population evolves while it is timed, so a timer
// that chose its own count would time other genomes on a faster build.
BENCHMARK(BM_GenerationOverhead)
    ->Arg(150)
    ->Arg(1000)
    ->ArgName("population")
    ->Iterations(50)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
