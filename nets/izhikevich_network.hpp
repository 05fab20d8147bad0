#pragma once
// Spiking phenotype of Izhikevich neurons (Izhikevich 2003; neat-python's iznn). Each computed
// node n is a neuron with its gene's a, b, c, d, membrane potential v (mV) and recovery u,
// stepped dt = time_step milliseconds at a time as the paper's code steps them:
//   v ← v + ½ dt (0.04 v² + 5 v + 140 − u + I_n), twice;  u ← u + dt · a (b v − u);
//   if v ≥ 30 mV: the neuron spikes, v ← c, u ← u + d
// (a v or u that overflows counts as a spike, u then restarting at b·c). Its current is
//   I_n = bias_n + response_n · agg_n(w_e · s_e)
// over its enabled incoming connections, s_e being an input's value, 1 for the bias node, and
// 1 or 0 for a neuron that did or did not spike in the previous step; activations are not used.
// One activation holds the inputs for a window of steps_per_activation steps and gives each
// output neuron's spike count in it, or (spike_output rate) its rate in spikes per second.
// reset() puts every neuron at rest, v = c and u = b·c, with no spike pending.
#include <vector>

#include "nets/compiled_graph.hpp"
#include "nets/network.hpp"
#include "nets/phenotype.hpp"

namespace convneat {

class IzhikevichNetwork final : public Network {
 public:
  IzhikevichNetwork(const Genome& genome, const NetworkSettings& settings);

  std::size_t input_count() const override { return graph_.input_count; }
  std::size_t output_count() const override { return graph_.output_slots.size(); }
  void activate(std::span<const double> inputs, std::span<double> outputs) override;
  Eigen::MatrixXd activate_batch(const Eigen::MatrixXd& inputs) override;
  void reset() override;
  bool keeps_state() const override { return true; }
  // A spike crosses one connection per step: the windows a signal needs to cross the graph.
  std::size_t propagation_steps() const override;

  // One neuron's state.
  struct Neuron {
    double v = 0.0;
    double u = 0.0;
  };
  // The neurons of the single instance, in compiled order (for tests that follow a trace).
  const std::vector<Neuron>& neurons() const { return single_.neurons; }

 private:
  // One instance's state: its neurons and the slot values their currents read (inputs, the
  // bias node's 1, each neuron's last spike as 1 or 0).
  struct Instance {
    std::vector<Neuron> neurons;
    std::vector<double> values;
  };

  Instance rested() const;
  // One step of every neuron; `spikes` gets 1 or 0 per neuron, the other two are scratch space.
  void step(Instance& instance, std::vector<double>& spikes, std::vector<double>& currents,
            std::vector<double>& terms) const;
  void run_window(Instance& instance, std::span<const double> inputs, std::span<double> outputs);

  CompiledGraph graph_;
  std::vector<IzhikevichParameters> parameters_;  // per computed node
  NetworkSettings settings_;
  Instance single_;
  std::vector<Instance> batch_;  // one per row of the last batch
  std::vector<double> spikes_, currents_, counts_, terms_;
};

}  // namespace convneat
