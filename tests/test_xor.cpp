// XOR success rate: the statistical acceptance test of the engine. 100 seeds per policy,
// each within 100 generations; at least 95 must solve. Prints the evaluations to solve.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iostream>
#include <numeric>

#include "experiments/tasks/xor_task.hpp"
#include "genome/graph_checks.hpp"
#include "nets/compile_network.hpp"
#include "neat/population.hpp"
#include "neat/tbb_evaluator.hpp"
#include "test_support.hpp"

using namespace convneat;

TEST_CASE("XOR is solved by at least 95 of 100 seeds within 100 generations under every policy", "[long]") {
  const auto policy = GENERATE(InnovationPolicyKind::fresh, InnovationPolicyKind::per_generation,
                               InnovationPolicyKind::persistent, InnovationPolicyKind::node_pair);
  const XorTask task;
  std::vector<double> evaluations;
  std::size_t solved = 0;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    NeatConfig config = testing::xor_config(seed, policy);
    Population population(config);
    TbbEvaluator evaluator(task, {.seed = seed, .threads = 0});
    const RunResult result = population.run(evaluator);
    if (!result.solved) continue;
    ++solved;
    evaluations.push_back(static_cast<double>(*result.evaluations_to_solve));
    // The champion really solves XOR when compiled afresh.
    auto network = compile_network(result.champion, true);
    RandomStream unused(0);
    EvaluationContext context{seed, 0, result.champion.id, unused};
    REQUIRE(task.evaluate(*network, context).solved);
  }
  std::sort(evaluations.begin(), evaluations.end());
  const double mean = std::accumulate(evaluations.begin(), evaluations.end(), 0.0) / double(evaluations.size());
  const double median = evaluations.size() % 2 ? evaluations[evaluations.size() / 2]
                                               : (evaluations[evaluations.size() / 2 - 1] + evaluations[evaluations.size() / 2]) / 2;
  std::cout << "XOR " << policy_name(policy) << ": " << solved << "/100 solved, evaluations to solve mean " << mean
            << ", median " << median << '\n';
  CHECK(solved >= 95);
}
