#include "experiments/tasks/xor_task.hpp"

#include <array>

namespace convneat {

TaskResult XorTask::evaluate(Network& network, EvaluationContext& context) const {
  static constexpr std::array<std::array<double, 3>, 4> kTable{{{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}}};
  double squared_error = 0.0;
  bool all_correct = true;
  for (const auto& [a, b, target] : kTable) {
    context.deadline.check();
    network.reset();
    const std::array<double, 2> inputs{a, b};
    std::array<double, 1> output{};
    for (std::size_t step = 0; step < network.propagation_steps(); ++step) network.activate(inputs, output);
    squared_error += (output[0] - target) * (output[0] - target);
    all_correct = all_correct && ((output[0] > 0.5) == (target > 0.5));
  }
  return {4.0 - squared_error, all_correct};
}

}  // namespace convneat
