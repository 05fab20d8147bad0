// Parametric mutation of a front end: every offspring's kernels and biases, and, when the
// config lets them evolve, its centroid positions and shapes, and its normalisation gains
// and shifts.
#include <algorithm>

#include "genome/spatial/initial_stack.hpp"
#include "genome/mutation.hpp"
#include "genome/value_mutation.hpp"

namespace convneat {
namespace {

// Each coordinate moves by N(0, power · S) and stays in the output plane [0, S].
void move_centroids(CentroidParameters& kcp, const SpatialConfig& config, RandomStream& random) {
  const double stdev = config.centroid_mutate_power * kcp.scale;
  for (Point2& centroid : kcp.centroids) {
    if (!random.chance(config.centroid_mutate_rate)) continue;
    centroid.x = std::clamp(centroid.x + random.normal(0.0, stdev), 0.0, kcp.scale);
    centroid.y = std::clamp(centroid.y + random.normal(0.0, stdev), 0.0, kcp.scale);
  }
}

// Each entry of Σ_k moves by N(0, power · sigma): perturbations scale with the start shape.
void perturb_shapes(CentroidParameters& kcp, const SpatialConfig& config, RandomStream& random) {
  const double stdev = config.shape_mutate_power * config.centroid.sigma;
  for (ShapeMatrix& shape : kcp.shapes) {
    if (!random.chance(config.shape_mutate_rate)) continue;
    for (double* entry : {&shape.a, &shape.b, &shape.c, &shape.d}) *entry += random.normal(0.0, stdev);
  }
}

// Gains and shifts act on normalised maps (unit variance), so their steps are absolute, not
// relative to a fan-in.
void perturb_normalisation(SpatialLayerGene& layer, const GenomeConfig& config, RandomStream& random) {
  const SpatialConfig& spatial = config.spatial;
  const auto mutation = ValueMutation::centred(spatial.norm_mutate_rate, spatial.norm_mutate_power, 0.0, 1.0, config.weight_limit);
  for (double& gain : layer.norm_gains) mutation.apply(gain, random);
  for (double& shift : layer.norm_shifts) mutation.apply(shift, random);
}

}  // namespace

void mutate_spatial_parameters(SpatialStack& stack, const GenomeConfig& config, RandomStream& random) {
  const SpatialConfig& spatial = config.spatial;
  for (SpatialLayerGene& layer : stack.layers) {
    // Steps are relative to the layer's start stdev, so wide and narrow layers move alike.
    const double stdev = kernel_init_stdev(layer, spatial.kernel_init_scale);
    const auto mutation = ValueMutation::centred(spatial.kernel_mutate_rate, spatial.kernel_mutate_power * stdev,
                                 spatial.kernel_replace_rate, stdev, config.weight_limit);
    for (double& weight : layer.kernels) mutation.apply(weight, random);
    for (double& bias : layer.biases) mutation.apply(bias, random);
    if (layer.virtual_batch_norm) perturb_normalisation(layer, config, random);
    if (layer.mode != SharingMode::centroid) continue;
    if (spatial.centroid.evolve_centroids) move_centroids(layer.centroid, spatial, random);
    if (spatial.centroid.evolve_shapes) perturb_shapes(layer.centroid, spatial, random);
  }
}

}  // namespace convneat
