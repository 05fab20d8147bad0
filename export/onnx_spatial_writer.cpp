#include "export/onnx_spatial_writer.hpp"

#include <cstdint>
#include <vector>

#include "genome/spatial/geometry.hpp"
#include "nets/virtual_batch_norm.hpp"

namespace convneat::onnx_export {
namespace {

std::int64_t dim(std::size_t value) { return static_cast<std::int64_t>(value); }

std::vector<float> to_floats(const std::vector<double>& values) { return {values.begin(), values.end()}; }

// Padding after the last row (or column): enough that ONNX's floor((in + before + after − k) / s) + 1
// is `out`; cells beyond what the last output reads are never needed.
std::size_t pad_after(const SpatialLayerGene& layer, std::size_t in, std::size_t out, std::size_t before) {
  const std::size_t reach = (out - 1) * layer.stride + layer.kernel_size;
  return reach > in + before ? reach - in - before : 0;
}

// Conv of `x` with `weights` [M, C_in, k, k] and, unless `bias` is empty, `bias` [M].
std::string conv(GraphBuilder& builder, const SpatialLayerGene& layer, const LayerGeometry& geometry,
                 const std::string& x, const std::string& weights, const std::string& bias) {
  const ImageShape &in = geometry.input, &out = geometry.convolved;
  const std::vector<std::int64_t> pads{dim(geometry.pad_top), dim(geometry.pad_left),
                                       dim(pad_after(layer, in.height, out.height, geometry.pad_top)),
                                       dim(pad_after(layer, in.width, out.width, geometry.pad_left))};
  const auto k = dim(layer.kernel_size), s = dim(layer.stride);
  std::vector<std::string> inputs{x, weights};
  if (!bias.empty()) inputs.push_back(bias);
  return builder.node("Conv", inputs, {{"kernel_shape", std::vector{k, k}}, {"strides", std::vector{s, s}}, {"pads", pads}});
}

// Every kernel bank of the gene as Conv weights [banks·C_out, C_in, k, k] (the gene's layout).
std::string kernel_banks(GraphBuilder& builder, const SpatialLayerGene& layer) {
  const auto k = dim(layer.kernel_size);
  return builder.floats(to_floats(layer.kernels), {dim(layer.banks * layer.out_channels), dim(layer.in_channels), k, k});
}

std::string shared_layer(GraphBuilder& builder, const SpatialLayerGene& layer, const LayerGeometry& geometry,
                         const std::string& x) {
  const std::string bias = builder.floats(to_floats(layer.biases), {dim(layer.out_channels)});
  return conv(builder, layer, geometry, x, kernel_banks(builder, layer), bias);
}

// Σ_k w_k(i, j) · (b_k + W_k ∗ x): all K banks in one Conv, then weighted and summed over k.
std::string centroid_layer(GraphBuilder& builder, const SpatialLayerGene& layer, const LayerGeometry& geometry,
                           const std::string& x) {
  const auto kcps = dim(layer.banks), channels = dim(layer.out_channels);
  const auto height = dim(geometry.convolved.height), width = dim(geometry.convolved.width);
  const auto sets = layer.centroid.per_feature ? channels : 1;
  const std::string biases = builder.floats(to_floats(layer.biases), {kcps * channels});
  const std::string products = conv(builder, layer, geometry, x, kernel_banks(builder, layer), biases);
  const std::string per_kcp = builder.op("Reshape", {products, builder.ints({0, kcps, channels, height, width}, {5})});
  const std::vector<double> weights = kcp_weights(layer, geometry.convolved.height, geometry.convolved.width);
  const std::string weighted =
      builder.op("Mul", {per_kcp, builder.floats(to_floats(weights), {1, kcps, sets, height, width})});
  return builder.node("ReduceSum", {weighted, builder.ints({1}, {1})}, {{"keepdims", std::int64_t{0}}});
}

// One-hot Conv kernels [D, C_in, k, k], D = C_in·k·k: output channel (c·k + u)·k + v copies
// input (c, u, v) of each patch, the order of the gene's kernel weights.
std::string patch_kernels(GraphBuilder& builder, const SpatialLayerGene& layer) {
  const std::size_t depth = layer.in_channels * layer.kernel_size * layer.kernel_size;
  std::vector<float> identity(depth * depth, 0.0f);
  for (std::size_t p = 0; p < depth; ++p) identity[p * depth + p] = 1.0f;
  const auto k = dim(layer.kernel_size);
  return builder.floats(identity, {dim(depth), dim(layer.in_channels), k, k});
}

// The gene's per-cell biases b[cell · C_out + o] as a [C_out, H', W'] map.
std::string cell_biases(GraphBuilder& builder, const SpatialLayerGene& layer, const ImageShape& convolved) {
  const std::size_t cells = convolved.cells(), channels = layer.out_channels;
  std::vector<float> map(channels * cells);
  for (std::size_t cell = 0; cell < cells; ++cell)
    for (std::size_t o = 0; o < channels; ++o) map[o * cells + cell] = static_cast<float>(layer.biases[cell * channels + o]);
  return builder.floats(map, {dim(channels), dim(convolved.height), dim(convolved.width)});
}

// Patches [N, D, cells] times each cell's own bank [cells, C_out, D], plus each cell's biases.
std::string local_layer(GraphBuilder& builder, const SpatialLayerGene& layer, const LayerGeometry& geometry,
                        const std::string& x) {
  const ImageShape& out = geometry.convolved;
  const auto depth = dim(layer.in_channels * layer.kernel_size * layer.kernel_size), cells = dim(out.cells());
  const auto channels = dim(out.channels);
  const std::string patches = conv(builder, layer, geometry, x, patch_kernels(builder, layer), "");
  const std::string columns = builder.op("Reshape", {patches, builder.ints({0, depth, cells}, {3})});
  const std::string banks = builder.floats(to_floats(layer.kernels), {cells, channels, depth});
  const std::string products = builder.node("Einsum", {columns, banks}, {{"equation", std::string("ndp,pod->nop")}});
  const std::string maps =
      builder.op("Reshape", {products, builder.ints({0, channels, dim(out.height), dim(out.width)}, {4})});
  return builder.op("Add", {maps, cell_biases(builder, layer, out)});
}

std::string pooled(GraphBuilder& builder, Pooling pooling, const std::string& x) {
  if (pooling == Pooling::none) return x;
  const std::vector<Attribute> window{{"kernel_shape", std::vector<std::int64_t>{2, 2}},
                                      {"strides", std::vector<std::int64_t>{2, 2}}};
  return builder.node(pooling == Pooling::max ? "MaxPool" : "AveragePool", {x}, window);
}

// Virtual batch norm of the pre-activation map z [N, C_out, H', W'] with the reference
// batch's statistics: ONNX's BatchNormalization in its inference form is exactly
// gain·(z − mean)/sqrt(var + eps) + shift.
std::string normalised(GraphBuilder& builder, const SpatialLayerGene& layer, const NormStatistics& statistics,
                       const std::string& z) {
  const std::vector<std::int64_t> channels{dim(layer.out_channels)};
  const std::vector<std::string> inputs{z, builder.floats(to_floats(layer.norm_gains), channels),
                                        builder.floats(to_floats(layer.norm_shifts), channels),
                                        builder.floats(to_floats(statistics.means), channels),
                                        builder.floats(to_floats(statistics.variances), channels)};
  return builder.node("BatchNormalization", inputs,
                      {{"epsilon", static_cast<float>(VirtualBatchNorm::kEpsilon)}});
}

std::string layer_nodes(GraphBuilder& builder, const SpatialLayerGene& layer, const LayerGeometry& geometry,
                        const NormStatistics& statistics, const std::string& x) {
  std::string blended;
  switch (layer.mode) {
    case SharingMode::shared: blended = shared_layer(builder, layer, geometry, x); break;
    case SharingMode::local: blended = local_layer(builder, layer, geometry, x); break;
    case SharingMode::centroid: blended = centroid_layer(builder, layer, geometry, x); break;
  }
  if (layer.virtual_batch_norm) blended = normalised(builder, layer, statistics, blended);
  return pooled(builder, layer.pooling, activation_nodes(builder, layer.activation, blended));
}

// The last map [N, C, H, W] as graph inputs: flattened [N, C·H·W] or pooled per channel [N, C].
std::string readout(GraphBuilder& builder, ReadoutKind kind, const ImageShape& shape, const std::string& maps) {
  if (kind == ReadoutKind::flatten) return builder.op("Reshape", {maps, builder.ints({0, dim(shape.size())}, {2})});
  const std::vector<Attribute> per_channel{{"axes", std::vector<std::int64_t>{2, 3}}, {"keepdims", std::int64_t{0}}};
  return builder.node(kind == ReadoutKind::mean ? "ReduceMean" : "ReduceMax", {maps}, per_channel);
}

}  // namespace

std::string front_end_nodes(GraphBuilder& builder, const SpatialStack& stack, const std::string& images,
                            const std::vector<NormStatistics>& statistics) {
  const std::vector<LayerGeometry> geometry = stack_geometry(stack);
  const ImageShape& input = stack.input;
  const bool tied = stack.copies > 1;
  // Tied: [N, copies, C, H, W] → [N·copies, C, H, W], row n·copies + c being copy c of example n.
  std::string maps = tied ? builder.op("Reshape", {images, builder.ints({-1, dim(input.channels), dim(input.height),
                                                                         dim(input.width)}, {4})})
                          : images;
  for (std::size_t l = 0; l < stack.layers.size(); ++l)
    maps = layer_nodes(builder, stack.layers[l], geometry[l], statistics.at(l), maps);
  const std::string features = readout(builder, stack.readout, geometry.back().output, maps);
  if (!tied) return features;
  // [N·copies, R] → [N, copies·R]: example n's copies side by side, copy-major.
  return builder.op("Reshape", {features, builder.ints({-1, dim(stack.copies * readout_size(stack))}, {2})});
}

}  // namespace convneat::onnx_export
