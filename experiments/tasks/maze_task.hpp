#pragma once
// The maze navigation task (experiments/tasks/maze_world.hpp): a deceptive task for novelty
// search. The robot has /task/steps steps (400, the paper's) to reach the goal; fitness is
// 300 − its distance from the goal when the time is up (or when it reaches it), never below 0
// — the paper's fitness, which leads into the dead ends nearest the goal. Solved when the robot
// comes within 5 of the goal. Its behaviour is where it ended, (x, y).
#include <memory>

#include "experiments/tasks/maze_world.hpp"
#include "experiments/tasks/task_parameters.hpp"
#include "neat/task.hpp"

namespace convneat {

class MazeTask final : public Task {
 public:
  MazeTask(std::string layout_name, MazeLayout layout, std::size_t steps);

  std::string name() const override { return "maze"; }
  std::size_t input_count() const override { return kMazeSensors; }
  std::size_t output_count() const override { return 2; }
  std::vector<std::string> input_names() const override;
  std::vector<std::string> output_names() const override;
  TaskResult evaluate(Network& network, EvaluationContext& context) const override;
  std::string fitness_meaning() const override { return "300 - distance to the goal at the end (" + layout_name_ + " maze)"; }
  std::optional<BehaviourMetric> behaviour_metric() const override { return BehaviourMetric::euclidean; }

 private:
  std::string layout_name_;
  MazeLayout layout_;
  std::size_t steps_;
};

// Reads /task/layout ("medium" or "hard") and /task/steps.
std::function<std::unique_ptr<Task>()> read_maze_task(TaskParameters& parameters);

}  // namespace convneat
