#include "genome/spatial/initial_stack.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "genome/spatial/geometry.hpp"

namespace convneat {
namespace {

void check_centroid_config(const CentroidConfig& config) {
  if (config.count == 0) throw std::invalid_argument("spatial centroid layers need at least one KCP (count = 0)");
  if (config.init == CentroidInit::grid && config.grid_rows * config.grid_columns != config.count)
    throw std::invalid_argument("a centroid grid of " + std::to_string(config.grid_rows) + " x " +
                                std::to_string(config.grid_columns) + " does not hold count = " +
                                std::to_string(config.count) + " centroids");
}

std::size_t start_banks(SharingMode mode, const LayerGeometry& geometry, const CentroidConfig& centroid) {
  if (mode == SharingMode::centroid) check_centroid_config(centroid);  // before its count is trusted
  return kernel_banks(mode, geometry, centroid.count);
}

std::vector<double> normal_values(std::size_t count, double stdev, RandomStream& random) {
  std::vector<double> values(count);
  for (double& value : values) value = random.normal(0.0, stdev);
  return values;
}

// Spec: columns at S/(G_c + 1) … S − S/(G_c + 1), rows likewise; KCP k = row · G_c + column.
Point2 grid_point(const CentroidConfig& config, std::size_t k) {
  const std::size_t row = k / config.grid_columns, column = k % config.grid_columns;
  return {config.scale * static_cast<double>(column + 1) / static_cast<double>(config.grid_columns + 1),
          config.scale * static_cast<double>(row + 1) / static_cast<double>(config.grid_rows + 1)};
}

}  // namespace

SpatialLayerGene layer_from_spec(const LayerSpec& spec, InnovationId innovation, std::size_t in_channels) {
  SpatialLayerGene layer;
  layer.innovation = innovation;
  layer.kernel_size = spec.kernel_size;
  layer.stride = spec.stride;
  layer.padding = spec.padding;
  layer.in_channels = in_channels;
  layer.out_channels = spec.channels;
  layer.activation = spec.activation;
  layer.pooling = spec.pooling;
  layer.mode = spec.mode;
  layer.virtual_batch_norm = spec.virtual_batch_norm;
  if (layer.virtual_batch_norm) {  // gain 1, shift 0: the normalised map itself
    layer.norm_gains.assign(spec.channels, 1.0);
    layer.norm_shifts.assign(spec.channels, 0.0);
  }
  return layer;
}

SpatialStack initial_stack_structure(const SpatialConfig& config) {
  SpatialStack stack;
  stack.input = config.input;
  stack.copies = config.copies;
  stack.readout = config.readout;
  ImageShape shape = config.input;
  for (std::size_t i = 0; i < config.layers.size(); ++i) {
    SpatialLayerGene layer = layer_from_spec(config.layers[i], i, shape.channels);
    const LayerGeometry geometry = layer_geometry(layer, shape);
    layer.banks = start_banks(layer.mode, geometry, config.centroid);
    stack.layers.push_back(layer);
    shape = geometry.output;
  }
  return stack;
}

SpatialStack make_initial_stack(const SpatialConfig& config, RandomStream& random) {
  SpatialStack stack = initial_stack_structure(config);
  for (SpatialLayerGene& layer : stack.layers) {
    const double stdev = kernel_init_stdev(layer, config.kernel_init_scale);
    layer.kernels = normal_values(layer.banks * layer.bank_weight_count(), stdev, random);
    layer.biases = normal_values(layer.banks * layer.out_channels, stdev, random);
    if (layer.mode == SharingMode::centroid)
      layer.centroid = initial_centroid_parameters(config.centroid, layer.out_channels, random);
  }
  return stack;
}

double kernel_init_stdev(const SpatialLayerGene& layer, double kernel_init_scale) {
  const double fan_in = static_cast<double>(layer.in_channels * layer.kernel_size * layer.kernel_size);
  return fan_in > 0.0 ? kernel_init_scale / std::sqrt(fan_in) : kernel_init_scale;
}

CentroidParameters initial_centroid_parameters(const CentroidConfig& config, std::size_t out_channels,
                                               RandomStream& random) {
  check_centroid_config(config);
  CentroidParameters parameters;
  parameters.per_feature = config.per_feature;
  parameters.normalise = config.normalise;
  parameters.scale = config.scale;
  parameters.shapes.assign(config.count, ShapeMatrix{config.sigma, 0.0, 0.0, config.sigma});
  const std::size_t sets = config.per_feature ? out_channels : 1;
  for (std::size_t k = 0; k < config.count; ++k)
    for (std::size_t set = 0; set < sets; ++set)
      parameters.centroids.push_back(config.init == CentroidInit::grid
                                         ? grid_point(config, k)
                                         : Point2{random.uniform(0.0, config.scale), random.uniform(0.0, config.scale)});
  return parameters;
}

}  // namespace convneat
