#include "genome/spatial/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace convneat {
namespace {

struct AxisGeometry {
  std::size_t size = 0;
  std::size_t pad_before = 0;
};

// One spatial axis: output size and padding before cell 0 (spec: H' = floor((H + 2p − k)/s) + 1;
// `same` keeps ceil(H / s) with the odd extra padding after the last cell).
AxisGeometry axis_geometry(std::size_t input, const SpatialLayerGene& layer) {
  const std::size_t k = layer.kernel_size, s = layer.stride;
  switch (layer.padding.kind) {
    case Padding::Kind::same: {
      const std::size_t size = (input + s - 1) / s;
      const std::size_t needed = (size - 1) * s + k;
      const std::size_t total = needed > input ? needed - input : 0;
      return {size, total / 2};
    }
    case Padding::Kind::valid:
    case Padding::Kind::explicit_amount: {
      const std::size_t p = layer.padding.kind == Padding::Kind::valid ? 0 : layer.padding.amount;
      if (input + 2 * p < k) return {0, p};
      return {(input + 2 * p - k) / s + 1, p};
    }
  }
  return {};
}

// ‖Σ · (c − (x, y))‖²
double shaped_squared_distance(const Point2& centroid, const ShapeMatrix& m, double x, double y) {
  const double dx = centroid.x - x, dy = centroid.y - y;
  const double px = m.a * dx + m.b * dy, py = m.c * dx + m.d * dy;
  return px * px + py * py;
}

double cell_coordinate(std::size_t index, std::size_t count, double scale) {
  return count <= 1 ? 0.0 : scale * static_cast<double>(index) / static_cast<double>(count - 1);
}

}  // namespace

LayerGeometry layer_geometry(const SpatialLayerGene& layer, const ImageShape& input) {
  const std::string name = "spatial layer " + std::to_string(layer.innovation);
  if (layer.kernel_size == 0 || layer.stride == 0)
    throw std::invalid_argument(name + ": kernel size and stride must be at least 1");
  if (input.channels != layer.in_channels)
    throw std::invalid_argument(name + ": expects " + std::to_string(layer.in_channels) + " input channels, gets " +
                                std::to_string(input.channels));
  const AxisGeometry rows = axis_geometry(input.height, layer);
  const AxisGeometry columns = axis_geometry(input.width, layer);
  if (rows.size == 0 || columns.size == 0)
    throw std::invalid_argument(name + ": a " + std::to_string(layer.kernel_size) + "x" +
                                std::to_string(layer.kernel_size) + " kernel does not fit a " +
                                std::to_string(input.height) + "x" + std::to_string(input.width) + " input");
  LayerGeometry geometry;
  geometry.input = input;
  geometry.convolved = {layer.out_channels, rows.size, columns.size};
  geometry.output = geometry.convolved;
  if (layer.pooling != Pooling::none) {
    geometry.output.height /= 2;
    geometry.output.width /= 2;
    if (geometry.output.cells() == 0)
      throw std::invalid_argument(name + ": 2x2 pooling of a " + std::to_string(rows.size) + "x" +
                                  std::to_string(columns.size) + " map leaves no cell");
  }
  geometry.pad_top = rows.pad_before;
  geometry.pad_left = columns.pad_before;
  return geometry;
}

std::vector<LayerGeometry> stack_geometry(const SpatialStack& stack) {
  std::vector<LayerGeometry> geometry;
  ImageShape shape = stack.input;
  for (const SpatialLayerGene& layer : stack.layers) {
    geometry.push_back(layer_geometry(layer, shape));
    shape = geometry.back().output;
  }
  return geometry;
}

ImageShape final_map_shape(const SpatialStack& stack) {
  const auto geometry = stack_geometry(stack);
  return geometry.empty() ? stack.input : geometry.back().output;
}

std::size_t readout_size(const SpatialStack& stack) {
  const ImageShape shape = final_map_shape(stack);
  return stack.readout == ReadoutKind::flatten ? shape.size() : shape.channels;
}

NodeId readout_node_id(InnovationId layer, std::size_t channel, std::size_t cell, std::size_t copy) {
  if (layer > kMaxReadoutLayerId || channel >= kMaxChannels || cell >= kMaxCells || copy >= kMaxCopies)
    throw std::invalid_argument("readout node (copy " + std::to_string(copy) + ", layer " + std::to_string(layer) +
                                ", channel " + std::to_string(channel) + ", cell " + std::to_string(cell) +
                                ") is out of the id range (copy < 2^4, layer < 2^15, channel < 2^12, cell < 2^20)");
  return (NodeId{1} << 51) + (NodeId{copy} << 47) + (NodeId{layer} << 32) + (NodeId{channel} << 20) + NodeId{cell};
}

bool is_readout_node_id(NodeId node) { return node >= (NodeId{1} << 51) && node < (NodeId{1} << 52); }

ReadoutSource readout_source(NodeId node) {
  return {static_cast<std::size_t>((node >> 47) & (kMaxCopies - 1)),
          static_cast<std::size_t>((node >> 20) & (kMaxChannels - 1)), static_cast<std::size_t>(node & (kMaxCells - 1))};
}

std::vector<NodeId> readout_nodes(const SpatialStack& stack) {
  if (stack.layers.empty()) return {};
  const ImageShape shape = final_map_shape(stack);
  const InnovationId layer = stack.layers.back().innovation;
  const std::size_t cells = stack.readout == ReadoutKind::flatten ? shape.cells() : 1;
  std::vector<NodeId> nodes;
  nodes.reserve(stack.copies * shape.channels * cells);
  for (std::size_t copy = 0; copy < stack.copies; ++copy)
    for (std::size_t channel = 0; channel < shape.channels; ++channel)
      for (std::size_t cell = 0; cell < cells; ++cell) nodes.push_back(readout_node_id(layer, channel, cell, copy));
  return nodes;
}

std::vector<double> kcp_weights(const SpatialLayerGene& layer, std::size_t out_height, std::size_t out_width) {
  const CentroidParameters& kcp = layer.centroid;
  const std::size_t count = kcp.shapes.size();
  const std::size_t sets = kcp.per_feature ? layer.out_channels : 1;
  const std::size_t cells = out_height * out_width;
  if (count == 0 || kcp.centroids.size() != count * sets)
    throw std::invalid_argument("spatial layer " + std::to_string(layer.innovation) + ": " +
                                std::to_string(kcp.centroids.size()) + " centroids for " + std::to_string(count) +
                                " KCPs" + (kcp.per_feature ? " per feature" : ""));
  std::vector<double> weights(count * sets * cells);
  std::vector<double> distance(count);
  for (std::size_t set = 0; set < sets; ++set) {
    for (std::size_t i = 0; i < out_height; ++i) {
      const double y = cell_coordinate(i, out_height, kcp.scale);
      for (std::size_t j = 0; j < out_width; ++j) {
        const double x = cell_coordinate(j, out_width, kcp.scale);
        for (std::size_t k = 0; k < count; ++k)
          distance[k] = shaped_squared_distance(kcp.centroids[k * sets + set], kcp.shapes[k], x, y);
        // Normalised weights are a softmax of -distance: shifting by the smallest distance
        // changes nothing mathematically and keeps the nearest KCP's term at exp(0) = 1, so
        // a cell far from every centroid never divides 0 by 0.
        const double shift = kcp.normalise ? *std::min_element(distance.begin(), distance.end()) : 0.0;
        double total = 0.0;
        for (double& d : distance) total += (d = std::exp(shift - d));
        const std::size_t cell = i * out_width + j;
        for (std::size_t k = 0; k < count; ++k)
          weights[(k * sets + set) * cells + cell] = kcp.normalise ? distance[k] / total : distance[k];
      }
    }
  }
  return weights;
}

std::size_t kernel_banks(SharingMode mode, const LayerGeometry& geometry, std::size_t centroid_pairs) {
  switch (mode) {
    case SharingMode::shared: return 1;
    case SharingMode::local: return geometry.convolved.cells();
    case SharingMode::centroid: return centroid_pairs;
  }
  return 1;
}

std::size_t kernel_banks(const SpatialLayerGene& layer, const LayerGeometry& geometry) {
  return kernel_banks(layer.mode, geometry, layer.centroid.shapes.size());
}

std::size_t kcp_weight_index(const SpatialLayerGene& layer, std::size_t k, std::size_t o, std::size_t cell,
                             std::size_t cells) {
  const std::size_t sets = layer.centroid.per_feature ? layer.out_channels : 1;
  const std::size_t set = layer.centroid.per_feature ? o : 0;
  return (k * sets + set) * cells + cell;
}

CellKernel effective_kernel(const SpatialLayerGene& layer, const std::vector<double>& weights, std::size_t cells,
                            std::size_t cell, std::size_t o) {
  const std::size_t slice = layer.in_channels * layer.kernel_size * layer.kernel_size;
  CellKernel result{std::vector<double>(slice, 0.0), 0.0};
  const auto add_bank = [&](std::size_t bank, double weight) {
    const std::size_t offset = (bank * layer.out_channels + o) * slice;
    for (std::size_t t = 0; t < slice; ++t) result.kernel[t] += weight * layer.kernels[offset + t];
    result.bias += weight * layer.biases[bank * layer.out_channels + o];
  };
  switch (layer.mode) {
    case SharingMode::shared: add_bank(0, 1.0); break;
    case SharingMode::local: add_bank(cell, 1.0); break;
    case SharingMode::centroid:
      for (std::size_t k = 0; k < layer.banks; ++k) add_bank(k, weights[kcp_weight_index(layer, k, o, cell, cells)]);
      break;
  }
  return result;
}

std::size_t parameter_count(const SpatialLayerGene& layer) {
  const std::size_t banks = layer.banks * (layer.bank_weight_count() + layer.out_channels);
  const std::size_t normalisation = layer.norm_gains.size() + layer.norm_shifts.size();
  if (layer.mode != SharingMode::centroid) return banks + normalisation;
  return banks + normalisation + 2 * layer.centroid.centroids.size() + 4 * layer.centroid.shapes.size();
}

std::size_t parameter_count(const SpatialStack& stack) {
  std::size_t total = 0;
  for (const SpatialLayerGene& layer : stack.layers) total += parameter_count(layer);
  return total;
}

}  // namespace convneat
