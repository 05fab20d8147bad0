#pragma once
// A naive reference for the spatial front end: plain nested loops in double, straight from
// the formulas of docs/specs/spatial-layers.md, written apart from nets/ so that the tests
// compare two independent readings of the spec (tests/test_spatial_layers.cpp).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include "genome/spatial/geometry.hpp"
#include "genome/spatial_gene.hpp"
#include "nets/activation_functions.hpp"

namespace convneat::testing {

using Image = std::vector<double>;  // one C × H × W image, CHW

struct Axis {
  std::size_t size = 0, pad = 0;  // output cells, zero cells before the first input cell
};

// H' = floor((H + 2p − k) / s) + 1; `same`: H' = ceil(H / s), padding (H' − 1)·s + k − H
// split with the odd cell at the end.
inline Axis reference_axis(std::size_t n, const SpatialLayerGene& layer) {
  const std::size_t k = layer.kernel_size, s = layer.stride;
  if (layer.padding.kind == Padding::Kind::same) {
    const std::size_t size = (n + s - 1) / s;
    const std::size_t needed = (size - 1) * s + k;
    return {size, needed > n ? (needed - n) / 2 : 0};
  }
  const std::size_t p = layer.padding.kind == Padding::Kind::valid ? 0 : layer.padding.amount;
  return {(n + 2 * p - k) / s + 1, p};
}

// w_k(i, j) for output channel o: exp(−‖Σ_k (c_k − (x_j, y_i))‖²), normalised over k.
inline std::vector<double> reference_kcp_weights(const SpatialLayerGene& layer, std::size_t o, std::size_t i,
                                                 std::size_t j, std::size_t out_height, std::size_t out_width) {
  const CentroidParameters& kcp = layer.centroid;
  const double scale = kcp.scale;
  const double y = out_height == 1 ? 0.0 : scale * static_cast<double>(i) / static_cast<double>(out_height - 1);
  const double x = out_width == 1 ? 0.0 : scale * static_cast<double>(j) / static_cast<double>(out_width - 1);
  const std::size_t count = kcp.shapes.size(), sets = kcp.per_feature ? layer.out_channels : 1;
  std::vector<double> w(count);
  double total = 0.0;
  for (std::size_t k = 0; k < count; ++k) {
    const Point2& c = kcp.centroids[k * sets + (kcp.per_feature ? o : 0)];
    const ShapeMatrix& m = kcp.shapes[k];
    const double dx = c.x - x, dy = c.y - y;
    const double px = m.a * dx + m.b * dy, py = m.c * dx + m.d * dy;
    total += (w[k] = std::exp(-(px * px + py * py)));
  }
  if (kcp.normalise)
    for (double& value : w) value /= total;
  return w;
}

inline std::pair<Image, ImageShape> reference_pool(Pooling pooling, const Image& x, const ImageShape& shape) {
  if (pooling == Pooling::none) return {x, shape};
  const ImageShape out{shape.channels, shape.height / 2, shape.width / 2};
  Image y(out.size());
  for (std::size_t c = 0; c < out.channels; ++c)
    for (std::size_t i = 0; i < out.height; ++i)
      for (std::size_t j = 0; j < out.width; ++j) {
        const auto at = [&](std::size_t a, std::size_t b) { return x[(c * shape.height + 2 * i + a) * shape.width + 2 * j + b]; };
        y[(c * out.height + i) * out.width + j] = pooling == Pooling::max
                                                      ? std::max({at(0, 0), at(0, 1), at(1, 0), at(1, 1)})
                                                      : (at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)) / 4.0;
      }
  return {y, out};
}

// One layer on one image; `shape` becomes the output shape.
inline Image reference_layer(const SpatialLayerGene& layer, const Image& x, ImageShape& shape) {
  const Axis rows = reference_axis(shape.height, layer), columns = reference_axis(shape.width, layer);
  const std::size_t k = layer.kernel_size, s = layer.stride, out_channels = layer.out_channels;
  const auto input = [&](std::size_t c, long y, long x_) -> double {
    if (y < 0 || x_ < 0 || y >= static_cast<long>(shape.height) || x_ >= static_cast<long>(shape.width)) return 0.0;
    return x[(c * shape.height + static_cast<std::size_t>(y)) * shape.width + static_cast<std::size_t>(x_)];
  };
  // b[o] + Σ_{c,u,v} W[o, c, u, v] · x[c, i·s + u − p, j·s + v − p] with bank `bank`.
  const auto bank_sum = [&](std::size_t bank, std::size_t o, std::size_t i, std::size_t j) {
    double sum = layer.biases[bank * out_channels + o];
    for (std::size_t c = 0; c < layer.in_channels; ++c)
      for (std::size_t u = 0; u < k; ++u)
        for (std::size_t v = 0; v < k; ++v)
          sum += layer.weight(bank, o, c, u, v) * input(c, static_cast<long>(i * s + u) - static_cast<long>(rows.pad),
                                                        static_cast<long>(j * s + v) - static_cast<long>(columns.pad));
    return sum;
  };
  const ImageShape convolved{out_channels, rows.size, columns.size};
  Image y(convolved.size());
  for (std::size_t o = 0; o < out_channels; ++o)
    for (std::size_t i = 0; i < rows.size; ++i)
      for (std::size_t j = 0; j < columns.size; ++j) {
        double pre = 0.0;
        if (layer.mode == SharingMode::shared) pre = bank_sum(0, o, i, j);
        if (layer.mode == SharingMode::local) pre = bank_sum(i * columns.size + j, o, i, j);
        if (layer.mode == SharingMode::centroid) {
          const std::vector<double> w = reference_kcp_weights(layer, o, i, j, rows.size, columns.size);
          for (std::size_t kcp = 0; kcp < w.size(); ++kcp) pre += w[kcp] * bank_sum(kcp, o, i, j);
        }
        y[(o * rows.size + i) * columns.size + j] = activate(layer.activation, pre);
      }
  auto [pooled, pooled_shape] = reference_pool(layer.pooling, y, convolved);
  shape = pooled_shape;
  return pooled;
}

inline Image reference_readout(ReadoutKind kind, const Image& x, const ImageShape& shape) {
  if (kind == ReadoutKind::flatten) return x;
  Image features(shape.channels);
  for (std::size_t c = 0; c < shape.channels; ++c) {
    const auto begin = x.begin() + static_cast<long>(c * shape.cells()), end = begin + static_cast<long>(shape.cells());
    features[c] = kind == ReadoutKind::max ? *std::max_element(begin, end)
                                           : std::accumulate(begin, end, 0.0) / static_cast<double>(shape.cells());
  }
  return features;
}

// The maps after the first `layers` layers of the stack, for every image of a batch (row
// after row).
inline std::vector<Image> reference_maps(const SpatialStack& stack, const std::vector<float>& images,
                                         std::size_t batch, std::size_t layers, ImageShape* shape_out = nullptr) {
  std::vector<Image> results;
  for (std::size_t n = 0; n < batch; ++n) {
    ImageShape shape = stack.input;
    Image x(images.begin() + static_cast<long>(n * shape.size()), images.begin() + static_cast<long>((n + 1) * shape.size()));
    for (std::size_t l = 0; l < layers; ++l) x = reference_layer(stack.layers[l], x, shape);
    results.push_back(x);
    if (shape_out != nullptr) *shape_out = shape;
  }
  return results;
}

// The readout features of the whole stack for every image.
inline std::vector<Image> reference_features(const SpatialStack& stack, const std::vector<float>& images,
                                             std::size_t batch) {
  ImageShape shape;
  std::vector<Image> maps = reference_maps(stack, images, batch, stack.layers.size(), &shape);
  for (Image& x : maps) x = reference_readout(stack.readout, x, shape);
  return maps;
}

}  // namespace convneat::testing
