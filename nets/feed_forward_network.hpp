#pragma once
// Feed-forward phenotype: nodes computed once each, in topological order.
//   v[n] = act_n( bias_n + Σ_{(s→n) enabled} w · v[s] )
// With `dense_layers` (/network/dense_layers), depths whose connections fill a dense block run
// as one matrix product each (dense_levels.hpp).
#include <vector>

#include "nets/compiled_graph.hpp"
#include "nets/network.hpp"

namespace convneat {

class FeedForwardNetwork final : public Network {
 public:
  explicit FeedForwardNetwork(const Genome& genome, bool dense_layers = false);

  std::size_t input_count() const override { return graph_.input_count; }
  std::size_t output_count() const override { return graph_.output_slots.size(); }
  void activate(std::span<const double> inputs, std::span<double> outputs) override;
  Eigen::MatrixXd activate_batch(const Eigen::MatrixXd& inputs) override;
  void reset() override {}
  bool keeps_state() const override { return false; }
  std::size_t propagation_steps() const override { return 1; }

  const CompiledGraph& graph() const { return graph_; }

 private:
  CompiledGraph graph_;
  std::vector<double> values_;
};

}  // namespace convneat
