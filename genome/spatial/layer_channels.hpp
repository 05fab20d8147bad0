#pragma once
// Changing a layer's channel counts while keeping every weight it already has: the add-channel
// mutation and the channel repair after crossover.
#include <cstddef>

#include "genome/genome.hpp"
#include "genome/innovation/innovation_policy.hpp"
#include "genome/random.hpp"
#include "genome/spatial_config.hpp"
#include "genome/spatial_gene.hpp"

namespace convneat {

// Resizes the input-channel axis of every bank to `channels`: input channels below both the
// old and the new count keep their weights, new ones get weight 0, extra ones are dropped.
void resize_input_channels(SpatialLayerGene& layer, std::size_t channels);

// Appends output channel C_out to every bank (every cell bank of a local layer, every KCP of a
// centroid layer) with kernel weights and bias ~ N(0, stdev²); existing channels are kept
// exactly. A per-feature centroid layer gives the new channel a copy of channel 0's centroids,
// so that it starts with the spatial division the layer has evolved.
void append_output_channel(SpatialLayerGene& layer, double stdev, RandomStream& random);

// Function-preserving add channel on layer `index` of the genome's stack: the next layer, if
// any, reads the new channel with weight 0 in every bank; after the last layer the new readout
// nodes join the graph unconnected. No existing readout node id changes.
void add_channel(Genome& genome, std::size_t index, const SpatialConfig& config, RandomStream& random);

// Joins every readout node of the last layer's channel `channel`, just added and so without
// links, to every output node with weight 0, each link a new connection gene from
// `innovations`. Output nodes that sum their inputs (the only aggregation the config allows
// with connect_new_channels) then compute what they did, and weight mutation or gradient
// training can take the channel up. What connect_new_channels does after a channel is added.
void connect_readout_channel(Genome& genome, std::size_t channel, InnovationPolicy& innovations);

}  // namespace convneat
