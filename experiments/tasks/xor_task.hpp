#pragma once
// XOR, the first test of the 2002 NEAT paper: fitness 4 − Σ (output − target)² over the
// four input patterns; solved when every output rounds to its target (> 0.5 means 1).
// Each pattern starts from a reset network and is held for network.propagation_steps()
// activations, so a recurrent network's hidden nodes reach its output too.
//
// Gradient training (/training/mode) minimises the mean over the four patterns of the same
// squared error, so a step that lowers the loss raises the fitness: loss = (4 − fitness) / 4.
#include "neat/task.hpp"

namespace convneat {

class XorTask final : public Task, private TrainingObjective {
 public:
  std::string name() const override { return "xor"; }
  std::size_t input_count() const override { return 2; }
  std::size_t output_count() const override { return 1; }
  std::vector<std::string> input_names() const override { return {"a", "b"}; }
  std::vector<std::string> output_names() const override { return {"a xor b"}; }
  TaskResult evaluate(Network& network, EvaluationContext& context) const override;
  const TrainingObjective* training_objective() const override { return this; }
  // Behaviour: the four outputs.
  std::optional<BehaviourMetric> behaviour_metric() const override { return BehaviourMetric::euclidean; }

 private:
  std::size_t example_count() const override { return 4; }
  Eigen::MatrixXd inputs(std::span<const std::size_t> examples) const override;
  LossValue loss(const Eigen::MatrixXd& outputs, std::span<const std::size_t> examples) const override;
};

}  // namespace convneat
