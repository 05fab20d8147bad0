#pragma once
// Reverse-mode gradients of the spatial front end: what a recorded forward pass keeps of one
// layer, and what the backward pass returns for it. The maths of each step lives beside its
// forward pass: the sharing modes in shared_layer, local_layer and centroid_layer (and
// kcp_gradient for the centroids and shapes), the activation in float_activation, virtual
// batch norm, pooling and the readout in their own files.
//
// A layer's backward pass runs, from ∂L/∂output:
//   pooling⁻¹ → ∂L/∂y;  ∂L/∂z = ∂L/∂y ⊙ act'(z) (through virtual batch norm when on);
//   then its mode: ∂L/∂W = patchesᵀ · δ, ∂L/∂patches = δ · Wᵀ scattered back onto the input
//   map (col2im), with the patch matrix rebuilt block by block as the forward pass builds it.
// Parameter gradients are summed over the batch (and so over every tied copy in it).
#include <vector>

#include <Eigen/Core>

namespace convneat {

// ∂L/∂(every parameter of one SpatialLayerGene), in the gene's own order and sizes, so a
// trainer adds it to a copy of the gene entry by entry. Vectors a layer does not have stay
// empty.
struct SpatialLayerGradient {
  std::vector<double> kernels;      // as SpatialLayerGene::kernels (bank-major, then o, c, u, v)
  std::vector<double> biases;       // as SpatialLayerGene::biases (bank · C_out + o)
  std::vector<double> centroids;    // centroid: (x, y) of each of gene.centroid.centroids in turn
  std::vector<double> shapes;       // centroid: (a, b, c, d) of each of gene.centroid.shapes in turn
  std::vector<double> norm_gains;   // virtual batch norm: one per output channel
  std::vector<double> norm_shifts;
};

// One layer's forward pass as SpatialLayer::record keeps it (batch-innermost maps,
// feature_maps.hpp).
struct SpatialLayerTape {
  Eigen::MatrixXf convolved;  // z: N × C_out·H'·W', the blended bank products with biases, before
                              // normalisation and activation
  Eigen::MatrixXf activated;  // y = act(z), or act(gain·ẑ + shift) with virtual batch norm
  Eigen::MatrixXf pooled;     // the pooled y when the layer pools, else empty
  bool pools = false;
  // What forward() returns: the pooled map, or y.
  const Eigen::MatrixXf& output() const { return pools ? pooled : activated; }
};

}  // namespace convneat
