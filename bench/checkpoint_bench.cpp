// What one checkpoint costs, printed by Google Benchmark:
//   BM_Checkpoint/format:F   the population's state taken, encoded, checksummed, written and
//                            synced (write_checkpoint), F = 0 binary (checkpoint.cbor), 1 JSON.
// The population: 150 start genomes shaped like a Fashion-MNIST readout, 196 features and the
// bias fully connected to 10 classes (1,970 connections each, as in fashion_mnist_shared's
// genomes, whose checkpoints are mostly these lists); not yet speciated, so without species
// representatives. Counters: MB (the file's size) and MB_per_s.
// The whole-run figure (a checkpoint every generation against the final one alone) is
// bench/run_speed.sh's.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include <unistd.h>

#include "neat/checkpoint.hpp"
#include "neat/population.hpp"

using namespace convneat;

namespace {

void BM_Checkpoint(benchmark::State& state) {
  const auto format = state.range(0) == 0 ? CheckpointFormat::binary : CheckpointFormat::json;
  NeatConfig config;
  config.seed = 7;
  config.population_size = 150;
  config.genome.num_inputs = 196;
  config.genome.num_outputs = 10;
  const Population population(config);
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("convneat-checkpoint-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const std::filesystem::path path = folder / checkpoint_file_name(format);
  std::string buffer;  // kept from one checkpoint to the next, as the run's reporter keeps it
  for (auto _ : state) write_checkpoint(path, population, 0.0, nullptr, format, buffer);
  const auto bytes = static_cast<double>(std::filesystem::file_size(path));
  std::filesystem::remove_all(folder);
  state.counters["MB"] = bytes / 1e6;
  state.counters["MB_per_s"] =
      benchmark::Counter(bytes / 1e6 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Checkpoint)->Arg(0)->Arg(1)->ArgName("format")->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
