#pragma once
// Mode `shared`: ordinary convolution (cross-correlation), one kernel bank at every cell.
//
//   out[o, i, j] = act( b[o] + Σ_{c,u,v} W[o, c, u, v] · x[c, i·s + u − p, j·s + v − p] )
//
// As a product: out (cells·N × C_out) = patches (cells·N × C_in·k·k) · W (C_in·k·k × C_out),
// then bias and activation in the same pass over each block of cells.
#include <span>

#include <Eigen/Core>

#include "nets/spatial_layer.hpp"

namespace convneat {

class SharedLayer final : public SpatialLayer {
 public:
  SharedLayer(const SpatialLayerGene& gene, const LayerGeometry& geometry);

  // Whether forward_together() can run this layer with others: it does not normalise (virtual
  // batch norm's statistics come from its own reference pass) and has at least two output
  // channels (a one-column product goes through Eigen's matrix–vector kernel, which sums in
  // another order than the matrix–matrix kernel the shared product uses).
  bool can_run_together() const { return !normalises() && out_channels() >= 2; }
  const PatchGeometry& patch_geometry() const { return patch(); }

  // forward() of several layers on the same input, with one patch matrix and one product for
  // all of them: the kernels side by side make the right-hand side, so the patches are
  // extracted and packed for the product once, not once per layer (population_first_layer.hpp).
  // Every output is forward()'s to the bit: each entry of a product is the same sum in the same
  // order whatever columns stand beside it (tests/test_population_first_layer.cpp), and bias,
  // activation and pooling are element-wise. All layers must have the same patch geometry and
  // can_run_together(); otherwise std::invalid_argument.
  static void forward_together(std::span<const SharedLayer* const> layers, const float* input, std::size_t batch,
                               std::span<Eigen::MatrixXf* const> outputs, SpatialScratch& scratch);

 protected:
  void convolve(const float* input, std::size_t batch, Activation activation, float* convolved,
                SpatialScratch& scratch) const override;
  void convolve_backward(const float* input, std::size_t batch, const float* delta, SpatialLayerGradient& gradient,
                         float* input_gradient, SpatialScratch& scratch) const override;

 private:
  // Bias, activation and pooling of this layer's columns of a shared product block (output
  // rows [first_row, first_row + rows) of every channel, before pooling) into `output`.
  void finish_block(Eigen::Ref<Eigen::MatrixXf> product, std::size_t batch, std::size_t first_row,
                    std::size_t rows, Eigen::MatrixXf& output) const;

  Eigen::MatrixXf kernels_;      // C_in·k·k × C_out
  Eigen::RowVectorXf biases_;    // C_out
};

}  // namespace convneat
