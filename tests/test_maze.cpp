// The deceptive maze (experiments/tasks/maze_world.hpp, maze_task.hpp): the robot's sensors
// against distances worked out by hand, walls that stop it, and the task's fitness, success
// and behaviour.
#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>
#include <numeric>

#include "experiments/tasks/maze_task.hpp"
#include "seed_runs.hpp"

using namespace convneat;

namespace {

// A network whose outputs are fixed: 0.5 changes nothing.
class ConstantNetwork final : public Network {
 public:
  ConstantNetwork(double turn, double speed) : outputs_{turn, speed} {}
  std::size_t input_count() const override { return kMazeSensors; }
  std::size_t output_count() const override { return 2; }
  void activate(std::span<const double>, std::span<double> outputs) override {
    outputs[0] = outputs_[0];
    outputs[1] = outputs_[1];
  }
  Eigen::MatrixXd activate_batch(const Eigen::MatrixXd& inputs) override {
    Eigen::MatrixXd rows(inputs.rows(), 2);
    rows.col(0).setConstant(outputs_[0]);
    rows.col(1).setConstant(outputs_[1]);
    return rows;
  }
  void reset() override {}
  bool keeps_state() const override { return false; }
  std::size_t propagation_steps() const override { return 1; }

 private:
  std::array<double, 2> outputs_;
};

// Of seeds 1…seeds, how many runs of the shipped hard-maze config solve it within `generations`.
std::size_t hard_maze_solved(SelectionObjective objective, std::uint64_t seeds, std::size_t generations) {
  std::size_t solved = 0;
  const auto adjust = [&](NeatConfig& config) {
    config.stop.max_generations = generations;
    config.selection.objective = objective;
  };
  testing::run_seeds(CONVNEAT_SOURCE_DIR "/experiments/configs/maze_hard.json", seeds, adjust,
                     [&](const Population&, const RunResult& result) { solved += result.solved ? 1 : 0; });
  return solved;
}

std::array<double, kMazeSensors> sensed(const MazeRobot& robot) {
  std::array<double, kMazeSensors> inputs{};
  robot.sense(inputs);
  return inputs;
}

}  // namespace

TEST_CASE("at the medium maze's start the rangefinders and the goal compass read what geometry says") {
  const MazeLayout layout = medium_maze();
  const MazeRobot robot(layout);
  const auto inputs = sensed(robot);
  // From (30, 22) heading along +x: the wall (114, 5)–(73, 42) crosses y = 22 at x = 114 − 41·17/37.
  CHECK(inputs[2] == Approx((114.0 - 41.0 * 17.0 / 37.0 - 30.0) / 100.0).epsilon(1e-12));
  CHECK(inputs[0] == Approx(0.17).epsilon(1e-12));  // -90°: the wall y = 5, 17 away
  CHECK(inputs[5] == Approx(0.25).epsilon(1e-12));  // behind: the wall x = 5, 25 away
  CHECK(inputs[4] == 1.0);                          // +90°: nothing within 100
  // The goal (270, 100) lies 18° off the heading: the quarter ahead alone fires.
  CHECK(std::vector<double>(inputs.begin() + 6, inputs.end()) == std::vector<double>{1, 0, 0, 0});
}

TEST_CASE("the compass turns with the heading, and a 45-degree rangefinder reads its diagonal") {
  // A 200 × 200 box, the robot at (150, 120), the goal at (100, 120): due -x of it.
  const auto box = [](double heading) {
    return MazeLayout{{{{0, 0}, {200, 0}}, {{200, 0}, {200, 200}}, {{200, 200}, {0, 200}}, {{0, 200}, {0, 0}}},
                      {150, 120},
                      heading,
                      {100, 120}};
  };
  const auto quarters = [](const std::array<double, kMazeSensors>& inputs) {
    return std::vector<double>(inputs.begin() + 6, inputs.end());
  };
  const MazeLayout facing_away = box(0.0);      // heading +x: the goal is behind
  const MazeLayout facing_up = box(90.0);       // heading +y: the goal at -x is at +90°
  const MazeLayout facing_goal = box(180.0);    // heading -x: ahead
  const MazeLayout facing_down = box(-90.0 + 360.0);  // heading -y: at -90°
  CHECK(quarters(sensed(MazeRobot(facing_away))) == std::vector<double>{0, 0, 1, 0});
  CHECK(quarters(sensed(MazeRobot(facing_up))) == std::vector<double>{0, 1, 0, 0});
  CHECK(quarters(sensed(MazeRobot(facing_goal))) == std::vector<double>{1, 0, 0, 0});
  CHECK(quarters(sensed(MazeRobot(facing_down))) == std::vector<double>{0, 0, 0, 1});
  // Heading +x: both 45° rangefinders reach x = 200 after 50·√2; at +90° the wall y = 200 is 80
  // away, at -90° the wall y = 0 is 120 away, beyond reach.
  const auto inputs = sensed(MazeRobot(facing_away));
  CHECK(inputs[3] == Approx(50.0 * std::sqrt(2.0) / 100.0).epsilon(1e-12));
  CHECK(inputs[1] == Approx(50.0 * std::sqrt(2.0) / 100.0).epsilon(1e-12));
  CHECK(inputs[4] == Approx(0.8).epsilon(1e-12));
  CHECK(inputs[0] == 1.0);
  // Turning at full rate wraps the heading through 360 without a jump in what the robot senses.
  MazeRobot spinning(facing_away);
  for (int step = 0; step < 400; ++step) spinning.step(1.0, 0.5);
  CHECK(spinning.position().x == 150.0);
  const std::vector<double> lit = quarters(sensed(spinning));
  CHECK(std::accumulate(lit.begin(), lit.end(), 0.0) == 1.0);
}

TEST_CASE("outputs of 0.5 leave the robot where it is, and a wall stops one driving ahead") {
  const MazeLayout layout = medium_maze();
  MazeRobot idle(layout);
  for (int step = 0; step < 50; ++step) idle.step(0.5, 0.5);
  CHECK(idle.position().x == 30.0);
  CHECK(idle.position().y == 22.0);
  MazeRobot driving(layout);
  for (int step = 0; step < 100; ++step) driving.step(0.5, 1.0);  // speeds up to 3 a step, straight on
  const double wall_x = 114.0 - 41.0 * 17.0 / 37.0;
  CHECK(driving.position().y == 22.0);
  CHECK(driving.position().x > wall_x - 8.0 - 3.0 * 3.0);  // the wall at its radius, within a few steps
  CHECK(driving.position().x < wall_x);
}

TEST_CASE("the maze task: fitness 300 minus the final distance, behaviour the final position") {
  const auto task = make_task({{"name", "maze"}, {"layout", "hard"}, {"steps", 10}}, "test");
  CHECK(task->input_count() == 10);
  CHECK(task->output_count() == 2);
  ConstantNetwork idle(0.5, 0.5);
  RandomStream random(1, 0, 0, Purpose::evaluation);
  EvaluationContext context{1, 0, 0, random};
  context.describe_behaviour = true;
  const TaskResult result = task->evaluate(idle, context);
  CHECK(result.fitness == Approx(300.0 - std::hypot(36.0 - 31.0, 184.0 - 20.0)).epsilon(1e-12));
  CHECK_FALSE(result.solved);
  CHECK(result.behaviour == Behaviour{36.0, 184.0});
  CHECK(task->behaviour_metric() == BehaviourMetric::euclidean);
  CHECK_THROWS_WITH(make_task({{"name", "maze"}, {"layout", "easy"}}, "x.json"), Catch::Contains("/task/layout"));
}

// Lehman & Stanley's finding, on the shipped config: fitness leads into the dead end nearest the
// goal, novelty gets out (docs/results/novelty_maze: 29 of 30 against 0 of 30 in 400 generations).
TEST_CASE("in the hard maze novelty search finds the goal where fitness-driven NEAT does not", "[long]") {
  const std::size_t novelty = hard_maze_solved(SelectionObjective::novelty, 5, 60);
  const std::size_t fitness = hard_maze_solved(SelectionObjective::fitness, 5, 60);
  std::cout << "hard maze, 60 generations: novelty solved " << novelty << " of 5, fitness " << fitness << " of 5\n";
  CHECK(novelty >= 4);
  CHECK(fitness <= 1);
}
