// /training/schedule: the cosine schedule's values exactly where they are known (start,
// middle, end, beyond), that it only falls, that a run's genomes train at their generation's
// rate and `convneat train` anneals over its steps.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "cli_support.hpp"
#include "experiments/tasks/xor_task.hpp"
#include "genome/genome_json.hpp"
#include "neat/evaluator.hpp"
#include "neat/population.hpp"
#include "test_support.hpp"
#include "training/genome_training.hpp"

using namespace convneat;
using namespace convneat::testing;

TEST_CASE("a constant schedule keeps the rate everywhere") {
  const ScheduleSettings constant{LearningRateSchedule::constant, 0.0};
  for (const double progress : {-1.0, 0.0, 0.3, 1.0, 2.0}) CHECK(scheduled_learning_rate(0.01, constant, progress) == 0.01);
}

TEST_CASE("a cosine schedule starts at the rate, halves the way at mid-run, ends at the final rate and only falls") {
  const ScheduleSettings cosine{LearningRateSchedule::cosine, 0.001};
  CHECK(scheduled_learning_rate(0.009, cosine, 0.0) == 0.009);
  CHECK(scheduled_learning_rate(0.009, cosine, 0.5) == Approx(0.005).epsilon(1e-14));
  CHECK(scheduled_learning_rate(0.009, cosine, 0.25) == Approx(0.001 + 0.008 * (0.5 + 0.5 * std::sqrt(0.5))));
  CHECK(scheduled_learning_rate(0.009, cosine, 1.0) == Approx(0.001).epsilon(1e-14));
  CHECK(scheduled_learning_rate(0.009, cosine, 3.0) == scheduled_learning_rate(0.009, cosine, 1.0));
  CHECK(scheduled_learning_rate(0.009, cosine, -1.0) == 0.009);
  double previous = 0.009;
  for (int step = 1; step <= 100; ++step) {
    const double rate = scheduled_learning_rate(0.009, cosine, step / 100.0);
    CHECK(rate < previous);
    previous = rate;
  }
}

TEST_CASE("a generation trains at its share of the run, and at the start rate when the run has no length") {
  TrainingSettings settings;
  settings.optimiser.learning_rate = 0.02;
  settings.schedule = {LearningRateSchedule::cosine, 0.0};
  settings.generations = 200;
  CHECK(for_generation(settings, 0).optimiser.learning_rate == 0.02);
  CHECK(for_generation(settings, 100).optimiser.learning_rate == Approx(0.01).epsilon(1e-14));
  CHECK(for_generation(settings, 150).optimiser.learning_rate == Approx(0.01 * (1.0 - std::sqrt(0.5))));
  settings.generations = 0;
  CHECK(for_generation(settings, 150).optimiser.learning_rate == 0.02);
}

TEST_CASE("a genome of a late generation is trained at the schedule's rate there", "[training]") {
  NeatConfig config = xor_config(5);
  config.population_size = 10;
  config.stop.max_generations = 40;
  config.training.mode = TrainingMode::lamarckian;
  config.training.steps = 15;
  config.training.optimiser.learning_rate = 0.2;
  config.training.schedule = {LearningRateSchedule::cosine, 0.02};
  const EvaluationSettings settings = evaluation_settings(config);
  CHECK(settings.training.generations == 40);
  const Genome genome = Population(config).genomes().front();
  const std::size_t generation = 30;
  const Evaluation evaluation = evaluate_genome(genome, XorTask(), settings, generation);
  REQUIRE(evaluation.trained.has_value());

  const auto trained_at = [&](double rate) {
    TrainingSettings by_hand = settings.training;
    by_hand.schedule = {};
    by_hand.optimiser.learning_rate = rate;
    Genome trained = genome;
    RandomStream random(config.seed, generation, genome.id, Purpose::training);
    train_genome(trained, *XorTask().training_objective(), by_hand, random);
    return genome_to_json(trained);
  };
  const double rate = 0.2 - (0.2 - 0.02) * 0.5 * (1.0 - std::cos(std::numbers::pi * (30.0 / 40.0)));
  CHECK(genome_to_json(*evaluation.trained) == trained_at(rate));
  CHECK(genome_to_json(*evaluation.trained) != trained_at(0.2));
}

TEST_CASE("convneat train anneals over its steps and records the schedule") {
  ScratchDirectory scratch("train-schedule");
  run_ok("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") + " --out " +
         shell_quote((scratch / "run").string()));
  const std::string train = "train " + shell_quote((scratch / "run").string()) +
                            " --steps 40 --set training.learning_rate=0.1 --out ";
  run_ok(train + shell_quote((scratch / "constant.json").string()));
  run_ok(train + shell_quote((scratch / "cosine.json").string()) + " --set training.schedule=cosine");
  run_ok(train + shell_quote((scratch / "flat_cosine.json").string()) +
         " --set training.schedule=cosine --set training.final_learning_rate=0.1");
  const auto genome_in = [&](const char* file) {
    return nlohmann::json::parse(read_text(scratch / file)).at("genome");
  };
  CHECK(genome_in("cosine.json") != genome_in("constant.json"));
  CHECK(genome_in("flat_cosine.json") == genome_in("constant.json"));  // annealing toward the start rate: none
  const auto cosine = nlohmann::json::parse(read_text(scratch / "cosine.json")).at("trained").at("training");
  CHECK(cosine.at("schedule") == "cosine");
  CHECK(cosine.at("final_learning_rate") == 0.0);
  const CliResult refused = run_cli("train " + shell_quote((scratch / "run").string()) +
                                    " --set training.schedule=linear --out " + shell_quote((scratch / "bad.json").string()));
  CHECK(refused.exit_code != 0);
  CHECK_THAT(refused.output, Catch::Contains("/training/schedule") && Catch::Contains("\"cosine\""));
}
