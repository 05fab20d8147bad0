// Pole-balancing success rates with the shipped configs (experiments/configs/), the
// statistical acceptance tests of the pole tasks. Each run stops at its config's
// /stop/max_evaluations: SPV 10,000, DPV 20,000 (over 4× the worst of 300 tuning seeds),
// DPNV 200,000 (about 8× the mean of 50 seeds). Prints the evaluations to solve, counted
// as every evaluation of the generation that solved. Figures to compare with (spec): NEAT
// needs 3,600 evaluations for DPV and 33,184 for DPNV (Stanley & Miikkulainen 2002).
#include <catch2/catch.hpp>

#include <algorithm>
#include <iostream>
#include <numeric>
#include <string>
#include <vector>

#include "experiments/config_file.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "nets/compile_network.hpp"
#include "neat/population.hpp"
#include "neat/tbb_evaluator.hpp"

using namespace convneat;

namespace {

struct SuccessRate {
  std::size_t runs = 0;
  std::size_t solved = 0;
  std::vector<double> evaluations_to_solve;
  std::vector<Genome> champions;  // of the solved runs
};

NeatConfig shipped_config(const std::string& file) {
  return load_experiment(std::string(CONVNEAT_SOURCE_DIR "/experiments/configs/") + file).config;
}

SuccessRate run_seeds(const std::string& file, std::uint64_t seeds) {
  const NeatConfig base = shipped_config(file);
  const auto task = make_task(base.task, file);
  SuccessRate rate;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    NeatConfig config = base;
    config.seed = seed;
    Population population(config);
    TbbEvaluator evaluator(*task, {.phenotype = phenotype_of(config), .seed = seed, .threads = 0});
    const RunResult result = population.run(evaluator);
    ++rate.runs;
    if (!result.solved) continue;
    ++rate.solved;
    rate.evaluations_to_solve.push_back(static_cast<double>(*result.evaluations_to_solve));
    rate.champions.push_back(result.champion);
  }
  return rate;
}

double mean_evaluations(const SuccessRate& rate) {
  const std::vector<double>& e = rate.evaluations_to_solve;
  return e.empty() ? 0.0 : std::accumulate(e.begin(), e.end(), 0.0) / double(e.size());
}

void print(const std::string& label, SuccessRate rate) {
  std::vector<double>& e = rate.evaluations_to_solve;
  std::sort(e.begin(), e.end());
  const double mean = mean_evaluations(rate);
  const double median = e.empty() ? 0.0 : e.size() % 2 ? e[e.size() / 2] : (e[e.size() / 2 - 1] + e[e.size() / 2]) / 2;
  std::cout << label << ": " << rate.solved << '/' << rate.runs << " solved, evaluations to solve mean " << mean
            << ", median " << median << '\n';
}

TaskResult evaluate_afresh(const Task& task, const Genome& genome, bool feed_forward) {
  auto network = compile_network(genome, feed_forward);
  RandomStream unused(0);
  EvaluationContext context{0, 0, genome.id, unused};
  return task.evaluate(*network, context);
}

// Every DPNV champion, compiled afresh, passes the long test and generalises to ≥ 200 starts.
void check_dpnv_champions(const SuccessRate& rate, const std::string& file) {
  const auto task = make_task(shipped_config(file).task, file);
  for (const Genome& champion : rate.champions) {
    const ChampionTestResult test =
        run_champion_test(champion, *task, Phenotype{.feed_forward = false}, ChampionTestScope::final);
    CHECK(test.solved);  // solved: the long run balanced, then ≥ 200 generalisation starts
    std::cout << "  DPNV champion " << champion.id << ": generalisation " << test.figures.at("generalisation") << '\n';
  }
}

}  // namespace

TEST_CASE("DPV is solved by at least 90 of 100 seeds within the config's evaluation limit", "[long]") {
  const SuccessRate rate = run_seeds("double_pole.json", 100);
  print("DPV", rate);
  CHECK(rate.solved >= 90);
  // A solving champion, compiled afresh, really balances both poles for 100,000 decisions.
  const auto task = make_task(shipped_config("double_pole.json").task, "double_pole.json");
  for (const Genome& champion : rate.champions) CHECK(evaluate_afresh(*task, champion, true).fitness == 100000.0);
}

TEST_CASE("SPV is solved by at least 95 of 100 seeds within the config's evaluation limit", "[long]") {
  const SuccessRate rate = run_seeds("single_pole.json", 100);
  print("SPV", rate);
  CHECK(rate.solved >= 95);
  const auto task = make_task(shipped_config("single_pole.json").task, "single_pole.json");
  for (const Genome& champion : rate.champions) CHECK(evaluate_afresh(*task, champion, true).solved);
}

TEST_CASE("DPNV is solved by at least 8 of 10 seeds within the config's evaluation limit", "[long]") {
  const SuccessRate rate = run_seeds("double_pole_nv.json", 10);
  print("DPNV", rate);
  CHECK(rate.solved >= 8);
  check_dpnv_champions(rate, "double_pole_nv.json");
}

// The lean configs: small populations whose genomes never add a node (DPNV still adds
// recurrent connections). Their goals are the best published evaluation counts, CMA-ES's 895
// for DPV and CoSyNE's 3,416 for DPNV; seeds 1–50 measured 699 and 2,619.
TEST_CASE("The lean DPV config solves 50 of 50 seeds in at most 900 evaluations on average", "[long]") {
  const SuccessRate rate = run_seeds("double_pole_lean.json", 50);
  print("DPV lean", rate);
  CHECK(rate.solved == 50);
  CHECK(mean_evaluations(rate) <= 900.0);
  const auto task = make_task(shipped_config("double_pole_lean.json").task, "double_pole_lean.json");
  for (const Genome& champion : rate.champions) CHECK(evaluate_afresh(*task, champion, true).fitness == 100000.0);
}

TEST_CASE("The lean DPNV config solves 10 of 10 seeds in at most 3,400 evaluations on average", "[long]") {
  const SuccessRate rate = run_seeds("double_pole_nv_lean.json", 10);
  print("DPNV lean", rate);
  CHECK(rate.solved == 10);
  CHECK(mean_evaluations(rate) <= 3400.0);
  check_dpnv_champions(rate, "double_pole_nv_lean.json");
}
