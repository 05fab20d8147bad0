#include "training/spatial_parameters.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace convneat {
namespace {

// Calls visit(value) on every trainable value of the stack, in the order of the header
// (which stack_gradient follows for the gradients).
template <class Stack, class Visit>
void for_each_value(Stack& stack, TrainableKinds kinds, Visit visit) {
  for (auto& layer : stack.layers) {
    for (auto& weight : layer.kernels) visit(weight);
    for (auto& bias : layer.biases) visit(bias);
    if (kinds.centroids)
      for (auto& centroid : layer.centroid.centroids) visit(centroid.x), visit(centroid.y);
    if (kinds.shapes)
      for (auto& shape : layer.centroid.shapes) visit(shape.a), visit(shape.b), visit(shape.c), visit(shape.d);
    for (auto& gain : layer.norm_gains) visit(gain);
    for (auto& shift : layer.norm_shifts) visit(shift);
  }
}

void append(std::vector<double>& flat, const std::vector<double>& values) {
  flat.insert(flat.end(), values.begin(), values.end());
}

}  // namespace

Eigen::VectorXd stack_parameters(const SpatialStack& stack, TrainableKinds kinds) {
  std::vector<double> flat;
  for_each_value(stack, kinds, [&](const double& value) { flat.push_back(value); });
  return Eigen::Map<const Eigen::VectorXd>(flat.data(), static_cast<Eigen::Index>(flat.size()));
}

void set_stack_parameters(SpatialStack& stack, const Eigen::Ref<const Eigen::VectorXd>& values, TrainableKinds kinds) {
  Eigen::Index next = 0;
  for_each_value(stack, kinds, [&](double& value) {
    if (next >= values.size()) throw std::invalid_argument("front-end parameters of the wrong size");
    value = values[next++];
  });
  if (next != values.size()) throw std::invalid_argument("front-end parameters of the wrong size");
  for (SpatialLayerGene& layer : stack.layers)
    for (Point2& centroid : layer.centroid.centroids) {
      centroid.x = std::clamp(centroid.x, 0.0, layer.centroid.scale);
      centroid.y = std::clamp(centroid.y, 0.0, layer.centroid.scale);
    }
}

Eigen::VectorXd stack_gradient(const std::vector<SpatialLayerGradient>& layers, TrainableKinds kinds) {
  std::vector<double> flat;
  for (const SpatialLayerGradient& layer : layers) {
    append(flat, layer.kernels);
    append(flat, layer.biases);
    if (kinds.centroids) append(flat, layer.centroids);
    if (kinds.shapes) append(flat, layer.shapes);
    append(flat, layer.norm_gains);
    append(flat, layer.norm_shifts);
  }
  return Eigen::Map<const Eigen::VectorXd>(flat.data(), static_cast<Eigen::Index>(flat.size()));
}

}  // namespace convneat
