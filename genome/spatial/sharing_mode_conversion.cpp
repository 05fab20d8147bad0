#include "genome/spatial/sharing_mode_conversion.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "genome/spatial/initial_stack.hpp"
#include "genome/mutation.hpp"

namespace convneat {
namespace {

std::string layer_name(const SpatialLayerGene& layer) { return "spatial layer " + std::to_string(layer.innovation); }

}  // namespace

SpatialLayerGene shared_to_centroid(const SpatialLayerGene& layer, const CentroidConfig& config, RandomStream& random) {
  if (layer.mode != SharingMode::shared) throw std::invalid_argument(layer_name(layer) + ": not a shared layer");
  SpatialLayerGene converted = layer;
  converted.mode = SharingMode::centroid;
  converted.centroid = initial_centroid_parameters(config, layer.out_channels, random);
  converted.banks = config.count;
  converted.kernels.clear();
  converted.biases.clear();
  for (std::size_t k = 0; k < config.count; ++k) {
    converted.kernels.insert(converted.kernels.end(), layer.kernels.begin(), layer.kernels.end());
    converted.biases.insert(converted.biases.end(), layer.biases.begin(), layer.biases.end());
  }
  return converted;
}

SpatialLayerGene centroid_to_local(const SpatialLayerGene& layer, const LayerGeometry& geometry) {
  if (layer.mode != SharingMode::centroid) throw std::invalid_argument(layer_name(layer) + ": not a centroid layer");
  if (geometry.convolved.channels != layer.out_channels || geometry.input.channels != layer.in_channels)
    throw std::invalid_argument(layer_name(layer) + ": geometry of another layer");
  const std::size_t height = geometry.convolved.height, width = geometry.convolved.width, cells = height * width;
  const std::vector<double> w = kcp_weights(layer, height, width);
  const std::size_t slice = layer.in_channels * layer.kernel_size * layer.kernel_size;

  SpatialLayerGene local = layer;
  local.mode = SharingMode::local;
  local.banks = cells;
  local.centroid = {};
  local.kernels.assign(cells * layer.bank_weight_count(), 0.0);
  local.biases.assign(cells * layer.out_channels, 0.0);
  for (std::size_t cell = 0; cell < cells; ++cell)  // each cell's bank: the kernel the centroid layer applies there
    for (std::size_t o = 0; o < layer.out_channels; ++o) {
      const CellKernel applied = effective_kernel(layer, w, cells, cell, o);
      std::copy(applied.kernel.begin(), applied.kernel.end(),
                local.kernels.begin() + static_cast<std::ptrdiff_t>((cell * layer.out_channels + o) * slice));
      local.biases[cell * layer.out_channels + o] = applied.bias;
    }
  return local;
}

bool mutate_sharing_mode(Genome& genome, const SpatialConfig& config, RandomStream& random) {
  if (!genome.spatial) return false;
  std::vector<std::size_t> convertible;
  for (std::size_t i = 0; i < genome.spatial->layers.size(); ++i)
    if (genome.spatial->layers[i].mode != SharingMode::local) convertible.push_back(i);
  if (convertible.empty()) return false;
  const std::size_t index = convertible[random.index(convertible.size())];
  SpatialLayerGene& layer = genome.spatial->layers[index];
  if (layer.mode == SharingMode::shared)
    layer = shared_to_centroid(layer, config.centroid, random);
  else
    layer = centroid_to_local(layer, stack_geometry(*genome.spatial)[index]);
  return true;
}

}  // namespace convneat
