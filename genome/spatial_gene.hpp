#pragma once
// Spatial layer genes: the convolutional front end a genome may carry in front of its graph
// (docs/architecture.md "Spatial layers"; the maths is in docs/specs/spatial-layers.md). A genome with a
// front end holds a SpatialStack; its graph's input nodes are then exactly the readout nodes
// of the stack's last layer (spatial/geometry.hpp).
//
// Tensors are CHW. Parameters are stored as double, like every other gene value, and are
// converted to float when the phenotype is compiled.
#include <cstddef>
#include <vector>

#include "genome/activation.hpp"
#include "genome/ids.hpp"

namespace convneat {

// How a layer shares its kernels over output cells.
enum class SharingMode {
  shared,    // one kernel bank everywhere (convolution)
  local,     // one kernel bank per output cell (locally connected)
  centroid,  // K kernel–centroid pairs blended by a normalised exponential similarity
};

enum class Pooling { none, max, mean };        // optional 2 × 2, stride 2, after the activation
enum class ReadoutKind { flatten, mean, max };  // how the last map becomes graph inputs

struct ImageShape {
  std::size_t channels = 0, height = 0, width = 0;
  std::size_t cells() const { return height * width; }
  std::size_t size() const { return channels * height * width; }
  bool operator==(const ImageShape&) const = default;
};

// `valid` (no padding), `same` (H' = ceil(H / stride), the extra cell, if any, padded at the
// bottom/right as TensorFlow does) or `amount` zero cells on every side.
struct Padding {
  enum class Kind { valid, same, explicit_amount } kind = Kind::valid;
  std::size_t amount = 0;  // used by explicit_amount
  bool operator==(const Padding&) const = default;
};

struct Point2 {
  double x = 0.0, y = 0.0;
  bool operator==(const Point2&) const = default;
};

// Row-major 2 × 2 matrix Σ = [[a, b], [c, d]]; the similarity is exp(-‖Σ·d‖²).
struct ShapeMatrix {
  double a = 1.0, b = 0.0, c = 0.0, d = 1.0;
  bool operator==(const ShapeMatrix&) const = default;
};

// The kernel–centroid pairs' positions and shapes (mode `centroid` only).
struct CentroidParameters {
  // K centroids, or K × C_out when `per_feature` (index k · C_out + o), in [0, scale]².
  std::vector<Point2> centroids;
  std::vector<ShapeMatrix> shapes;  // one per KCP (K)
  bool per_feature = false;
  bool normalise = true;  // divide each cell's similarities by their sum
  double scale = 1.0;     // S: output cells have coordinates in [0, S]
  bool operator==(const CentroidParameters&) const = default;
};

struct SpatialLayerGene {
  InnovationId innovation = 0;  // aligns layers in crossover and compatibility

  // Hyper-parameters, fixed when the layer is created except out_channels (mutation adds
  // channels) and in_channels (follows the previous layer).
  std::size_t kernel_size = 3;
  std::size_t stride = 1;
  Padding padding;
  std::size_t in_channels = 1;
  std::size_t out_channels = 1;
  Activation activation = Activation::relu;  // applied after blending, before pooling
  Pooling pooling = Pooling::none;

  SharingMode mode = SharingMode::shared;
  // Kernel banks: 1 (shared), H'·W' (local, row-major over output cells) or K (centroid).
  // Bank b's weight W[o][c][u][v] is kernels[((b·C_out + o)·C_in + c)·k·k + u·k + v] and
  // its bias b[o] is biases[b·C_out + o].
  std::size_t banks = 1;
  std::vector<double> kernels;
  std::vector<double> biases;
  CentroidParameters centroid;  // empty unless mode == centroid

  // Virtual batch norm (docs/spatial.md "Virtual batch norm"): when on, each output
  // channel's convolved map z is normalised with statistics fixed by a reference batch when
  // the phenotype is prepared, then scaled and shifted, before the activation:
  //   act(gain[o] · (z − mean[o]) / sqrt(var[o] + eps) + shift[o]).
  // gains and shifts hold C_out values each when on and are empty when off.
  bool virtual_batch_norm = false;
  std::vector<double> norm_gains;
  std::vector<double> norm_shifts;

  std::size_t bank_weight_count() const { return out_channels * in_channels * kernel_size * kernel_size; }
  double& weight(std::size_t bank, std::size_t o, std::size_t c, std::size_t u, std::size_t v) {
    return kernels[(((bank * out_channels + o) * in_channels + c) * kernel_size + u) * kernel_size + v];
  }
  double weight(std::size_t bank, std::size_t o, std::size_t c, std::size_t u, std::size_t v) const {
    return kernels[(((bank * out_channels + o) * in_channels + c) * kernel_size + u) * kernel_size + v];
  }
  bool operator==(const SpatialLayerGene&) const = default;
};

// The front end: the image shape it reads and its layers in order of application (not in
// innovation order: the order is the network's structure).
//
// `copies` is how many images one example holds (a pair: 2). The stack is stored once and
// applied to every copy with the same parameters (tied weights, as a siamese network), and
// the copies' readouts feed distinct graph inputs, copy-major.
struct SpatialStack {
  ImageShape input;
  std::vector<SpatialLayerGene> layers;
  ReadoutKind readout = ReadoutKind::flatten;
  std::size_t copies = 1;
  bool operator==(const SpatialStack&) const = default;
};

}  // namespace convneat
