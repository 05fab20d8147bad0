#pragma once
// Mode `local`: locally connected (Keras LocallyConnected2D), one kernel bank and bias per
// output cell, bank index = cell = i·W' + j.
//
//   out[o, i, j] = act( b[o, i, j] + Σ_{c,u,v} W[i, j, o, c, u, v] · x[c, i·s + u − p, j·s + v − p] )
//
// Per cell one product over the whole batch: patches of the cell (N × C_in·k·k, contiguous)
// · its bank (C_in·k·k × C_out), written straight into the cell's column of every channel.
#include <Eigen/Core>

#include "nets/spatial_layer.hpp"

namespace convneat {

class LocalLayer final : public SpatialLayer {
 public:
  LocalLayer(const SpatialLayerGene& gene, const LayerGeometry& geometry);

 protected:
  void convolve(const float* input, std::size_t batch, Activation activation, float* convolved,
                SpatialScratch& scratch) const override;
  void convolve_backward(const float* input, std::size_t batch, const float* delta, SpatialLayerGradient& gradient,
                         float* input_gradient, SpatialScratch& scratch) const override;

 private:
  Eigen::MatrixXf kernels_;    // C_in·k·k × H'W'·C_out, column cell·C_out + o
  Eigen::MatrixXf bias_map_;   // H'·W' × C_out
};

}  // namespace convneat
