#pragma once
// Continuous-time recurrent phenotype (CTRNN; Beer 1995, as neat-python's ctrnn): each computed
// node n has a state y_n, its output, that follows
//   τ_n dy_n/dt = −y_n + z_n,   z_n = act_n( bias_n + response_n · agg_n(w · y_sources) )
// with the inputs held at their values during one activation. An activation advances
// steps_per_activation steps of length dt; in each, every node reads its sources' states from
// the previous step (synchronous, as RecurrentNetwork) and moves towards its z_n by
//   y_n ← k_n y_n + (1 − k_n) z_n,  k_n = e^(−dt/τ_n) (exponential) or 1 − dt/τ_n (forward Euler).
// States start at 0 and persist between activations until reset() (a task resets per episode).
#include <vector>

#include "nets/compiled_graph.hpp"
#include "nets/phenotype.hpp"
#include "nets/recurrent_network.hpp"

namespace convneat {

// k_n for each computed node of the graph compiled from the genome (in compiled order).
std::vector<double> ctrnn_kept_fractions(const Genome& genome, const CompiledGraph& graph,
                                         const NetworkSettings& settings);

class CtrnnNetwork final : public RecurrentNetwork {
 public:
  CtrnnNetwork(const Genome& genome, const NetworkSettings& settings);
};

}  // namespace convneat
