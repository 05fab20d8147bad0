#include "training/spatial_parameters.hpp"

#include <limits>
#include <stdexcept>
#include <vector>

namespace convneat {
namespace {

enum class ValueKind { weight, bias, centroid, shape, normalisation };

// Calls visit(value, kind, layer) on every trainable value of the stack, in the order of the
// header (which stack_gradient follows for the gradients).
template <class Stack, class Visit>
void for_each_value(Stack& stack, TrainableKinds kinds, Visit visit) {
  for (auto& layer : stack.layers) {
    if (kinds.kernels)
      for (auto& weight : layer.kernels) visit(weight, ValueKind::weight, layer);
    if (kinds.biases)
      for (auto& bias : layer.biases) visit(bias, ValueKind::bias, layer);
    if (kinds.centroids)
      for (auto& centroid : layer.centroid.centroids)
        for (auto* coordinate : {&centroid.x, &centroid.y}) visit(*coordinate, ValueKind::centroid, layer);
    if (kinds.shapes)
      for (auto& shape : layer.centroid.shapes)
        for (auto* entry : {&shape.a, &shape.b, &shape.c, &shape.d}) visit(*entry, ValueKind::shape, layer);
    if (kinds.normalisation) {
      for (auto& gain : layer.norm_gains) visit(gain, ValueKind::normalisation, layer);
      for (auto& shift : layer.norm_shifts) visit(shift, ValueKind::normalisation, layer);
    }
  }
}

void append(std::vector<double>& flat, const std::vector<double>& values) {
  flat.insert(flat.end(), values.begin(), values.end());
}

}  // namespace

Eigen::VectorXd stack_parameters(const SpatialStack& stack, TrainableKinds kinds) {
  std::vector<double> flat;
  for_each_value(stack, kinds,
                 [&](const double& value, ValueKind, const SpatialLayerGene&) { flat.push_back(value); });
  return Eigen::Map<const Eigen::VectorXd>(flat.data(), static_cast<Eigen::Index>(flat.size()));
}

void set_stack_parameters(SpatialStack& stack, const Eigen::Ref<const Eigen::VectorXd>& values, TrainableKinds kinds) {
  Eigen::Index next = 0;
  for_each_value(stack, kinds, [&](double& value, ValueKind, const SpatialLayerGene&) {
    if (next >= values.size()) throw std::invalid_argument("front-end parameters of the wrong size");
    value = values[next++];
  });
  if (next != values.size()) throw std::invalid_argument("front-end parameters of the wrong size");
}

ParameterConstraints stack_constraints(const SpatialStack& stack, TrainableKinds kinds, double limit) {
  const double bound = limit > 0.0 ? limit : std::numeric_limits<double>::infinity();
  std::vector<double> lower, upper, decays;
  for_each_value(stack, kinds, [&](const double&, ValueKind kind, const SpatialLayerGene& layer) {
    const bool plane = kind == ValueKind::centroid, free = kind == ValueKind::shape;
    lower.push_back(plane ? 0.0 : free ? -std::numeric_limits<double>::infinity() : -bound);
    upper.push_back(plane ? layer.centroid.scale : free ? std::numeric_limits<double>::infinity() : bound);
    decays.push_back(kind == ValueKind::weight ? 1.0 : 0.0);
  });
  const auto count = static_cast<Eigen::Index>(lower.size());
  return {Eigen::Map<const Eigen::VectorXd>(lower.data(), count), Eigen::Map<const Eigen::VectorXd>(upper.data(), count),
          Eigen::Map<const Eigen::ArrayXd>(decays.data(), count)};
}

Eigen::VectorXd stack_gradient(const std::vector<SpatialLayerGradient>& layers, TrainableKinds kinds) {
  std::vector<double> flat;
  for (const SpatialLayerGradient& layer : layers) {
    if (kinds.kernels) append(flat, layer.kernels);
    if (kinds.biases) append(flat, layer.biases);
    if (kinds.centroids) append(flat, layer.centroids);
    if (kinds.shapes) append(flat, layer.shapes);
    if (kinds.normalisation) {
      append(flat, layer.norm_gains);
      append(flat, layer.norm_shifts);
    }
  }
  return Eigen::Map<const Eigen::VectorXd>(flat.data(), static_cast<Eigen::Index>(flat.size()));
}

}  // namespace convneat
