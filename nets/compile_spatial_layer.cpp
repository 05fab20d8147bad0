#include "nets/compile_spatial_layer.hpp"

#include <stdexcept>
#include <string>

#include "nets/centroid_layer.hpp"
#include "nets/local_layer.hpp"
#include "nets/shared_layer.hpp"

namespace convneat {
namespace {

void check_parameter_counts(const SpatialLayerGene& gene, const LayerGeometry& geometry) {
  const std::string name = "spatial layer " + std::to_string(gene.innovation);
  const std::size_t banks = kernel_banks(gene, geometry);
  if (banks == 0) throw std::invalid_argument(name + ": a centroid layer needs at least one KCP");
  if (gene.banks != banks)
    throw std::invalid_argument(name + ": holds " + std::to_string(gene.banks) + " kernel banks, its mode needs " +
                                std::to_string(banks));
  if (gene.kernels.size() != banks * gene.bank_weight_count() || gene.biases.size() != banks * gene.out_channels)
    throw std::invalid_argument(name + ": " + std::to_string(gene.kernels.size()) + " kernel weights and " +
                                std::to_string(gene.biases.size()) + " biases, expected " +
                                std::to_string(banks * gene.bank_weight_count()) + " and " +
                                std::to_string(banks * gene.out_channels));
}

}  // namespace

std::unique_ptr<SpatialLayer> compile_spatial_layer(const SpatialLayerGene& gene, const LayerGeometry& geometry) {
  check_parameter_counts(gene, geometry);
  switch (gene.mode) {
    case SharingMode::shared: return std::make_unique<SharedLayer>(gene, geometry);
    case SharingMode::local: return std::make_unique<LocalLayer>(gene, geometry);
    case SharingMode::centroid: return std::make_unique<CentroidLayer>(gene, geometry);
  }
  throw std::invalid_argument("spatial layer " + std::to_string(gene.innovation) + ": unknown sharing mode");
}

}  // namespace convneat
