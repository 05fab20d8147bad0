#include "experiments/tasks/maze_task.hpp"

#include <algorithm>

namespace convneat {
namespace {

constexpr double kFitnessBase = 300.0;

}  // namespace

MazeTask::MazeTask(std::string layout_name, MazeLayout layout, std::size_t steps)
    : layout_name_(std::move(layout_name)), layout_(std::move(layout)), steps_(steps) {}

std::vector<std::string> MazeTask::input_names() const {
  return {"range -90°",  "range -45°",    "range ahead", "range 45°",    "range 90°",
          "range behind", "goal ahead", "goal at 90°", "goal behind", "goal at -90°"};
}

std::vector<std::string> MazeTask::output_names() const {
  return {"turn (0.5 keeps the angular velocity)", "accelerate (0.5 keeps the speed)"};
}

TaskResult MazeTask::evaluate(Network& network, EvaluationContext& context) const {
  MazeRobot robot(layout_);
  network.reset();
  std::array<double, kMazeSensors> inputs{};
  std::array<double, 2> outputs{};
  bool reached = false;
  for (std::size_t step = 0; step < steps_ && !reached; ++step) {
    context.deadline.check();
    robot.sense(inputs);
    network.activate(inputs, outputs);
    robot.step(outputs[0], outputs[1]);
    reached = robot.distance_to_goal() < kMazeGoalRadius;
  }
  const double fitness = std::max(0.0, kFitnessBase - robot.distance_to_goal());
  Behaviour ended;
  if (context.describe_behaviour) ended = {robot.position().x, robot.position().y};
  return {fitness, reached, std::move(ended)};
}

std::function<std::unique_ptr<Task>()> read_maze_task(TaskParameters& parameters) {
  const std::string layout = parameters.choice("layout", {"medium", "hard"}, "medium",
                                               "which of Lehman & Stanley's (2011) mazes");
  const std::size_t steps = parameters.whole("steps", 1, 1000000, 400, "steps the robot has to reach the goal");
  return [layout, steps] {
    return std::unique_ptr<Task>(
        std::make_unique<MazeTask>(layout, layout == "hard" ? hard_maze() : medium_maze(), steps));
  };
}

}  // namespace convneat
