#pragma once
// The trainable values of a spatial front end as one flat vector, layer after layer in the
// gene's own order — kernels, biases, centroid positions (x, y), similarity shapes
// (a, b, c, d), normalisation gains, shifts — and its gradient in the same order
// (nets/spatial_gradient.hpp). Each kind is in the vector only when its switch
// (TrainableKinds) is on; values not trained are not in the vector at all, so neither steps
// nor weight decay move them.
#include <Eigen/Core>

#include "genome/spatial_gene.hpp"
#include "nets/spatial_gradient.hpp"
#include "training/optimiser.hpp"
#include "training/settings.hpp"

namespace convneat {

Eigen::VectorXd stack_parameters(const SpatialStack& stack, TrainableKinds kinds);

void set_stack_parameters(SpatialStack& stack, const Eigen::Ref<const Eigen::VectorXd>& values, TrainableKinds kinds);

// The interval each value is kept in and whether weight decay pulls it to 0: kernel weights
// in [-limit, limit], decayed; biases and normalisation gains and shifts in [-limit, limit],
// not decayed; centroid positions in the output plane [0, scale], where a centroid means
// something; shapes unbounded (evolution does not bound them either); neither decayed.
ParameterConstraints stack_constraints(const SpatialStack& stack, TrainableKinds kinds, double limit);

// The gradients of every layer, in the order of stack_parameters.
Eigen::VectorXd stack_gradient(const std::vector<SpatialLayerGradient>& layers, TrainableKinds kinds);

}  // namespace convneat
