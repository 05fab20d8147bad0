// The evolution loop as a whole: determinism across thread counts and repeated runs,
// failing evaluations, extinction handling, offspring counts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <limits>
#include <map>
#include <stdexcept>

#include "experiments/tasks/xor_task.hpp"
#include "genome/genome_json.hpp"
#include "neat/population.hpp"
#include "neat/tbb_evaluator.hpp"
#include "test_support.hpp"

using namespace convneat;

namespace {

struct History final : Reporter {
  std::vector<double> best_fitness;
  std::vector<std::string> best_genome;
  std::vector<std::size_t> population_sizes, failures;
  std::size_t extinctions = 0;
  void on_generation(const GenerationReport& report, const Population& population) override {
    best_fitness.push_back(report.best_fitness);
    best_genome.push_back(genome_to_json(report.best).dump());
    population_sizes.push_back(population.genomes().size());
    failures.push_back(report.failed_evaluations);
  }
  void on_extinction(std::size_t) override { ++extinctions; }
};

History run_history(NeatConfig config, const Task& task, std::size_t threads) {
  config.threads = threads;
  Population population(config);
  TbbEvaluator evaluator(task, {.phenotype = phenotype_of(config), .seed = config.seed, .threads = threads});
  History history;
  const RunResult result = population.run(evaluator, {&history});
  history.best_genome.push_back(genome_to_json(result.champion).dump());
  return history;
}

// XOR that fails in three ways on purpose, chosen by genome id: it throws, returns NaN, or
// loops until its time limit stops it (the time limit must be set).
enum class Failure { none, throws, not_a_number, loops };

Failure planned_failure(GenomeId genome) {
  switch (genome % 10) {
    case 3: return Failure::throws;
    case 5: return Failure::not_a_number;
    case 8: return Failure::loops;
    default: return Failure::none;
  }
}

struct UnreliableTask final : Task {
  std::string name() const override { return "unreliable"; }
  std::size_t input_count() const override { return 2; }
  std::size_t output_count() const override { return 1; }
  TaskResult evaluate(Network& network, EvaluationContext& context) const override {
    switch (planned_failure(context.genome)) {
      case Failure::throws: throw std::runtime_error("simulated task failure");
      case Failure::not_a_number: return {std::nan(""), false};
      case Failure::loops:
        while (true) context.deadline.check();
      case Failure::none: break;
    }
    return XorTask().evaluate(network, context);
  }
};

// Every generation's genomes with their fitness, and what the reports said.
struct FailureLog final : Reporter {
  std::vector<GenerationReport> reports;
  std::vector<std::vector<std::pair<GenomeId, double>>> fitness;
  void on_generation(const GenerationReport& report, const Population& population) override {
    reports.push_back(report);
    fitness.emplace_back();
    for (const Genome& genome : population.genomes()) fitness.back().emplace_back(genome.id, genome.fitness);
  }
};

struct ConstantTask final : Task {
  std::string name() const override { return "constant"; }
  std::size_t input_count() const override { return 2; }
  std::size_t output_count() const override { return 1; }
  TaskResult evaluate(Network&, EvaluationContext&) const override { return {1.0, false}; }
};

// XOR-shaped tasks with a champion test that replays XOR outside evolution.
struct XorChampionTestTask : Task {
  std::size_t input_count() const override { return 2; }
  std::size_t output_count() const override { return 1; }
  bool has_champion_test() const override { return true; }

 protected:
  static TaskResult xor_outside_evolution(Network& network) {
    RandomStream unused(0);
    EvaluationContext context{0, 0, 0, unused};
    return XorTask().evaluate(network, context);
  }
};

// Claims every genome solves; only the champion test (XOR all correct) decides.
struct ChampionTestedTask final : XorChampionTestTask {
  std::string name() const override { return "champion-tested"; }
  TaskResult evaluate(Network& network, EvaluationContext& context) const override {
    return {XorTask().evaluate(network, context).fitness, true};
  }
  ChampionTestResult test_champion(const CompileNetwork& compile, ChampionTestScope) const override {
    const TaskResult xor_result = xor_outside_evolution(*compile());
    return {xor_result.solved, {{"xor_fitness", xor_result.fitness}}};
  }
};

// Fitness on the training side, a held-out score on the test side that ranks genomes the other
// way round: the run's champion must follow the score.
struct ScoredChampionTask final : XorChampionTestTask {
  std::string name() const override { return "scored-champion"; }
  TaskResult evaluate(Network& network, EvaluationContext& context) const override {
    return {XorTask().evaluate(network, context).fitness, false};
  }
  ChampionTestResult test_champion(const CompileNetwork& compile, ChampionTestScope) const override {
    ChampionTestResult result;
    result.selection_score = 4.0 - xor_outside_evolution(*compile()).fitness;
    return result;
  }
};

struct ChampionTests final : Reporter {
  std::vector<GenerationReport> reports;
  void on_generation(const GenerationReport& report, const Population&) override { reports.push_back(report); }
};

}  // namespace

TEST_CASE("a task with a champion test is solved only when that test passes") {
  NeatConfig config = testing::xor_config(11);
  const ChampionTestedTask task;
  Population population(config);
  TbbEvaluator evaluator(task, {.seed = config.seed, .threads = 2});
  ChampionTests tests;
  const RunResult result = population.run(evaluator, {&tests});
  REQUIRE(result.solved);
  REQUIRE(tests.reports.size() > 1);  // evaluate() claimed success from generation 0; it was ignored
  for (const GenerationReport& report : tests.reports) {
    REQUIRE(report.champion_test.has_value());
    CHECK(report.solved == report.champion_test->solved);
    CHECK(report.champion_test->figures.at("xor_fitness") <= 4.0);
  }
  CHECK(tests.reports.back().tested_genome == result.champion.id);
  CHECK(*result.evaluations_to_solve == tests.reports.size() * config.population_size);
}

TEST_CASE("a task's selection score, not fitness, picks the run's champion, and survives a checkpoint") {
  NeatConfig config = testing::xor_config(12);
  config.stop.stop_when_solved = false;
  config.stop.max_generations = 15;
  const ScoredChampionTask task;
  Population population(config);
  TbbEvaluator evaluator(task, {.seed = config.seed, .threads = 2});
  ChampionTests tests;
  const RunResult result = population.run(evaluator, {&tests});
  REQUIRE(tests.reports.size() == 15);
  const GenerationReport* best_scored = &tests.reports.front();
  double fittest = 0.0;
  for (const GenerationReport& report : tests.reports) {
    REQUIRE(report.champion_test->selection_score.has_value());
    if (*report.champion_test->selection_score > *best_scored->champion_test->selection_score) best_scored = &report;
    fittest = std::max(fittest, report.best_fitness);
  }
  CHECK(result.champion.id == best_scored->tested_genome);
  CHECK(result.champion.fitness < fittest);  // the fitness rule would have kept another genome

  const nlohmann::json state = population.save_state();
  CHECK(state.at("champion_score").get<double>() == *best_scored->champion_test->selection_score);
  const Population restored = Population::restore(config, state);
  CHECK(restored.save_state() == state);
}

TEST_CASE("a restored population refuses state it could not continue from") {
  NeatConfig config = testing::xor_config(4);
  Population population(config);
  nlohmann::json state = population.save_state();
  CHECK_NOTHROW(Population::restore(config, state));
  SECTION("a species member index past the genomes") {
    state["species"]["species"][0]["members"].push_back(100000);
    CHECK_THROWS_WITH(Population::restore(config, state), Catch::Contains("bad member index 100000"));
  }
  SECTION("no genomes") {
    state["genomes"] = nlohmann::json::array();
    CHECK_THROWS_WITH(Population::restore(config, state), Catch::Contains("empty"));
  }
  SECTION("a genome in no species") {
    state["species"]["species"][0]["members"].erase(0);
    CHECK_THROWS_WITH(Population::restore(config, state), Catch::Contains("belongs to no species"));
  }
  SECTION("two species with one id, or an id the next new species would take") {
    nlohmann::json twin = state["species"]["species"][0];
    twin["members"] = nlohmann::json::array({twin["members"].back()});
    state["species"]["species"][0]["members"].erase(state["species"]["species"][0]["members"].size() - 1);
    SECTION("a twin") {
      state["species"]["species"].push_back(twin);
      CHECK_THROWS_WITH(Population::restore(config, state), Catch::Contains("ids must increase"));
    }
    SECTION("an id not yet given") {
      twin["id"] = state["species"]["next_species_id"];
      state["species"]["species"].push_back(twin);
      CHECK_THROWS_WITH(Population::restore(config, state), Catch::Contains("stay below next_species_id"));
    }
    SECTION("a new id, properly counted, is accepted") {
      twin["id"] = state["species"]["next_species_id"];
      state["species"]["next_species_id"] = twin["id"].get<std::uint64_t>() + 1;
      state["species"]["species"].push_back(twin);
      CHECK_NOTHROW(Population::restore(config, state));
    }
  }
}

TEST_CASE("a 30-generation run is identical with 1, 2 and 4 threads and across repeated runs") {
  const auto policy = GENERATE(InnovationPolicyKind::fresh, InnovationPolicyKind::per_generation,
                               InnovationPolicyKind::persistent, InnovationPolicyKind::node_pair);
  CAPTURE(policy_name(policy));
  NeatConfig config = testing::xor_config(2024, policy);
  config.stop.stop_when_solved = false;
  config.stop.max_generations = 30;
  config.genome.add_node_rate = 0.2;  // grow structure so the comparison covers it
  config.genome.add_connection_rate = 0.3;
  const XorTask task;

  const History reference = run_history(config, task, 1);
  REQUIRE(reference.best_fitness.size() == 30);
  for (std::size_t threads : {2u, 4u, 1u}) {
    const History other = run_history(config, task, threads);
    CHECK(other.best_fitness == reference.best_fitness);  // exact, bit for bit
    CHECK(other.best_genome == reference.best_genome);
  }
  config.seed = 2025;  // and a different seed really changes the run
  CHECK(run_history(config, task, 2).best_genome != reference.best_genome);
}

TEST_CASE("every generation holds exactly population.size genomes") {
  NeatConfig config = testing::xor_config(5);
  config.population_size = 97;
  config.stop.stop_when_solved = false;
  config.stop.max_generations = 25;
  const History history = run_history(config, XorTask(), 2);
  for (std::size_t size : history.population_sizes) CHECK(size == 97);
}

TEST_CASE("a task that throws, returns NaN or passes its time limit gives that genome the lowest fitness") {
  NeatConfig config = testing::xor_config(9);
  config.population_size = 60;
  config.stop.stop_when_solved = false;
  config.stop.max_generations = 4;
  // Far above a valid XOR evaluation (microseconds), so only the looping genomes reach it.
  constexpr double kTimeLimit = 0.05;
  const UnreliableTask task;
  auto run_on = [&](std::size_t threads) {
    Population population(config);
    TbbEvaluator evaluator(task, {.seed = config.seed, .threads = threads, .time_limit_seconds = kTimeLimit});
    FailureLog log;
    const RunResult result = population.run(evaluator, {&log});
    return std::pair{log, result};
  };
  const auto [log, result] = run_on(2);

  REQUIRE(log.reports.size() == config.stop.max_generations);  // the run went on to its limit
  for (std::size_t g = 0; g < log.reports.size(); ++g) {
    const GenerationReport& report = log.reports[g];
    std::map<std::string, std::size_t> expected;
    double lowest_valid = std::numeric_limits<double>::infinity(), highest_failed = -lowest_valid;
    for (const auto& [id, fitness] : log.fitness[g]) {
      REQUIRE(std::isfinite(fitness));
      switch (planned_failure(id)) {
        case Failure::throws: ++expected["simulated task failure"]; break;
        case Failure::not_a_number: ++expected["non-finite fitness"]; break;
        case Failure::loops: ++expected["time limit 0.05 s exceeded"]; break;
        case Failure::none: lowest_valid = std::min(lowest_valid, fitness); continue;
      }
      highest_failed = std::max(highest_failed, fitness);
    }
    INFO("generation " << g);
    CHECK(expected.size() == 3);
    CHECK(report.failures == expected);
    CHECK(report.failed_evaluations == expected["simulated task failure"] + expected["non-finite fitness"] +
                                           expected["time limit 0.05 s exceeded"]);
    CHECK(highest_failed < lowest_valid);  // strictly the lowest of the generation
    CHECK(highest_failed < 0.0);
    CHECK(planned_failure(report.best.id) == Failure::none);
  }
  CHECK(planned_failure(result.champion.id) == Failure::none);

  const auto [one_thread_log, one_thread_result] = run_on(1);
  CHECK(one_thread_log.fitness == log.fitness);
  CHECK(genome_to_json(one_thread_result.champion) == genome_to_json(result.champion));
}

TEST_CASE("a generation whose every genome fails still goes on, and a later valid genome becomes champion") {
  NeatConfig config = testing::xor_config(4);
  config.stop.stop_when_solved = false;
  config.stop.max_generations = 3;
  struct FailsInGenerationZero final : Task {
    std::string name() const override { return "fails-first"; }
    std::size_t input_count() const override { return 2; }
    std::size_t output_count() const override { return 1; }
    TaskResult evaluate(Network& network, EvaluationContext& context) const override {
      if (context.generation == 0) throw std::runtime_error("not yet");
      return XorTask().evaluate(network, context);
    }
  } task;
  Population population(config);
  TbbEvaluator evaluator(task, {.seed = config.seed, .threads = 2});
  FailureLog log;
  const RunResult result = population.run(evaluator, {&log});
  REQUIRE(log.reports.size() == 3);
  CHECK(log.reports[0].failed_evaluations == config.population_size);
  CHECK(log.reports[0].best_fitness < 0.0);
  CHECK(log.reports[1].failed_evaluations == 0);
  CHECK(result.champion.fitness >= 0.0);  // a genome of generation 1 or 2, not a failed one
}

TEST_CASE("complete extinction reseeds or stops with a clear message, as configured") {
  NeatConfig config = testing::xor_config(3);
  config.species.max_stagnation = 1;
  config.species.species_elitism = 0;
  config.species.dynamic_threshold = false;
  config.species.compatibility_threshold = 1e6;  // one species, so its removal is extinction
  config.stop.stop_when_solved = false;
  config.stop.max_generations = 6;
  const ConstantTask task;  // no species ever improves after its first generation

  SECTION("reseed") {
    config.on_extinction = ExtinctionAction::reseed;
    const History history = run_history(config, task, 1);
    // Each population improves once (its first generation) and dies in its second: extinction
    // after generations 1 and 3; the population seeded after 3 is still alive at 5.
    CHECK(history.extinctions == 2);
    CHECK(history.best_fitness.size() == 6);
  }
  SECTION("stop") {
    config.on_extinction = ExtinctionAction::stop;
    Population population(config);
    TbbEvaluator evaluator(task, {.seed = config.seed, .threads = 1});
    CHECK_THROWS_WITH(population.run(evaluator), Catch::Contains("every species died out") &&
                                                      Catch::Contains("/population/on_extinction"));
  }
}

TEST_CASE("recurrent genomes solve XOR too: each pattern is held until it has propagated") {
  const XorTask task;
  std::size_t solved = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    NeatConfig config = testing::xor_config(seed);
    config.genome.feed_forward = false;
    config.stop.max_generations = 150;
    Population population(config);
    TbbEvaluator evaluator(task, {.phenotype = {.feed_forward = false}, .seed = seed, .threads = 1});
    solved += population.run(evaluator).solved ? 1 : 0;
  }
  std::cout << "recurrent XOR: " << solved << "/20 solved\n";
  CHECK(solved >= 16);
}

namespace {

// XOR through a TbbEvaluator, noting what a run hands prepare_while and what the population
// looks like when it does.
struct PreparingEvaluator final : Evaluator {
  PreparingEvaluator(const Task& task, const NeatConfig& config, const Population& population)
      : inner(task, {.phenotype = phenotype_of(config), .seed = config.seed, .threads = 2}), population(population) {}
  std::vector<Evaluation> evaluate(const std::vector<Genome>& genomes, std::size_t generation) override {
    evaluated.push_back({&genomes, generation});
    return inner.evaluate(genomes, generation);
  }
  void prepare_while(const std::vector<Genome>& genomes, std::size_t generation,
                     const std::function<void()>& meanwhile) override {
    prepared.push_back({&genomes, generation});
    same_genomes_as_population.push_back(&genomes == &population.genomes() && population.generation() == generation);
    meanwhile();
    std::size_t members = 0;
    for (const Species& species : population.species().species()) members += species.members.size();
    speciated_by_meanwhile.push_back(members == genomes.size());
  }
  bool has_champion_test() const override { return false; }
  ChampionTestResult test_champion(const Genome&, ChampionTestScope) override { return {}; }

  TbbEvaluator inner;
  const Population& population;
  std::vector<std::pair<const std::vector<Genome>*, std::size_t>> evaluated, prepared;
  std::vector<bool> same_genomes_as_population, speciated_by_meanwhile;
};

}  // namespace

TEST_CASE("a run lets its evaluator prepare each new generation while it is speciated") {
  NeatConfig config = testing::xor_config(11);
  config.stop.stop_when_solved = false;
  config.stop.max_generations = 12;
  const XorTask task;
  Population population(config);
  PreparingEvaluator evaluator(task, config, population);
  History history;
  population.run(evaluator, {&history});

  // Every generation after the first is prepared once, before it is evaluated, with the very
  // genomes evaluate() then receives; `meanwhile` is the speciation.
  REQUIRE(evaluator.evaluated.size() == 12);
  REQUIRE(evaluator.prepared.size() == 11);
  for (std::size_t g = 1; g < 12; ++g) {
    CHECK(evaluator.prepared[g - 1] == evaluator.evaluated[g]);
    CHECK(evaluator.evaluated[g].second == g);
  }
  CHECK(std::all_of(evaluator.same_genomes_as_population.begin(), evaluator.same_genomes_as_population.end(),
                    [](bool same) { return same; }));
  CHECK(std::all_of(evaluator.speciated_by_meanwhile.begin(), evaluator.speciated_by_meanwhile.end(),
                    [](bool speciated) { return speciated; }));
  // The default prepare_while (only speciating) gives the same run.
  History plain = run_history(config, task, 2);
  plain.best_genome.pop_back();  // run_history's last entry is the run's champion
  CHECK(plain.best_genome == history.best_genome);
  CHECK(plain.best_fitness == history.best_fitness);
}
