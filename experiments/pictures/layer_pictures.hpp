#pragma once
// What the pictures of a spatial layer show, computed without drawing anything: which output
// cells are sampled, the kernel of a bank, the locally weighted kernel of a centroid layer
// Σ_k w_k(i, j) · W_k (docs/specs/spatial-layers.md "Pictures"), the map of the dominant KCP, and
// kernels normalised to [0, 1] and tiled into one image. gnuplot_pictures.hpp draws them.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "genome/spatial_gene.hpp"
#include "genome/spatial/geometry.hpp"

namespace convneat::pictures {

// A row-major image of values; NaN marks pixels that belong to no kernel (gaps, empty tiles).
struct Plane {
  std::size_t height = 0, width = 0;
  std::vector<double> values;
  double at(std::size_t row, std::size_t column) const { return values[row * width + column]; }
};

struct Cell {
  std::size_t row = 0, column = 0;
  bool operator==(const Cell&) const = default;
};

// `samples` indices spread evenly over [0, count − 1], first and last included (all of them
// when count <= samples), rounded to the nearest index.
std::vector<std::size_t> spread_indices(std::size_t count, std::size_t samples);

// A per_side × per_side subsample of an H' × W' map (fewer when the map is smaller), row-major.
std::vector<Cell> sampled_cells(std::size_t height, std::size_t width, std::size_t per_side);

// Affine map of the values onto [0, 1]: min → 0, max → 1. A constant kernel (max = min) maps
// to 0.5 everywhere: mid-grey says "flat" without claiming it is all low or all high.
std::vector<double> normalised(std::vector<double> values);

// W_b[o][c], k × k row-major.
std::vector<double> bank_kernel(const SpatialLayerGene& layer, std::size_t bank, std::size_t o, std::size_t c);

// The k × k kernel output channel o applies to input channel c at `cell` (effective_kernel,
// genome/spatial/geometry.hpp): Σ_k w_k(cell) · W_k[o][c] for a centroid layer, whose
// `weights` are kcp_weights(layer, H', W') for a map of `cells` = H'·W' cells.
std::vector<double> weighted_kernel(const SpatialLayerGene& layer, const std::vector<double>& weights,
                                    std::size_t cells, std::size_t cell, std::size_t o, std::size_t c);

// For each cell of the H' × W' map, the index k of the KCP with the largest w_k (output
// channel o's set with per_feature, else the one set); ties go to the smaller k.
Plane dominant_kcp_map(const SpatialLayerGene& layer, const std::vector<double>& weights, std::size_t height,
                       std::size_t width, std::size_t o);

// The centroids of output channel o's set in cell units, so they land on the map's pixels:
// x = c_x · (W' − 1) / S is a column, y = c_y · (H' − 1) / S a row (0 on a 1-cell side).
std::vector<Point2> centroid_cells(const SpatialLayerGene& layer, std::size_t height, std::size_t width,
                                   std::size_t o);

// Kernels laid out in rows and columns; an empty tile is drawn as a gap.
struct KernelGrid {
  std::size_t rows = 0, columns = 0, kernel_size = 0;
  // Row-major, each k × k or empty: normalised per tile to [0, 1], or, with a shared scale s,
  // the weights divided by s (in [−1, 1]).
  std::vector<std::vector<double>> tiles;
  std::vector<std::string> row_labels, column_labels;
  // Per tile, the KCP whose colour tints it (the dominant KCP of a centroid layer's cell, as
  // in its KCP map), or -1; empty when no tile is tinted (the picture is then grey).
  std::vector<int> tile_kcps;
  // Set when every tile shares one colour scale [−s, s] (0 is mid-grey, so signs and sizes
  // compare across kernels); unset when each tile is normalised on its own.
  std::optional<double> shared_scale;
  // Per row, the KCP whose colour labels it (a centroid layer's bank rows); empty otherwise.
  std::vector<int> row_kcps;
};

// The largest |weight| of the layer's kernels, or 1 when they are all 0.
double largest_weight(const SpatialLayerGene& layer);

// Every kernel of every bank as a grid: one row per (bank, input channel) — a centroid layer's
// K raw kernels are its KCPs, each row labelled in its KCP's colour — and one column per output
// channel, all on one shared colour scale (largest_weight).
KernelGrid bank_kernel_grid(const SpatialLayerGene& layer);

// The kernel used at each sampled cell — its own bank in a local layer, the weighted kernel
// in a centroid layer — for input channel 0: a block of per_side × per_side tiles per output
// channel, blocks left to right, an empty column of tiles between them. A local layer's tiles
// share one scale (largest_weight); a centroid layer's are normalised each and tinted by the
// cell's dominant KCP, so the picture reads beside its KCP map.
KernelGrid sampled_kernel_grid(const SpatialLayerGene& layer, const LayerGeometry& geometry, std::size_t per_side);

// One image of the grid: tile (r, t) starts at pixel (r·(k + 1), t·(k + 1)); the 1-pixel gaps
// between tiles are NaN.
Plane tiled(const KernelGrid& grid);

}  // namespace convneat::pictures
