#include "genome/spatial/invariants.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "genome/spatial/geometry.hpp"

namespace convneat {
namespace {

std::string layer_name(std::size_t index, const SpatialLayerGene& layer) {
  return "spatial layer " + std::to_string(index) + " (innovation " + std::to_string(layer.innovation) + ")";
}

bool all_finite(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

void check_centroid(const std::string& name, const SpatialLayerGene& layer, std::vector<std::string>& problems) {
  const CentroidParameters& kcp = layer.centroid;
  if (layer.mode != SharingMode::centroid) {
    if (!(kcp == CentroidParameters{})) problems.push_back(name + ": centroid parameters on a non-centroid layer");
    return;
  }
  if (kcp.shapes.size() != layer.banks)
    problems.push_back(name + ": " + std::to_string(kcp.shapes.size()) + " shapes for " +
                       std::to_string(layer.banks) + " KCPs");
  const std::size_t centroids = layer.banks * (kcp.per_feature ? layer.out_channels : 1);
  if (kcp.centroids.size() != centroids)
    problems.push_back(name + ": " + std::to_string(kcp.centroids.size()) + " centroids, expected " +
                       std::to_string(centroids));
  if (!(std::isfinite(kcp.scale) && kcp.scale > 0.0)) problems.push_back(name + ": centroid scale must be positive");
  bool finite = true;
  for (const Point2& p : kcp.centroids) finite = finite && std::isfinite(p.x) && std::isfinite(p.y);
  for (const ShapeMatrix& m : kcp.shapes)
    finite = finite && std::isfinite(m.a) && std::isfinite(m.b) && std::isfinite(m.c) && std::isfinite(m.d);
  if (!finite) problems.push_back(name + ": a centroid or shape value is not finite");
}

void check_normalisation(const std::string& name, const SpatialLayerGene& layer, std::vector<std::string>& problems) {
  const std::size_t expected = layer.virtual_batch_norm ? layer.out_channels : 0;
  if (layer.norm_gains.size() != expected || layer.norm_shifts.size() != expected)
    problems.push_back(name + ": " + std::to_string(layer.norm_gains.size()) + " normalisation gains and " +
                       std::to_string(layer.norm_shifts.size()) + " shifts, expected " + std::to_string(expected) +
                       " of each");
  if (!all_finite(layer.norm_gains) || !all_finite(layer.norm_shifts))
    problems.push_back(name + ": a normalisation gain or shift is not finite");
}

void check_layer(std::size_t index, const SpatialLayerGene& layer, std::vector<std::string>& problems) {
  const std::string name = layer_name(index, layer);
  if (layer.in_channels == 0 || layer.out_channels == 0) problems.push_back(name + ": no channels");
  if (layer.banks == 0) problems.push_back(name + ": no kernel banks");
  if (layer.kernels.size() != layer.banks * layer.bank_weight_count())
    problems.push_back(name + ": " + std::to_string(layer.kernels.size()) + " kernel weights, expected " +
                       std::to_string(layer.banks * layer.bank_weight_count()));
  if (layer.biases.size() != layer.banks * layer.out_channels)
    problems.push_back(name + ": " + std::to_string(layer.biases.size()) + " biases, expected " +
                       std::to_string(layer.banks * layer.out_channels));
  if (!all_finite(layer.kernels) || !all_finite(layer.biases))
    problems.push_back(name + ": a kernel weight or bias is not finite");
  check_centroid(name, layer, problems);
  check_normalisation(name, layer, problems);
}

void check_chain(const SpatialStack& stack, std::vector<std::string>& problems) {
  std::set<InnovationId> innovations;
  std::size_t channels = stack.input.channels;
  for (std::size_t i = 0; i < stack.layers.size(); ++i) {
    const SpatialLayerGene& layer = stack.layers[i];
    if (!innovations.insert(layer.innovation).second)
      problems.push_back(layer_name(i, layer) + ": innovation id not unique");
    if (layer.in_channels != channels)
      problems.push_back(layer_name(i, layer) + ": reads " + std::to_string(layer.in_channels) +
                         " channels, the layer before writes " + std::to_string(channels));
    channels = layer.out_channels;
  }
}

// Needs a valid chain: the geometry, the banks it implies and the readout nodes.
void check_geometry_and_readout(const Genome& genome, std::vector<std::string>& problems) {
  const SpatialStack& stack = *genome.spatial;
  std::vector<NodeId> readout;
  try {
    const std::vector<LayerGeometry> geometry = stack_geometry(stack);
    for (std::size_t i = 0; i < stack.layers.size(); ++i)
      if (stack.layers[i].banks != kernel_banks(stack.layers[i], geometry[i]))
        problems.push_back(layer_name(i, stack.layers[i]) + ": " + std::to_string(stack.layers[i].banks) +
                           " banks, its mode needs " + std::to_string(kernel_banks(stack.layers[i], geometry[i])));
    // Checked before numbering so that an absurd map fails here, not in an allocation.
    const ImageShape last = geometry.back().output;
    if (last.channels > kMaxChannels || (stack.readout == ReadoutKind::flatten && last.cells() > kMaxCells))
      problems.push_back("the spatial readout of a " + std::to_string(last.channels) + "x" +
                         std::to_string(last.height) + "x" + std::to_string(last.width) +
                         " map exceeds the readout node id range");
    else
      readout = readout_nodes(stack);
  } catch (const std::invalid_argument& error) {
    problems.push_back(error.what());
    return;
  }
  std::vector<NodeId> inputs;
  for (const NodeGene& node : genome.nodes)
    if (node.kind == NodeKind::input) inputs.push_back(node.id);
  if (inputs != readout)
    problems.push_back("input nodes (" + std::to_string(inputs.size()) + ") are not the spatial readout nodes (" +
                       std::to_string(readout.size()) + ")");
}

}  // namespace

void check_spatial(const Genome& genome, std::vector<std::string>& problems) {
  if (!genome.spatial) return;
  const SpatialStack& stack = *genome.spatial;
  if (stack.layers.empty()) {
    problems.push_back("spatial front end without layers");
    return;
  }
  const std::size_t before = problems.size();
  if (stack.copies == 0 || stack.copies > kMaxCopies)
    problems.push_back("spatial front end applied to " + std::to_string(stack.copies) + " copies, expected 1 to " +
                       std::to_string(kMaxCopies));
  for (std::size_t i = 0; i < stack.layers.size(); ++i) check_layer(i, stack.layers[i], problems);
  check_chain(stack, problems);
  if (problems.size() == before) check_geometry_and_readout(genome, problems);
}

}  // namespace convneat
