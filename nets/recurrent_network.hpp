#pragma once
// Recurrent phenotype with synchronous updates: every node reads the values its sources held
// after the previous step (inputs: the current ones), so the order of nodes never matters.
//   v_t[n] = act_n( bias_n + Σ_{(s→n) enabled} w · v_{t−1}[s] ),  v_t[input i] = x_t[i]
// One step per activation; state persists between activations until reset(). A CTRNN
// (ctrnn_network.hpp) is this network whose nodes keep part of their state each step.
#include <algorithm>
#include <vector>

#include "nets/compiled_graph.hpp"
#include "nets/network.hpp"

namespace convneat {

class RecurrentNetwork : public Network {
 public:
  explicit RecurrentNetwork(const Genome& genome);

  std::size_t input_count() const override { return graph_.input_count; }
  std::size_t output_count() const override { return graph_.output_slots.size(); }
  void activate(std::span<const double> inputs, std::span<double> outputs) override;
  Eigen::MatrixXd activate_batch(const Eigen::MatrixXd& inputs) override;
  void reset() override;
  bool keeps_state() const override { return true; }
  std::size_t propagation_steps() const override { return std::max<std::size_t>(1, graph_.computed_count()); }

 protected:
  // From now on each activation takes `steps` steps, and after each step computed node n
  // becomes kept[n] · (its previous value) + (1 − kept[n]) · (its new value).
  void keep_state_fractions(std::vector<double> kept, std::size_t steps);
  const CompiledGraph& graph() const { return graph_; }

 private:
  CompiledGraph graph_;
  std::vector<double> kept_;  // empty: each step replaces the values (the discrete network)
  std::size_t steps_ = 1;
  std::vector<double> current_, next_;
  Eigen::ArrayXXd batch_current_, batch_next_;  // one row per instance
};

}  // namespace convneat
