// The dynamic threshold holds the species count near its target on every task family: XOR
// (small genomes, δ of order 1), the double pole with and without velocities (1,000 genomes
// a few mutations apart, where the count is a steep function of the threshold and feedback
// control swings), digits, Fashion-MNIST and aligned_parts (front ends and hundreds of readout
// connections, δ between relatives a few hundredths: on digits and Fashion-MNIST additive
// control sits at its floor with one or two species). The bands are the target ± 25 % from generation 30 on, over
// several seeds. Runs never stop at a solution; once the pole is balanced every genome runs
// the whole episode, so the pole runs here are 40 generations.
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

enum class Control { additive, proportional, search };

void control_species(NeatConfig& config, Control control) {
  auto& controller = config.species.threshold_controller;
  if (control == Control::additive) {
    controller.kind = ThresholdControl::additive;
    return;
  }
  controller.kind = control == Control::search ? ThresholdControl::search : ThresholdControl::proportional;
  controller.gain = 1.0;
  controller.minimum = 1e-6;
  config.species.merge_species = true;
}

const char* control_name(Control control) {
  return control == Control::additive ? "additive" : control == Control::search ? "search" : "proportional";
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
                       Control control) {
  const auto loaded = load_experiment(config_file);
  const auto task = make_task(loaded.config.task, config_file);
  BandShare band;
  for (const std::uint64_t seed : seeds) {
    NeatConfig config = loaded.config;
    config.seed = seed;
    config.stop.max_generations = generations;
    config.threads = 1;
    control_species(config, control);
    fit_genome_to_task(config, loaded.document, *task, config_file);
    const double target = static_cast<double>(config.species.threshold_controller.target);
    const std::vector<std::size_t> counts = species_counts(config, *task);
    for (std::size_t g = 30; g < counts.size(); ++g) {
      const double count = static_cast<double>(counts[g]);
      band.inside += count >= 0.75 * target && count <= 1.25 * target;
      ++band.generations;
    }
  }
  std::cout << config_file << ' ' << control_name(control) << ": " << band.inside << " of " << band.generations
            << " generations in the band\n";
  return band;
}

bool has_dataset(const std::filesystem::path& path, const char* package) {
  if (std::filesystem::exists(path)) return true;
  WARN(std::string(package) + " is not installed: " + path.string() + " is missing, the test is skipped");
  return false;
}

}  // namespace

TEST_CASE("XOR: proportional control with merging holds 6-10 species in most generations from 30 on",
          "[speciation]") {
  // Measured 612 of 700 over seeds 1-10 (additive control, the default: 71 of 210 over seeds 1-3).
  CHECK(held_in_band(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json", {1, 2, 3, 4, 5}, 100, Control::proportional)
            .share() >= 0.75);
}

TEST_CASE("digits: proportional control with merging holds 6-10 species where additive control cannot",
          "[speciation][datasets][long]") {
  if (!has_dataset(kDigitsFile, "python3-sklearn")) return;
  const char* digits = CONVNEAT_SOURCE_DIR "/experiments/configs/digits_shared.json";
  CHECK(held_in_band(digits, {1, 2, 3}, 80, Control::proportional).share() >= 0.8);
  CHECK(held_in_band(digits, {1}, 80, Control::additive).share() <= 0.2);  // the floor 0.3: one or two species
}

// Search control: every generation from 30 on in the band, on each task family.
TEST_CASE("search control holds 6-10 species on XOR and aligned_parts in every generation from 30 on",
          "[speciation]") {
  CHECK(held_in_band(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json", {1, 2, 3, 4, 5}, 60, Control::search)
            .share() == 1.0);
  CHECK(held_in_band(CONVNEAT_SOURCE_DIR "/experiments/configs/aligned_parts_shared.json", {1, 2, 3}, 40,
                     Control::search)
            .share() == 1.0);
}

TEST_CASE("search control holds 6-10 species on the double pole with and without velocities",
          "[speciation][long]") {
  // Proportional control swings on DPNV: 122 of 210 generations in the band over seeds 1-3,
  // one seed between 1 and 21 species (bench/species_control.sh).
  CHECK(held_in_band(CONVNEAT_SOURCE_DIR "/experiments/configs/double_pole.json", {1, 2, 3}, 40, Control::search)
            .share() == 1.0);
  CHECK(held_in_band(CONVNEAT_SOURCE_DIR "/experiments/configs/double_pole_nv.json", {1, 2}, 40, Control::search)
            .share() == 1.0);
}

TEST_CASE("search control holds 6-10 species on digits and Fashion-MNIST", "[speciation][datasets][long]") {
  if (has_dataset(kDigitsFile, "python3-sklearn"))
    CHECK(held_in_band(CONVNEAT_SOURCE_DIR "/experiments/configs/digits_shared.json", {1, 2, 3}, 40, Control::search)
              .share() == 1.0);
  if (has_dataset(kFashionMnistFolder, "dataset-fashion-mnist"))
    CHECK(held_in_band(CONVNEAT_SOURCE_DIR "/experiments/configs/fashion_mnist_shared.json", {1, 2}, 35,
                       Control::search)
              .share() == 1.0);
}

TEST_CASE("with proportional or search control and merging a run resumes byte for byte and ignores the thread count",
          "[speciation]") {
  using namespace convneat::testing;
  for (const char* control : {"proportional", "search"}) {
    INFO(control);
    ScratchDirectory scratch(std::string("species-control-") + control);
    const std::string run = "run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                            " --set stop.when_solved=false --set species.threshold_control=" + control +
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
}

TEST_CASE("search control without merging is refused by name", "[speciation]") {
  using namespace convneat::testing;
  ScratchDirectory scratch("species-search-refused");
  const CliResult result = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                   " --set species.threshold_control=search --out " +
                                   shell_quote((scratch / "run").string()));
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("/species/merge_species: threshold_control \"search\" needs "
                                            "merge_species true"));
  CHECK(run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                " --set species.threshold_control=search --set species.dynamic_threshold=false --generations 2 --out " +
                shell_quote((scratch / "fixed").string()))
            .exit_code == 0);  // a fixed threshold is not steered, so nothing needs merging
}
