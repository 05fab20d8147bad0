// What selection ranks genomes by (neat/selection.hpp): the scores of each objective, the
// minimal criterion, the config checks, and whole runs — novelty search, the blend and NSGA-II
// solve XOR, resume byte for byte with the archive in the checkpoint and ignore the thread count.
#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>

#include "cli_support.hpp"
#include "seed_runs.hpp"
#include "experiments/config_file.hpp"
#include "experiments/pareto_front_file.hpp"
#include "experiments/tasks/pole_balancing_task.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "neat/population.hpp"
#include "neat/selection.hpp"
#include "neat/tbb_evaluator.hpp"

using namespace convneat;

namespace {

const char* const kXor = CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json";

std::vector<Genome> with_fitness(std::initializer_list<double> fitness) {
  std::vector<Genome> genomes;
  for (double f : fitness) genomes.emplace_back().fitness = f;
  return genomes;
}

// A task that describes no behaviour.
class SilentTask final : public Task {
 public:
  std::string name() const override { return "silent"; }
  std::size_t input_count() const override { return 2; }
  std::size_t output_count() const override { return 1; }
  TaskResult evaluate(Network&, EvaluationContext&) const override { return {1.0, false}; }
};

struct XorOutcome {
  std::size_t solved = 0;
  double final_parameters = 0.0;  // mean over seeds of the final population's mean parameter count
};

XorOutcome run_xor(SelectionObjective objective, std::size_t seeds, bool stop_when_solved = true) {
  XorOutcome outcome;
  const auto adjust = [&](NeatConfig& config) {
    config.selection.objective = objective;
    config.stop.stop_when_solved = stop_when_solved;
  };
  testing::run_seeds(kXor, seeds, adjust, [&](const Population& population, const RunResult& result) {
    outcome.solved += result.solved ? 1 : 0;
    double parameters = 0.0;
    for (const Genome& genome : population.genomes()) parameters += static_cast<double>(genome_parameter_count(genome));
    outcome.final_parameters += parameters / static_cast<double>(population.genomes().size()) / static_cast<double>(seeds);
  });
  return outcome;
}

}  // namespace

TEST_CASE("fitness selection ranks by the task's fitness, untouched") {
  SelectionConfig config;
  const std::vector<Genome> genomes = with_fitness({3, -1, 2});
  CHECK(selection_scores(config, genomes, {}, in_the_running(config, genomes, {false, false, false})) ==
        std::vector<double>{3, -1, 2});
  CHECK_FALSE(config.uses_novelty());
}

TEST_CASE("blend: (1 - w) fitness + w novelty, each scaled to [0, 1] over the genomes in the running") {
  SelectionConfig config;
  config.objective = SelectionObjective::blend;
  config.novelty_weight = 0.25;
  // The last genome failed: the fitness it was given (just below the lowest) must not stretch the scale of the others.
  const std::vector<Genome> genomes = with_fitness({1, 2, 3, -1e-300});
  const std::vector<double> scores =
      selection_scores(config, genomes, {1, 3, 2, 0}, in_the_running(config, genomes, {false, false, false, true}));
  CHECK(scores[0] == 0.0);  // lowest fitness, lowest novelty
  CHECK(scores[1] == 0.75 * 0.5 + 0.25 * 1.0);
  CHECK(scores[2] == 0.75 * 1.0 + 0.25 * 0.5);
  CHECK(scores[3] == 0.0);
  CHECK(config.uses_novelty());
}

TEST_CASE("the minimal criterion and a failed evaluation take a genome out of the running, under any objective") {
  SelectionConfig config;
  config.minimal_criterion = 1.5;
  const std::vector<Genome> genomes = with_fitness({1, 2, 3, 4});
  const std::vector<bool> running = in_the_running(config, genomes, {false, false, false, true});
  CHECK(running == std::vector<bool>{false, true, true, false});
  config.objective = SelectionObjective::novelty;
  CHECK(selection_scores(config, genomes, {5, 4, 3, 9}, running) == std::vector<double>{0, 4, 3, 0});
  config.objective = SelectionObjective::fitness;  // "lowest" is min(0, every fitness): never above a genome's
  CHECK(selection_scores(config, with_fitness({-2, 2, 3, 4}), {}, running) == std::vector<double>{-2, 2, 3, -2});
}

TEST_CASE("pareto: NSGA-II's crowded scores over fitness and (fewer) parameters, among the genomes in the running") {
  SelectionConfig config;
  config.objective = SelectionObjective::pareto;
  std::vector<Genome> genomes = with_fitness({1, 2, 2, -1e-300});
  // Parameters: 1 (an output node), 2 (and a connection), 3; the failed genome has none at all.
  for (std::size_t i = 0; i < 3; ++i) {
    genomes[i].nodes.push_back({10, NodeKind::output});
    for (std::size_t c = 0; c < i; ++c) genomes[i].connections.push_back({c, 0, 10, 1.0, true});
  }
  CHECK(genome_parameter_count(genomes[2]) == 3);
  const std::vector<ObjectiveVector> points = pareto_points(config, genomes, {});
  CHECK(points[2] == ObjectiveVector{2, -3});
  const std::vector<bool> running = in_the_running(config, genomes, {false, false, false, true});
  // (1, -1) and (2, -2) are the front; (2, -3) is dominated by (2, -2). The failed genome, with
  // the fewest parameters, would be on the front if it counted.
  const std::vector<double> scores = selection_scores(config, genomes, {}, running);
  const std::vector<double> ranked = crowded_scores({points[0], points[1], points[2]});
  CHECK(std::vector<double>(scores.begin(), scores.begin() + 3) == ranked);
  CHECK(scores[3] == 0.0);
  CHECK(scores[2] < scores[0]);
  CHECK(first_front(points, running) == std::vector<std::size_t>{0, 1});
}

TEST_CASE("the config is checked against the task: novelty needs behaviour, NSGA-II distinct objectives") {
  const auto loaded = load_experiment(kXor);
  SilentTask silent;
  NeatConfig config = loaded.config;
  config.selection.objective = SelectionObjective::novelty;
  CHECK_THROWS_WITH(fit_genome_to_task(config, loaded.document, silent, "x.json"),
                    "x.json: /selection/objective: \"novelty\" needs the task to describe behaviour, and task "
                    "\"silent\" does not (docs/selection.md lists those that do)");
  config.selection.objective = SelectionObjective::pareto;
  config.selection.objectives = {ParetoObjective::fitness, ParetoObjective::fitness};
  CHECK_THROWS_WITH(fit_genome_to_task(config, loaded.document, silent, "x.json"), Catch::Contains("named twice"));
  config.selection.objectives = {ParetoObjective::fitness};
  CHECK_THROWS_WITH(fit_genome_to_task(config, loaded.document, silent, "x.json"), Catch::Contains("at least two"));
  config.selection.objectives = {ParetoObjective::fitness, ParetoObjective::novelty};
  CHECK_THROWS_WITH(fit_genome_to_task(config, loaded.document, silent, "x.json"),
                    Catch::Contains("x.json: /selection/objectives: \"novelty\" needs the task"));
  config.selection.objectives = {ParetoObjective::fitness, ParetoObjective::parameters};
  CHECK_NOTHROW(fit_genome_to_task(config, loaded.document, silent, "x.json"));
}

TEST_CASE("a pole task's behaviour: x and theta1 after decisions 1, 2, 4, 8, the last state standing in, and "
          "the log of the time balanced") {
  TrajectorySample trajectory(8);
  for (int step = 1; step <= 5; ++step) {
    CartPoleState state{};
    state.x = 4.8 * step;
    state.theta1 = 0.52 * -step;
    trajectory.observe(state);
  }
  const Behaviour behaviour = trajectory.finish(5, CartPoleState{});
  const Behaviour expected{1, -1, 2, -2, 4, -4, 5, -5, std::log1p(5.0) / std::log1p(8.0)};
  REQUIRE(behaviour.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(behaviour[i] == Approx(expected[i]).epsilon(1e-12));
  // A genome that fails at once is described by the start state.
  CHECK(TrajectorySample(8).finish(0, CartPoleState{}) == Behaviour(9, 0.0));
}

TEST_CASE("XOR describes its four outputs, and only when the run asks") {
  const auto loaded = load_experiment(kXor);
  const auto xor_task = make_task(loaded.config.task, kXor);
  NeatConfig config = loaded.config;
  config.selection.objective = SelectionObjective::novelty;
  fit_genome_to_task(config, loaded.document, *xor_task, kXor);
  Population population(config);
  TbbEvaluator evaluator(*xor_task, evaluation_settings(config));
  const std::vector<Evaluation> results = evaluator.evaluate(population.genomes(), 0);
  for (const Evaluation& result : results) {
    REQUIRE(result.behaviour.size() == 4);
    for (double output : result.behaviour) CHECK((output >= 0.0 && output <= 1.0));
  }
  // Without novelty the task spends nothing on describing.
  TbbEvaluator plain(*xor_task, evaluation_settings(loaded.config));
  CHECK(plain.evaluate(population.genomes(), 0).front().behaviour.empty());
}

TEST_CASE("a checkpoint's archive whose behaviours the task does not describe alike is refused, naming both") {
  const auto loaded = load_experiment(kXor);
  const auto task = make_task(loaded.config.task, kXor);
  NeatConfig config = loaded.config;
  config.selection.objective = SelectionObjective::novelty;
  config.threads = 1;
  fit_genome_to_task(config, loaded.document, *task, kXor);
  Population population(config);
  TbbEvaluator evaluator(*task, evaluation_settings(config));
  population.evaluate(evaluator);
  population.advance();
  REQUIRE(population.novelty_archive().behaviours().size() == 2);  // most_novel: two a generation
  nlohmann::json state = population.save_state();
  state["novelty_archive"]["behaviours"] = {{0.1, 0.2, 0.3}};
  Population restored = Population::restore(config, state);
  CHECK_THROWS_WITH(restored.evaluate(evaluator),
                    "/population/novelty_archive: its behaviours have 3 numbers, the task describes a genome with 4");
}

TEST_CASE("novelty search, the blend and NSGA-II each solve XOR in at least 18 of 20 seeds", "[long]") {
  for (SelectionObjective objective :
       {SelectionObjective::novelty, SelectionObjective::blend, SelectionObjective::pareto}) {
    const XorOutcome outcome = run_xor(objective, 20);
    std::cout << "XOR, " << kSelectionObjectives.name(objective) << ": " << outcome.solved << " of 20 solved\n";
    CHECK(outcome.solved >= 18);
  }
}

TEST_CASE("NSGA-II over fitness and parameters keeps XOR genomes smaller than fitness alone", "[long]") {
  const XorOutcome fitness = run_xor(SelectionObjective::fitness, 20, false);
  const XorOutcome pareto = run_xor(SelectionObjective::pareto, 20, false);
  std::cout << "XOR, 100 generations: mean parameters " << fitness.final_parameters << " (fitness), "
            << pareto.final_parameters << " (pareto)\n";
  CHECK(pareto.final_parameters < 0.9 * fitness.final_parameters);
}

TEST_CASE("novelty and NSGA-II runs resume byte for byte, archive and all, and ignore the thread count",
          "[selection]") {
  using namespace convneat::testing;
  for (const char* objective : {"novelty", "pareto"}) {
    ScratchDirectory scratch(std::string("selection-") + objective);
    const std::string run = quoted(kXor) + " --set stop.when_solved=false --set selection.objective=" + objective +
                            " --set novelty.archive_rule=threshold --set novelty.archive_threshold=0.2" +
                            " --set 'selection.objectives=[\"fitness\",\"novelty\",\"parameters\"]'";
    check_resume_in_both_formats(run + " --set evaluation.threads=1", 12, 25, scratch.path());
    run_ok("run " + run + " --set evaluation.threads=2 --generations 25 --out " + quoted(scratch / "two_threads"));
    check_same_run_files(scratch / "straight", scratch / "two_threads");
    for (const char* other : {"binary", "json", "two_threads"})
      CHECK(read_text(scratch / "straight" / "selection.csv") == read_text(scratch / other / "selection.csv"));
    if (std::string(objective) == "pareto") {
      const ParetoFront front = read_pareto_front(scratch / "straight" / kParetoFrontFile);
      CHECK(front.objectives == std::vector<std::string>{"fitness", "novelty", "parameters"});
      CHECK_FALSE(front.rows.empty());
      for (const char* other : {"binary", "json", "two_threads"})
        CHECK(read_text(scratch / "straight" / kParetoFrontFile) == read_text(scratch / other / kParetoFrontFile));
    }
  }
}
