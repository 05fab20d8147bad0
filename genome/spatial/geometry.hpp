#pragma once
// What follows from a spatial stack's hyper-parameters: the shape of every layer's input and
// output, the graph input nodes its readout feeds, the KCP blending weights of a centroid
// layer, and parameter counts. Both the phenotype (nets/) and the function-preserving
// mutations (genome/) compute with these, so they live here, once.
#include <cstddef>
#include <vector>

#include "genome/spatial_gene.hpp"

namespace convneat {

struct LayerGeometry {
  ImageShape input;
  ImageShape convolved;  // C_out × H' × W', before pooling
  ImageShape output;     // after pooling (= convolved without pooling)
  std::size_t pad_top = 0, pad_left = 0;  // zero cells before row 0 / column 0
};

// Geometry of one layer given its input; throws std::invalid_argument (naming the layer)
// when the kernel does not fit or pooling would leave no cell.
LayerGeometry layer_geometry(const SpatialLayerGene& layer, const ImageShape& input);

// Geometry of every layer in order; throws like layer_geometry.
std::vector<LayerGeometry> stack_geometry(const SpatialStack& stack);

// Shape of the last map, and the number of values the readout of one image passes to the
// graph (the graph has stack.copies times as many inputs).
ImageShape final_map_shape(const SpatialStack& stack);
std::size_t readout_size(const SpatialStack& stack);

// Graph input node fed by the readout of (copy, layer, channel, cell); cell is 0 for pooled
// readouts. Ids are 2^51 + copy·2^47 + layer·2^32 + channel·2^20 + cell: disjoint from
// counted node ids (small) and from node_pair's hashed ids ([2^52, 2^53)), exact as JSON
// doubles, and stable when channels are added. Copy 0 has the ids a single-image stack had
// before copies existed, so older genomes still load. The layer is always a start layer (ids
// 0..L−1, the readout layer never changes), so 15 bits are ample. Sorting the ids gives
// copy-major, channel-major, row-major cell order.
inline constexpr std::size_t kMaxReadoutLayerId = (std::size_t{1} << 15) - 1;
inline constexpr std::size_t kMaxCopies = (std::size_t{1} << 4);
inline constexpr std::size_t kMaxChannels = (std::size_t{1} << 12);
inline constexpr std::size_t kMaxCells = (std::size_t{1} << 20);
NodeId readout_node_id(InnovationId layer, std::size_t channel, std::size_t cell, std::size_t copy = 0);
bool is_readout_node_id(NodeId node);

// What a readout node id says (its inverse): the copy, channel and cell it reads.
struct ReadoutSource {
  std::size_t copy = 0, channel = 0, cell = 0;
  bool operator==(const ReadoutSource&) const = default;
};
ReadoutSource readout_source(NodeId node);

// Every readout node of the stack, every copy, sorted (the graph's inputs in order).
std::vector<NodeId> readout_nodes(const SpatialStack& stack);

// Blending weights w_k(i, j) of a centroid layer whose convolved map is H' × W' (spec
// "centroid"): result[(k · C + o) · H'·W' + i · W' + j] with C = C_out when per_feature,
// else C = 1 (o = 0).
std::vector<double> kcp_weights(const SpatialLayerGene& layer, std::size_t out_height, std::size_t out_width);

// Kernel banks a layer of `mode` holds for its geometry (spec "Modes"): one when shared, one
// per convolved cell when local, one per kernel–centroid pair when centroid. The genotype's
// invariants, the start stack and the phenotype all ask this one function.
std::size_t kernel_banks(SharingMode mode, const LayerGeometry& geometry, std::size_t centroid_pairs);
// The same for a gene, whose centroid pairs are its KCP shapes.
std::size_t kernel_banks(const SpatialLayerGene& layer, const LayerGeometry& geometry);

// Where kcp_weights keeps w_k at `cell` for output channel o: a per-feature layer has a set
// of blending weights per output channel, any other one set for all.
std::size_t kcp_weight_index(const SpatialLayerGene& layer, std::size_t k, std::size_t o, std::size_t cell,
                             std::size_t cells);

// What output channel o applies at `cell` of the convolved map (spec "Modes"): bank 0 when
// shared, bank `cell` when local, Σ_k w_k(cell) · bank k when centroid (`weights` from
// kcp_weights, `cells` = H'·W'). `kernel` holds C_in·k·k weights in the gene's order, input
// channel c at [c·k·k, (c+1)·k·k).
struct CellKernel {
  std::vector<double> kernel;
  double bias = 0.0;
};
CellKernel effective_kernel(const SpatialLayerGene& layer, const std::vector<double>& weights, std::size_t cells,
                            std::size_t cell, std::size_t o);

// Parameters the layer holds (kernels, biases, 6 per KCP or 2 per extra per-feature
// centroid, as the spec counts them, and a gain and a shift per output channel with virtual
// batch norm). A stack counts its layers once however many copies it is applied to: tied
// weights are one set of parameters.
std::size_t parameter_count(const SpatialLayerGene& layer);
std::size_t parameter_count(const SpatialStack& stack);

}  // namespace convneat
