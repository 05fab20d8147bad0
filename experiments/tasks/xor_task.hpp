#pragma once
// XOR, the first test of the 2002 NEAT paper: fitness 4 − Σ (output − target)² over the
// four input patterns; solved when every output rounds to its target (> 0.5 means 1).
// Each pattern starts from a reset network and is held for network.propagation_steps()
// activations, so a recurrent network's hidden nodes reach its output too.
#include "neat/task.hpp"

namespace convneat {

class XorTask final : public Task {
 public:
  std::string name() const override { return "xor"; }
  std::size_t input_count() const override { return 2; }
  std::size_t output_count() const override { return 1; }
  TaskResult evaluate(Network& network, EvaluationContext& context) const override;
};

}  // namespace convneat
