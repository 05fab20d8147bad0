#pragma once
// The trainable values of a spatial front end as one flat vector, layer after layer in the
// gene's own order — kernels, biases, centroid positions (x, y), similarity shapes
// (a, b, c, d), normalisation gains, shifts — and its gradient in the same order
// (nets/spatial_gradient.hpp). Centroid positions and shapes are trained only when their
// kind is switched on; values not trained are not in the vector at all, so neither steps nor
// weight decay move them.
#include <Eigen/Core>

#include "genome/spatial_gene.hpp"
#include "nets/spatial_gradient.hpp"
#include "training/settings.hpp"

namespace convneat {

Eigen::VectorXd stack_parameters(const SpatialStack& stack, TrainableKinds kinds);

// Writes `values` back into the stack; centroid positions are kept in the output plane
// [0, scale]², where a centroid means something.
void set_stack_parameters(SpatialStack& stack, const Eigen::Ref<const Eigen::VectorXd>& values, TrainableKinds kinds);

// The gradients of every layer, in the order of stack_parameters.
Eigen::VectorXd stack_gradient(const std::vector<SpatialLayerGradient>& layers, TrainableKinds kinds);

}  // namespace convneat
