#include "experiments/tasks/xor_task.hpp"

#include <array>

namespace convneat {
namespace {

// (a, b, a XOR b)
constexpr std::array<std::array<double, 3>, 4> kTable{{{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}}};

}  // namespace

TaskResult XorTask::evaluate(Network& network, EvaluationContext& context) const {
  double squared_error = 0.0;
  bool all_correct = true;
  Behaviour outputs;  // the four outputs, in the table's order
  for (const auto& [a, b, target] : kTable) {
    context.deadline.check();
    network.reset();
    const std::array<double, 2> inputs{a, b};
    std::array<double, 1> output{};
    for (std::size_t step = 0; step < network.propagation_steps(); ++step) network.activate(inputs, output);
    squared_error += (output[0] - target) * (output[0] - target);
    all_correct = all_correct && ((output[0] > 0.5) == (target > 0.5));
    if (context.describe_behaviour) outputs.push_back(output[0]);
  }
  return {4.0 - squared_error, all_correct, std::move(outputs)};
}

Eigen::MatrixXd XorTask::inputs(std::span<const std::size_t> examples) const {
  Eigen::MatrixXd rows(static_cast<Eigen::Index>(examples.size()), 2);
  for (std::size_t r = 0; r < examples.size(); ++r)
    rows.row(static_cast<Eigen::Index>(r)) << kTable.at(examples[r])[0], kTable.at(examples[r])[1];
  return rows;
}

LossValue XorTask::loss(const Eigen::MatrixXd& outputs, std::span<const std::size_t> examples) const {
  Eigen::MatrixXd targets(static_cast<Eigen::Index>(examples.size()), 1);
  for (std::size_t r = 0; r < examples.size(); ++r) targets(static_cast<Eigen::Index>(r), 0) = kTable.at(examples[r])[2];
  return squared_error(outputs, targets);
}

}  // namespace convneat
