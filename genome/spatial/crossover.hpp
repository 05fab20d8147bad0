#pragma once
// Crossover of two front ends. The child's layer list (which layers, in which order, with which
// kernel size, stride, padding, activation and pooling) is the fitter parent's. A layer whose
// innovation id the other parent also holds (with the same hyper-parameters) takes all its
// parameters — mode, banks, kernels, biases, centroids and shapes, output channels — from
// one parent or the other at random, never a mixture, since a bank is only meaningful whole.
//
// Channel counts of neighbouring layers may then disagree; repair_channel_chain() makes every
// layer read as many channels as the layer before it writes, keeping the weights of the
// channels both agree on. The caller then matches the graph's inputs to the new readout.
#include "genome/random.hpp"
#include "genome/spatial_gene.hpp"

namespace convneat {

// Throws std::logic_error when a matching layer's output size differs between the parents
// (inserted layers keep sizes, so two lineages of one run always agree).
SpatialStack crossover_stacks(const SpatialStack& fitter, const SpatialStack& other, RandomStream& random);

// Resizes each layer's input-channel axis to the previous layer's output channels (the
// image's channels for the first layer): common channels keep their weights, new ones are 0.
void repair_channel_chain(SpatialStack& stack);

}  // namespace convneat
