#pragma once
// An annealing schedule for the size of parametric mutations. Early in a run large steps find
// the rough shape of a solution fastest; late in a run, when most large steps make a good
// genome worse, small steps keep it climbing (measured on Fashion-MNIST in docs/spatial.md).
// The schedule is a pure function of the generation, so a resumed run mutates exactly as an
// uninterrupted one.
#include <cstddef>

#include "genome/genome_config.hpp"

namespace convneat {

// The factor every perturbation stdev is multiplied by in `generation`: it falls
// geometrically from 1 at generation 0 to `mutate_power_final_scale` at generation
// `mutate_power_decay_generations` and stays there; 1 throughout when no decay is configured.
double mutate_power_scale(const GenomeConfig& config, std::size_t generation);

// `config` with the stdev of every perturbation (weights, biases, kernels, virtual-batch-norm
// parameters, centroid moves and shapes) multiplied by `scale`; rates and everything else kept.
GenomeConfig with_scaled_mutate_powers(const GenomeConfig& config, double scale);

}  // namespace convneat
