// The dynamic threshold's proportional control with species merging holds the species count
// near its target: XOR (small genomes, δ of order 1) and digits (a front end and ~650 readout
// connections, δ between relatives a few hundredths, where additive control sits at its floor
// with one or two species). Measured over several seeds; the bands are the issue's ±25 %. The
// pole tasks are measured by bench/species_control.sh, not here: once solved, every
// balancing genome runs 100,000 steps, minutes a run.
#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>

#include "cli_support.hpp"
#include "experiments/config_file.hpp"
#include "experiments/tasks/image_datasets.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "neat/population.hpp"
#include "neat/tbb_evaluator.hpp"

using namespace convneat;

namespace {

void control_species(NeatConfig& config) {
  config.species.threshold_controller.kind = ThresholdControl::proportional;
  config.species.threshold_controller.gain = 1.0;
  config.species.threshold_controller.minimum = 1e-6;
  config.species.merge_species = true;
}

// The species count of every generation of a run without stopping early.
std::vector<std::size_t> species_counts(NeatConfig config, const Task& task) {
  config.stop.stop_when_solved = false;
  Population population(config);
  TbbEvaluator evaluator(task, evaluation_settings(config));
  std::vector<std::size_t> counts;
  for (std::size_t g = 0; g < config.stop.max_generations; ++g) {
    population.evaluate(evaluator);
    counts.push_back(population.species().species().size());
    population.advance();
  }
  return counts;
}

struct BandShare {
  std::size_t inside = 0, generations = 0;
  double share() const { return static_cast<double>(inside) / static_cast<double>(generations); }
};

// Of the generations from 30 on, how many held target ± 25 % species, over every seed.
BandShare held_in_band(const char* config_file, std::initializer_list<std::uint64_t> seeds, std::size_t generations,
                       bool controlled) {
  const auto loaded = load_experiment(config_file);
  const auto task = make_task(loaded.config.task, config_file);
  BandShare band;
  for (const std::uint64_t seed : seeds) {
    NeatConfig config = loaded.config;
    config.seed = seed;
    config.stop.max_generations = generations;
    config.threads = 1;
    if (controlled)
      control_species(config);
    else
      config.species.threshold_controller.kind = ThresholdControl::additive;
    fit_genome_to_task(config, loaded.document, *task, config_file);
    const double target = static_cast<double>(config.species.threshold_controller.target);
    const std::vector<std::size_t> counts = species_counts(config, *task);
    for (std::size_t g = 30; g < counts.size(); ++g) {
      const double count = static_cast<double>(counts[g]);
      band.inside += count >= 0.75 * target && count <= 1.25 * target;
      ++band.generations;
    }
  }
  std::cout << config_file << (controlled ? " proportional, merging: " : " additive: ") << band.inside << " of "
            << band.generations << " generations in the band\n";
  return band;
}

}  // namespace

TEST_CASE("XOR: proportional control with merging holds 6-10 species in most generations from 30 on",
          "[speciation]") {
  // Measured 612 of 700 over seeds 1-10 (additive control, the default: 71 of 210 over seeds 1-3).
  CHECK(held_in_band(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json", {1, 2, 3, 4, 5}, 100, true).share() >= 0.75);
}

TEST_CASE("digits: proportional control with merging holds 6-10 species where additive control cannot",
          "[speciation][datasets][long]") {
  if (!std::filesystem::exists(kDigitsFile)) {
    WARN("python3-sklearn is not installed: the digits speciation test is skipped");
    return;
  }
  const char* digits = CONVNEAT_SOURCE_DIR "/experiments/configs/digits_shared.json";
  CHECK(held_in_band(digits, {1, 2, 3}, 80, true).share() >= 0.8);
  CHECK(held_in_band(digits, {1}, 80, false).share() <= 0.2);  // the floor 0.3: one or two species
}

TEST_CASE("with proportional control and merging a run resumes byte for byte and ignores the thread count",
          "[speciation]") {
  using namespace convneat::testing;
  ScratchDirectory scratch("species-control");
  const std::string run = "run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                          " --set stop.when_solved=false --set species.threshold_control=proportional"
                          " --set species.merge_species=true";
  const auto out = [&](const char* name) { return " --out " + shell_quote((scratch / name).string()); };
  run_ok(run + out("straight") + " --generations 40 --set evaluation.threads=1");
  run_ok(run + out("two_threads") + " --generations 40 --set evaluation.threads=2");
  run_ok(run + out("split") + " --generations 20 --set evaluation.threads=1");
  run_ok(run + " --generations 40 --set evaluation.threads=1 --resume " +
         shell_quote((scratch / "split" / "checkpoint.cbor").string()));
  for (const char* other : {"two_threads", "split"}) {
    CHECK(read_text(scratch / "straight" / "species.csv") == read_text(scratch / other / "species.csv"));
    CHECK(deterministic_rows(scratch / "straight" / "generations.csv") ==
          deterministic_rows(scratch / other / "generations.csv"));
  }
}
