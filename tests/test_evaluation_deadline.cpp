// The cooperative time limit on one genome's evaluation: what check() does with and without
// a limit, and how evaluate_genome() turns a run past the limit into a failed evaluation.
// The waits here only make sure a limit has passed (a sleep lasts at least its duration);
// no outcome depends on how fast the machine is.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "experiments/tasks/task_registry.hpp"
#include "experiments/tasks/xor_task.hpp"
#include "genome/initial_genome.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "neat/evaluation_deadline.hpp"
#include "neat/evaluator.hpp"
#include "nets/compile_network.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace std::chrono_literals;

namespace {

// XOR that first sleeps (without checking its deadline) for `pause`.
struct SlowTask final : Task {
  std::chrono::milliseconds pause;
  explicit SlowTask(std::chrono::milliseconds p) : pause(p) {}
  std::string name() const override { return "slow"; }
  std::size_t input_count() const override { return 2; }
  std::size_t output_count() const override { return 1; }
  TaskResult evaluate(Network& network, EvaluationContext& context) const override {
    std::this_thread::sleep_for(pause);
    return XorTask().evaluate(network, context);
  }
};

// A fully connected start genome for `inputs` → `outputs`.
Genome start_genome(std::size_t inputs = 2, std::size_t outputs = 1) {
  NeatConfig config = testing::xor_config(1);
  config.genome.num_inputs = inputs;
  config.genome.num_outputs = outputs;
  auto innovations =
      make_innovation_policy(InnovationPolicyKind::per_generation, NodeLayout(config.genome).first_free_node);
  RandomStream random(1, 0, 0, Purpose::initial_population);
  return make_initial_genome(0, config.genome, *innovations, random);
}

}  // namespace

TEST_CASE("without a limit the deadline never expires") {
  const EvaluationDeadline none;
  CHECK_FALSE(none.limited());
  CHECK_FALSE(EvaluationDeadline::starting_now(0.0).limited());
  std::this_thread::sleep_for(2ms);
  CHECK_NOTHROW(none.check());
  CHECK_NOTHROW(EvaluationDeadline::starting_now(0.0).check());
}

TEST_CASE("a deadline throws TimeLimitExceeded naming the limit once it has passed, not before") {
  const EvaluationDeadline far = EvaluationDeadline::starting_now(3600.0);
  CHECK(far.limited());
  CHECK_NOTHROW(far.check());
  const EvaluationDeadline near = EvaluationDeadline::starting_now(0.002);
  std::this_thread::sleep_for(5ms);
  CHECK_THROWS_AS(near.check(), TimeLimitExceeded);
  CHECK_THROWS_WITH(near.check(), "time limit 0.002 s exceeded");
}

namespace {

EvaluationSettings limited_to(double seconds) {
  EvaluationSettings settings;
  settings.seed = 1;
  settings.time_limit_seconds = seconds;
  return settings;
}

}  // namespace

TEST_CASE("a genome evaluated past its time limit fails with the reason, even if its task never checks") {
  const Genome genome = start_genome();
  const SlowTask slow(20ms);
  const Evaluation limited = evaluate_genome(genome, slow, limited_to(0.005), 0);
  CHECK(limited.failed);
  CHECK_FALSE(limited.solved);
  CHECK(limited.failure == "time limit 0.005 s exceeded");

  const Evaluation unlimited = evaluate_genome(genome, slow, limited_to(0.0), 0);
  const Evaluation generous = evaluate_genome(genome, slow, limited_to(3600.0), 0);
  CHECK_FALSE(unlimited.failed);
  CHECK_FALSE(generous.failed);
  CHECK(generous.fitness == unlimited.fitness);
  CHECK(unlimited.fitness == evaluate_genome(genome, XorTask(), limited_to(0.0), 0).fitness);
}

TEST_CASE("every shipped task checks its deadline while it runs") {
  const nlohmann::json section = GENERATE(nlohmann::json{{"name", "xor"}}, nlohmann::json{{"name", "single_pole"}},
                                          nlohmann::json{{"name", "double_pole"}},
                                          nlohmann::json{{"name", "double_pole_no_velocity"}},
                                          nlohmann::json{{"name", "aligned_parts"}, {"train", 20}});
  INFO(section.dump());
  const auto task = make_task(section, "test");
  auto network = compile_network(start_genome(task->input_count(), task->output_count()), true);
  RandomStream random(1, 0, 0, Purpose::evaluation);
  // Called directly, so only the task's own checks can stop it (evaluate_genome's check after
  // the task is not involved).
  EvaluationContext context{1, 0, 0, random, EvaluationDeadline::starting_now(0.001)};
  std::this_thread::sleep_for(3ms);
  CHECK_THROWS_AS(task->evaluate(*network, context), TimeLimitExceeded);
}
