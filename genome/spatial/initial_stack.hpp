#pragma once
// The start genome's front end: the configured layers, in order, with innovation ids 0..L-1.
// Every genome of the initial population holds the same layers (so they align in crossover
// and compatibility) with its own random parameters, drawn from the per-genome stream.
//
// Kernel weights and biases start as N(0, kernel_init_scale² / fan_in), fan_in = C_in·k·k
// (biases too, rather than 0, so that start genomes differ in every parameter). A centroid
// layer starts with K = centroid.count KCPs whose centroids lie on a grid_rows × grid_columns
// grid (column j at S·(j + 1)/(G_c + 1), row i at S·(i + 1)/(G_r + 1), KCP k = i·G_c + j) or
// uniformly at random in [0, S]², and whose shapes are sigma·I. A layer with virtual batch norm
// starts with gains 1 and shifts 0 (the normalised map itself).
#include <cstddef>

#include "genome/random.hpp"
#include "genome/spatial_config.hpp"
#include "genome/spatial_gene.hpp"

namespace convneat {

// The start layers' ids and hyper-parameters, banks set by mode, no parameters: what the node
// layout needs to number the readout nodes, without drawing anything. Throws
// std::invalid_argument naming the layer when a layer does not fit its input, or when a
// centroid grid does not hold `count` centroids.
SpatialStack initial_stack_structure(const SpatialConfig& config);

// A layer gene with the spec's hyper-parameters and no parameters yet (banks = 1).
SpatialLayerGene layer_from_spec(const LayerSpec& spec, InnovationId innovation, std::size_t in_channels);

// initial_stack_structure() with parameters drawn from `random`.
SpatialStack make_initial_stack(const SpatialConfig& config, RandomStream& random);

// The stdev of a fresh kernel weight or bias of `layer`: scale / sqrt(C_in·k·k).
double kernel_init_stdev(const SpatialLayerGene& layer, double kernel_init_scale);

// Centroids and shapes of a fresh centroid layer with `out_channels` output channels: K
// centroids, or K·C_out (index k·C_out + o) when per_feature, a random set for each channel
// or the same grid for every channel.
CentroidParameters initial_centroid_parameters(const CentroidConfig& config, std::size_t out_channels,
                                               RandomStream& random);

}  // namespace convneat
