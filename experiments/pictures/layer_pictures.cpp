#include "experiments/pictures/layer_pictures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace convneat::pictures {
namespace {

double cell_units(double coordinate, std::size_t count, double scale) {
  return count <= 1 || scale == 0.0 ? 0.0 : coordinate * static_cast<double>(count - 1) / scale;
}

std::string numbered(const char* name, std::size_t index) {
  std::string text = name;
  text += ' ';
  text += std::to_string(index);
  return text;
}

// The kernel of output channel o, input channel 0, at `cell` of the convolved map.
std::vector<double> kernel_at_cell(const SpatialLayerGene& layer, const std::vector<double>& weights,
                                   std::size_t cells, std::size_t cell, std::size_t o) {
  return weighted_kernel(layer, weights, cells, cell, o, 0);
}

// Weights divided by the sheet's scale: in [−1, 1], the same resolution whatever the scale.
std::vector<double> on_scale(std::vector<double> kernel, double scale) {
  for (double& weight : kernel) weight /= scale;
  return kernel;
}

}  // namespace

std::vector<std::size_t> spread_indices(std::size_t count, std::size_t samples) {
  std::vector<std::size_t> indices;
  if (count == 0 || samples == 0) return indices;
  if (count <= samples || samples == 1) {
    for (std::size_t i = 0; i < std::min(count, samples); ++i) indices.push_back(i);
    return indices;
  }
  const double step = static_cast<double>(count - 1) / static_cast<double>(samples - 1);
  for (std::size_t s = 0; s < samples; ++s)
    indices.push_back(static_cast<std::size_t>(std::lround(step * static_cast<double>(s))));
  return indices;
}

std::vector<Cell> sampled_cells(std::size_t height, std::size_t width, std::size_t per_side) {
  std::vector<Cell> cells;
  for (std::size_t row : spread_indices(height, per_side))
    for (std::size_t column : spread_indices(width, per_side)) cells.push_back({row, column});
  return cells;
}

std::vector<double> normalised(std::vector<double> values) {
  if (values.empty()) return values;
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  const double min = *low, range = *high - *low;
  for (double& v : values) v = range > 0.0 ? (v - min) / range : 0.5;
  return values;
}

std::vector<double> bank_kernel(const SpatialLayerGene& layer, std::size_t bank, std::size_t o, std::size_t c) {
  const std::size_t k = layer.kernel_size;
  std::vector<double> kernel(k * k);
  for (std::size_t u = 0; u < k; ++u)
    for (std::size_t v = 0; v < k; ++v) kernel[u * k + v] = layer.weight(bank, o, c, u, v);
  return kernel;
}

std::vector<double> weighted_kernel(const SpatialLayerGene& layer, const std::vector<double>& weights,
                                    std::size_t cells, std::size_t cell, std::size_t o, std::size_t c) {
  const std::size_t area = layer.kernel_size * layer.kernel_size;
  const std::vector<double> kernel = effective_kernel(layer, weights, cells, cell, o).kernel;
  const auto first = kernel.begin() + static_cast<std::ptrdiff_t>(c * area);
  return {first, first + static_cast<std::ptrdiff_t>(area)};
}

Plane dominant_kcp_map(const SpatialLayerGene& layer, const std::vector<double>& weights, std::size_t height,
                       std::size_t width, std::size_t o) {
  const std::size_t cells = height * width, count = layer.centroid.shapes.size();
  Plane map{height, width, std::vector<double>(cells, 0.0)};
  for (std::size_t cell = 0; cell < cells; ++cell) {
    std::size_t best = 0;
    for (std::size_t k = 1; k < count; ++k)  // strict >: ties keep the smaller k
      if (weights[kcp_weight_index(layer, k, o, cell, cells)] > weights[kcp_weight_index(layer, best, o, cell, cells)])
        best = k;
    map.values[cell] = static_cast<double>(best);
  }
  return map;
}

std::vector<Point2> centroid_cells(const SpatialLayerGene& layer, std::size_t height, std::size_t width,
                                   std::size_t o) {
  const CentroidParameters& kcp = layer.centroid;
  const std::size_t sets = kcp.per_feature ? layer.out_channels : 1;
  const std::size_t set = kcp.per_feature ? o : 0;
  std::vector<Point2> points;
  for (std::size_t k = 0; k < kcp.shapes.size(); ++k) {
    const Point2& c = kcp.centroids[k * sets + set];
    points.push_back({cell_units(c.x, width, kcp.scale), cell_units(c.y, height, kcp.scale)});
  }
  return points;
}

double largest_weight(const SpatialLayerGene& layer) {
  double largest = 0.0;
  for (double weight : layer.kernels) largest = std::max(largest, std::abs(weight));
  return largest > 0.0 ? largest : 1.0;
}

KernelGrid bank_kernel_grid(const SpatialLayerGene& layer) {
  KernelGrid grid{layer.banks * layer.in_channels, layer.out_channels, layer.kernel_size, {}, {}, {}, {}, {}, {}};
  grid.shared_scale = largest_weight(layer);
  const bool kcps = layer.mode == SharingMode::centroid;
  for (std::size_t b = 0; b < layer.banks; ++b)
    for (std::size_t c = 0; c < layer.in_channels; ++c) {
      grid.row_labels.push_back(layer.banks > 1 ? numbered(kcps ? "KCP" : "bank", b) + ", " + numbered("in", c)
                                                : numbered("in", c));
      if (kcps) grid.row_kcps.push_back(static_cast<int>(b));
      for (std::size_t o = 0; o < layer.out_channels; ++o)
        grid.tiles.push_back(on_scale(bank_kernel(layer, b, o, c), *grid.shared_scale));
    }
  for (std::size_t o = 0; o < layer.out_channels; ++o) grid.column_labels.push_back(numbered("out", o));
  return grid;
}

KernelGrid sampled_kernel_grid(const SpatialLayerGene& layer, const LayerGeometry& geometry, std::size_t per_side) {
  const std::size_t height = geometry.convolved.height, width = geometry.convolved.width;
  const std::vector<std::size_t> rows = spread_indices(height, per_side), columns = spread_indices(width, per_side);
  const std::size_t block = columns.size() + 1;  // the block's columns and the gap after it
  const std::vector<double> weights =
      layer.mode == SharingMode::centroid ? kcp_weights(layer, height, width) : std::vector<double>{};
  KernelGrid grid{rows.size(), block * layer.out_channels - 1, layer.kernel_size, {}, {}, {}, {}, {}, {}};
  grid.tiles.assign(grid.rows * grid.columns, {});
  const bool tinted = layer.mode == SharingMode::centroid;
  if (tinted)
    grid.tile_kcps.assign(grid.rows * grid.columns, -1);
  else
    grid.shared_scale = largest_weight(layer);  // a local layer's kernels, as its sheet compares them
  for (std::size_t o = 0; o < layer.out_channels; ++o) {
    const Plane dominant = tinted ? dominant_kcp_map(layer, weights, height, width, o) : Plane{};
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (std::size_t t = 0; t < columns.size(); ++t) {
        const std::size_t tile = r * grid.columns + o * block + t;
        const std::vector<double> kernel = kernel_at_cell(layer, weights, height * width, rows[r] * width + columns[t], o);
        grid.tiles[tile] = tinted ? normalised(kernel) : on_scale(kernel, *grid.shared_scale);
        if (tinted) grid.tile_kcps[tile] = static_cast<int>(dominant.at(rows[r], columns[t]));
      }
  }
  for (std::size_t r = 0; r < rows.size(); ++r) grid.row_labels.push_back(numbered("row", rows[r]));
  for (std::size_t o = 0; o < layer.out_channels; ++o) {
    for (std::size_t column : columns) grid.column_labels.push_back(numbered("out", o) + ", " + numbered("col", column));
    if (o + 1 < layer.out_channels) grid.column_labels.emplace_back();
  }
  return grid;
}

Plane tiled(const KernelGrid& grid) {
  if (grid.rows == 0 || grid.columns == 0) return Plane{};
  const std::size_t k = grid.kernel_size, pitch = k + 1;
  Plane plane{grid.rows * pitch - 1, grid.columns * pitch - 1, {}};
  plane.values.assign(plane.height * plane.width, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t r = 0; r < grid.rows; ++r)
    for (std::size_t t = 0; t < grid.columns; ++t) {
      const std::vector<double>& tile = grid.tiles[r * grid.columns + t];
      if (tile.empty()) continue;
      for (std::size_t u = 0; u < k; ++u)
        for (std::size_t v = 0; v < k; ++v) plane.values[(r * pitch + u) * plane.width + t * pitch + v] = tile[u * k + v];
    }
  return plane;
}

}  // namespace convneat::pictures
