// The cost of gradient training (docs/training.md), single thread, on the shipped trained
// configs' start genomes (experiments/configs/<config>.json; their datasets must be installed):
// BM_TrainingStep/<config>   one GenomeTrainer step on a mini-batch of 64 training images:
//                            forward with tape, loss, backward through graph and front end,
//                            the optimiser's step, and the front end compiled anew.
// BM_Forward/<config>        the forward pass alone of the same network on 64 images, the
//                            baseline measured in the same run.
// Configs: 0 digits_trained, 1 fashion_mnist_trained, 2 fashion_mnist_trained_hidden, 3 the same
// with /network/dense_layers (its hidden layer as one matrix product; 2 is its baseline).
// Counters: us_per_image (wall time over the 64 images, microseconds); BM_TrainingStep's vs_forward = its time
// over BM_Forward's for the same config.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>

#include "experiments/config_file.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "genome/initial_genome.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/node_layout.hpp"
#include "neat/evaluator.hpp"
#include "nets/compile_network.hpp"
#include "training/genome_training.hpp"

using namespace convneat;

namespace {

constexpr std::size_t kBatch = 64;
struct BenchConfig {
  const char* name;
  bool dense_layers;
};
const BenchConfig kConfigs[] = {{"digits_trained", false},
                                {"fashion_mnist_trained", false},
                                {"fashion_mnist_trained_hidden", false},
                                {"fashion_mnist_trained_hidden", true}};

struct Setup {
  NeatConfig config;
  std::unique_ptr<Task> task;
  Genome genome;
};

Setup setup(std::int64_t which) {
  const BenchConfig& chosen = kConfigs[which];
  const std::string path = std::string(CONVNEAT_SOURCE_DIR "/experiments/configs/") + chosen.name + ".json";
  LoadedExperiment loaded = load_experiment(path);
  loaded.config.network.dense_layers = chosen.dense_layers;
  Setup s{loaded.config, make_task(loaded.config.task, path), {}};
  fit_genome_to_task(s.config, loaded.document, *s.task, path);
  auto policy = make_innovation_policy(s.config.innovation_policy, NodeLayout(s.config.genome).first_free_node);
  RandomStream random(1, 0, 0, Purpose::initial_population);
  s.genome = make_initial_genome(0, s.config.genome, *policy, random);
  return s;
}

// Seconds per forward pass of each config, from BM_Forward in this run (it runs first).
std::map<std::int64_t, double>& forward_seconds() {
  static std::map<std::int64_t, double> seconds;
  return seconds;
}

// Times the loop body per iteration, the way the counters need it.
template <class Body>
double seconds_per_iteration(benchmark::State& state, Body body) {
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) body();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return elapsed.count() / static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
}

void BM_Forward(benchmark::State& state) {
  const Setup s = setup(state.range(0));
  const TrainingObjective& objective = *s.task->training_objective();
  std::vector<std::size_t> examples(kBatch);
  for (std::size_t i = 0; i < kBatch; ++i) examples[i] = i;
  const Eigen::MatrixXd inputs = objective.inputs(examples);
  auto network = compile_network(s.genome, phenotype_of(s.config));
  objective.prepare(*network);
  const double seconds =
      seconds_per_iteration(state, [&] { benchmark::DoNotOptimize(network->activate_batch(inputs)); });
  forward_seconds()[state.range(0)] = seconds;
  state.counters["us_per_image"] = seconds * 1e6 / kBatch;
}

void BM_TrainingStep(benchmark::State& state) {
  const Setup s = setup(state.range(0));
  TrainingSettings settings = evaluation_settings(s.config).training;
  settings.batch_size = kBatch;
  RandomStream random(1, 0, 0, Purpose::training);
  GenomeTrainer trainer(s.genome, *s.task->training_objective(), settings, random);
  const double seconds = seconds_per_iteration(state, [&] { benchmark::DoNotOptimize(trainer.step()); });
  state.counters["us_per_image"] = seconds * 1e6 / kBatch;
  if (const auto forward = forward_seconds().find(state.range(0)); forward != forward_seconds().end())
    state.counters["vs_forward"] = seconds / forward->second;
}

}  // namespace

BENCHMARK(BM_Forward)->DenseRange(0, 3)->ArgName("config")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TrainingStep)->DenseRange(0, 3)->ArgName("config")->Unit(benchmark::kMillisecond);
