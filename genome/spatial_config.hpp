#pragma once
// Settings of the spatial front end: the layers every start genome carries, how centroid
// layers are set up, and the rates of the spatial mutations. The JSON keys, defaults and
// descriptions are declared once, in neat/config_schema.cpp. The front end is off when
// `layers` is empty.
#include <cstddef>
#include <vector>

#include "genome/spatial_gene.hpp"

namespace convneat {

// One layer of the start genome's stack.
struct LayerSpec {
  SharingMode mode = SharingMode::shared;
  std::size_t kernel_size = 3;
  std::size_t stride = 1;
  Padding padding;
  std::size_t channels = 4;  // output channels
  Activation activation = Activation::relu;
  Pooling pooling = Pooling::none;
  bool virtual_batch_norm = false;  // normalise the convolved map with reference statistics
  bool operator==(const LayerSpec&) const = default;
};

enum class CentroidInit { grid, random };

struct CentroidConfig {
  std::size_t count = 4;          // K, the kernel–centroid pairs of a centroid layer
  CentroidInit init = CentroidInit::grid;
  std::size_t grid_rows = 2;      // `grid`: K must equal rows × columns
  std::size_t grid_columns = 2;
  double sigma = 3.0;             // Σ_k starts as sigma · I
  double scale = 1.0;             // S: output cells have coordinates in [0, S]
  bool evolve_centroids = true;   // false: centroids stay where they were initialised
  bool evolve_shapes = true;      // false: Σ_k stays sigma · I
  bool per_feature = false;       // one set of centroids per output channel
  bool normalise = true;          // normalise the similarities over the K KCPs
};

struct SpatialConfig {
  ImageShape input;  // set from the task (it knows its images)
  std::size_t copies = 1;  // images per example, set from the task: the stack is applied to each
  std::vector<LayerSpec> layers;
  ReadoutKind readout = ReadoutKind::flatten;
  CentroidConfig centroid;

  // Kernels and biases start as N(0, kernel_init_scale² / fan_in) with fan_in = C_in·k·k;
  // perturbations have stdev kernel_mutate_power times that initial stdev.
  double kernel_init_scale = 1.0;
  double kernel_mutate_rate = 0.1;     // per parameter: probability of a perturbation
  double kernel_mutate_power = 0.5;
  double kernel_replace_rate = 0.01;   // per parameter not perturbed: probability of a new value
  double centroid_mutate_rate = 0.1;   // per centroid: probability of a move
  double centroid_mutate_power = 0.05; // stdev of a move, as a fraction of scale
  double shape_mutate_rate = 0.1;      // per KCP: probability of perturbing Σ_k
  double shape_mutate_power = 0.3;     // stdev of an entry's perturbation, as a fraction of sigma
  double norm_mutate_rate = 0.1;       // per virtual-batch-norm gain or shift: probability of a perturbation
  double norm_mutate_power = 0.1;      // stdev of that perturbation (gains start at 1, shifts at 0)

  double add_layer_rate = 0.0;         // per offspring: insert an identity layer (function-preserving)
  Activation added_layer_activation = Activation::identity;
  std::size_t added_layer_kernel = 3;  // odd, so that the identity kernel has a centre
  double add_channel_rate = 0.02;      // per offspring: one more output channel in a layer
  std::size_t max_channels = 64;
  // A channel added to the last layer: its readout joins every output with weight 0 (true),
  // or joins the graph unconnected, waiting for add-connection to pick its nodes (false).
  bool connect_new_channels = false;
  double mode_mutate_rate = 0.0;       // per offspring: shared → centroid or centroid → local

  // Compatibility (genome/spatial/compatibility.hpp): δ gains layer_coefficient per unmatched
  // layer or sharing-mode mismatch, channel_coefficient per matching layer's fraction of
  // unmatched output channels, and kernel_coefficient times the mean |difference| of aligned
  // kernel parameters (with align_common_channels also those of the channels two layers of
  // different channel counts both hold); separate_readout gives the readout connections their
  // own E/N and D/N (genome/compatibility.hpp). The defaults are δ as it was before channel
  // terms existed, so committed results keep their meaning; docs/speciation.md has what the
  // others do.
  double layer_coefficient = 1.0;
  double channel_coefficient = 0.0;
  double kernel_coefficient = 0.4;
  bool align_common_channels = false;  // false: only layers of one shape align their kernels
  bool separate_readout = false;

  bool enabled() const { return !layers.empty(); }
};

}  // namespace convneat
