// What the environment protocol costs (docs/environments.md): steps per second of the shipped
// Python cart-pole through its worker pipe, against the built-in single_pole task and against
// the Python environment stepping itself with no protocol (bench/environment_overhead.sh runs
// that last figure). One balancing network (push right when θ + θ'/2 > 0 in the scaled
// observations) keeps every episode at max_steps, so steps = evaluations × episodes × steps.
#include <benchmark/benchmark.h>

#include <memory>

#include "experiments/tasks/task_registry.hpp"
#include "genome/random.hpp"
#include "nets/compile_network.hpp"

namespace convneat {
namespace {

constexpr std::size_t kSteps = 1000;

Genome balancing_genome(std::size_t inputs, NodeId theta, NodeId theta_dot) {
  Genome genome;
  for (NodeId id = 0; id < inputs; ++id) genome.nodes.push_back({id, NodeKind::input, Activation::identity, 0.0});
  const NodeId out = inputs;
  genome.nodes.push_back({out, NodeKind::output, Activation::steep_sigmoid, 0.0});
  genome.connections.push_back({0, theta, out, 1.0, true});
  genome.connections.push_back({1, theta_dot, out, 0.5, true});
  return genome;
}

// Runs one evaluation (`episodes` episodes) per iteration; reports steps per second (the task's
// mean return counts them per episode).
void run_episodes(benchmark::State& state, const Task& task, const Genome& genome, std::size_t episodes = 1) {
  auto network = compile_network(genome, true);
  double steps = 0.0;
  std::uint64_t genome_id = 0;
  for (auto _ : state) {
    RandomStream random(1, 0, ++genome_id, Purpose::evaluation);
    EvaluationContext context{1, 0, genome_id, random};
    steps += task.evaluate(*network, context).fitness * static_cast<double>(episodes);
  }
  state.counters["steps_per_second"] = benchmark::Counter(steps, benchmark::Counter::kIsRate);
  state.counters["steps_per_episode"] =
      steps / static_cast<double>(state.iterations()) / static_cast<double>(episodes);
}

void BM_PythonCartPoleThroughPipe(benchmark::State& state) {
  const auto task = built_in_tasks().make({{"name", "environment"},
                                           {"command", "/usr/bin/python3 " CONVNEAT_SOURCE_DIR
                                                       "/experiments/environments/cart_pole.py"},
                                           {"max_steps", kSteps}},
                                          "bench");
  // Observations x, x', θ, θ' (cart_pole.py).
  run_episodes(state, *task, balancing_genome(4, 2, 3));
}
BENCHMARK(BM_PythonCartPoleThroughPipe)->UseRealTime()->Unit(benchmark::kMillisecond);

// The same worker with --batch: all of a genome's episodes (the argument) in one message per
// step, numbers in base64.
void BM_PythonCartPoleBatchThroughPipe(benchmark::State& state) {
  const auto episodes = static_cast<std::size_t>(state.range(0));
  const auto task = built_in_tasks().make({{"name", "environment"},
                                           {"command", "/usr/bin/python3 " CONVNEAT_SOURCE_DIR
                                                       "/experiments/environments/cart_pole.py --batch"},
                                           {"max_steps", kSteps},
                                           {"episodes", episodes}},
                                          "bench");
  run_episodes(state, *task, balancing_genome(4, 2, 3), episodes);
}
BENCHMARK(BM_PythonCartPoleBatchThroughPipe)->Arg(10)->Arg(100)->Arg(1000)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_BuiltInSinglePole(benchmark::State& state) {
  const auto task = built_in_tasks().make({{"name", "single_pole"}}, "bench");
  // Observations x, x', θ, θ', 0.5 (pole_balancing_task.hpp); an episode runs to 100,000 decisions.
  run_episodes(state, *task, balancing_genome(5, 2, 3));
}
BENCHMARK(BM_BuiltInSinglePole)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace convneat
