#pragma once
// Mode `shared`: ordinary convolution (cross-correlation), one kernel bank at every cell.
//
//   out[o, i, j] = act( b[o] + Σ_{c,u,v} W[o, c, u, v] · x[c, i·s + u − p, j·s + v − p] )
//
// As a product: out (cells·N × C_out) = patches (cells·N × C_in·k·k) · W (C_in·k·k × C_out),
// then bias and activation in the same pass over each block of cells.
#include <Eigen/Core>

#include "nets/spatial_layer.hpp"

namespace convneat {

class SharedLayer final : public SpatialLayer {
 public:
  SharedLayer(const SpatialLayerGene& gene, const LayerGeometry& geometry);

 protected:
  void convolve(const float* input, std::size_t batch, Activation activation, float* convolved,
                SpatialScratch& scratch) const override;
  void convolve_backward(const float* input, std::size_t batch, const float* delta, SpatialLayerGradient& gradient,
                         float* input_gradient, SpatialScratch& scratch) const override;

 private:
  Eigen::MatrixXf kernels_;      // C_in·k·k × C_out
  Eigen::RowVectorXf biases_;    // C_out
};

}  // namespace convneat
