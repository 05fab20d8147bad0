// Gradient training inside evolution (/training/mode): Lamarckian populations hold the
// trained values, Baldwinian ones keep their evolved values while the champion holds the
// trained copy that was scored; both are bit-identical for 1 and 2 threads and resume
// exactly from a checkpoint; what cannot be trained is refused at start with the key.
#include <catch2/catch.hpp>

#include "cli_support.hpp"
#include "experiments/tasks/xor_task.hpp"
#include "genome/genome_json.hpp"
#include "neat/population.hpp"
#include "neat/tbb_evaluator.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

NeatConfig trained_xor_config(TrainingMode mode, std::uint64_t seed = 11) {
  NeatConfig config = xor_config(seed);
  config.population_size = 30;
  config.genome.add_node_rate = 0.2;
  config.stop.stop_when_solved = false;
  config.stop.max_generations = 6;
  config.training.mode = mode;
  config.training.steps = 10;
  config.training.optimiser.learning_rate = 0.1;
  return config;
}

std::vector<double> weights_of(const std::vector<Genome>& genomes) {
  std::vector<double> weights;
  for (const Genome& genome : genomes)
    for (const ConnectionGene& c : genome.connections) weights.push_back(c.weight);
  return weights;
}

// The fitness of the genome's own phenotype, untrained.
double own_fitness(const Genome& genome, const NeatConfig& config) {
  EvaluationSettings untrained = evaluation_settings(config);
  untrained.training.mode = TrainingMode::off;
  return evaluate_genome(genome, XorTask(), untrained, 0).fitness;
}

std::vector<std::string> champions_of_run(const NeatConfig& config, std::size_t threads) {
  Population population(config);
  EvaluationSettings settings = evaluation_settings(config);
  settings.threads = threads;
  const XorTask task;
  TbbEvaluator evaluator(task, settings);
  std::vector<std::string> champions;
  for (std::size_t g = 0; g < config.stop.max_generations; ++g) {
    population.evaluate(evaluator);
    champions.push_back(genome_to_json(*population.champion()).dump());
    champions.push_back(genome_to_json(population.genomes().back()).dump());
    population.advance();
  }
  return champions;
}

// A population's first generation evaluated with training, and its genes' weights before.
struct FirstTrainedGeneration {
  NeatConfig config;
  Population population;
  std::vector<double> evolved;

  explicit FirstTrainedGeneration(TrainingMode mode)
      : config(trained_xor_config(mode)), population(config), evolved(weights_of(population.genomes())) {
    const XorTask task;
    TbbEvaluator evaluator(task, evaluation_settings(config));
    population.evaluate(evaluator);
  }
};

}  // namespace

TEST_CASE("Lamarckian training writes the trained values into the population's genes", "[training]") {
  const FirstTrainedGeneration first(TrainingMode::lamarckian);
  const auto& [config, population, evolved] = first;
  const std::vector<double> after = weights_of(population.genomes());
  REQUIRE(after.size() == evolved.size());
  std::size_t changed = 0;
  for (std::size_t i = 0; i < after.size(); ++i) changed += after[i] != evolved[i];
  CHECK(changed > after.size() / 2);
  for (const Genome& genome : population.genomes()) CHECK(own_fitness(genome, config) == genome.fitness);
}

TEST_CASE("Baldwinian training keeps the evolved genes, and the champion is the trained copy that was scored",
          "[training]") {
  const FirstTrainedGeneration first(TrainingMode::baldwinian);
  const auto& [config, population, evolved] = first;
  CHECK(weights_of(population.genomes()) == evolved);
  const Genome& champion = *population.champion();
  const auto same_id = std::find_if(population.genomes().begin(), population.genomes().end(),
                                    [&](const Genome& g) { return g.id == champion.id; });
  REQUIRE(same_id != population.genomes().end());
  CHECK(weights_of({champion}) != weights_of({*same_id}));
  CHECK(own_fitness(champion, config) == champion.fitness);
  CHECK(own_fitness(*same_id, config) < champion.fitness);
}

TEST_CASE("Trained runs are identical with 1 and 2 threads", "[training]") {
  const auto mode = GENERATE(TrainingMode::baldwinian, TrainingMode::lamarckian);
  CAPTURE(kTrainingModes.name(mode));
  const NeatConfig config = trained_xor_config(mode);
  CHECK(champions_of_run(config, 1) == champions_of_run(config, 2));
  CHECK(champions_of_run(config, 2) != champions_of_run(trained_xor_config(TrainingMode::off), 2));
}

TEST_CASE("A trained run resumed from its checkpoint ends byte for byte as the straight run", "[training]") {
  const auto mode = GENERATE(std::string("baldwinian"), std::string("lamarckian"));
  ScratchDirectory scratch("trained-resume");
  const std::string run = "run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                          " --set stop.when_solved=false --set training.mode=" + mode + " --set training.steps=5";
  run_ok(run + " --generations 8 --out " + shell_quote((scratch / "straight").string()));
  run_ok(run + " --generations 4 --out " + shell_quote((scratch / "split").string()));
  run_ok(run + " --generations 8 --resume " + shell_quote((scratch / "split" / "checkpoint.cbor").string()));
  CHECK(read_text(scratch / "straight" / "champion.json") == read_text(scratch / "split" / "champion.json"));
  CHECK(deterministic_rows(scratch / "straight" / "generations.csv") ==
        deterministic_rows(scratch / "split" / "generations.csv"));
}

TEST_CASE("An annealed trained run resumed from its checkpoint ends as the straight run, and keeps its length",
          "[training]") {
  NeatConfig config = trained_xor_config(TrainingMode::lamarckian);
  config.stop.max_generations = 8;
  config.training.schedule = {LearningRateSchedule::cosine, 0.01};
  const XorTask task;
  const auto run_to = [&](Population& population, std::size_t end) {
    TbbEvaluator evaluator(task, evaluation_settings(config));
    while (population.generation() < end) {
      population.evaluate(evaluator);
      population.advance();
    }
    return weights_of(population.genomes());
  };
  Population straight(config);
  const std::vector<double> straight_weights = run_to(straight, 8);
  Population first_half(config);
  run_to(first_half, 4);
  Population resumed = Population::restore(config, first_half.save_state());
  CHECK(run_to(resumed, 8) == straight_weights);

  ScratchDirectory scratch("annealed-resume");
  const std::string run = "run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                          " --set stop.when_solved=false --set training.mode=lamarckian --set training.steps=5"
                          " --set training.schedule=cosine";
  run_ok(run + " --generations 4 --out " + shell_quote((scratch / "split").string()));
  const CliResult longer =
      run_cli(run + " --generations 8 --resume " + shell_quote((scratch / "split" / "checkpoint.cbor").string()));
  CHECK(longer.exit_code != 0);
  CHECK_THAT(longer.output, Catch::Contains("/stop/max_generations") && Catch::Contains("anneals"));
}

TEST_CASE("Training a task without a differentiable loss, recurrent genomes, or nothing at all is refused at start",
          "[training]") {
  const CliResult pole = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/single_pole.json") +
                                 " --set training.mode=lamarckian --out /nonexistent/never");
  CHECK(pole.exit_code == 2);
  CHECK_THAT(pole.output, Catch::Contains("/training/mode: task \"single_pole\" has no differentiable loss"));
  const CliResult recurrent = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                      " --set training.mode=baldwinian --set genome.feed_forward=false"
                                      " --out /nonexistent/never");
  CHECK(recurrent.exit_code == 2);
  CHECK_THAT(recurrent.output, Catch::Contains("/training/mode: gradient training needs feed-forward genomes"));
  const CliResult unknown = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                    " --set training.mode=darwinian --out /nonexistent/never");
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.output, Catch::Contains("/training/mode: expected one of \"off\", \"baldwinian\", \"lamarckian\""));
  const CliResult no_graph = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                     " --set training.mode=lamarckian --set training.graph=false --out /nonexistent/never");
  CHECK(no_graph.exit_code == 2);
  CHECK_THAT(no_graph.output, Catch::Contains("/training/graph: false leaves nothing to train in a genome without spatial"));
  std::string all_off = " --set training.mode=lamarckian";
  for (const char* kind : {"graph", "kernels", "biases", "normalisation", "centroids", "shapes"})
    all_off += std::string(" --set training.") + kind + "=false";
  const CliResult nothing = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/digits_centroid.json") +
                                    all_off + " --out /nonexistent/never");
  CHECK(nothing.exit_code == 2);
  CHECK_THAT(nothing.output, Catch::Contains("/training: graph, kernels, biases, normalisation, centroids and shapes are all false"));
}
