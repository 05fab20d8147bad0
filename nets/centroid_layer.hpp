#pragma once
// Mode `centroid`: soft spatial sharing between K kernel–centroid pairs (KCPs).
//
//   w_k(i, j)    = sim_k(i, j) / Σ_m sim_m(i, j),  sim_k = exp(−‖Σ_k · (c_k − (x_j, y_i))‖²)
//   out[o, i, j] = act( Σ_k w_k(i, j) · ( b_k[o] + (W_k ∗ x)[o, i, j] ) )
//
// The weights depend only on the genome, so they are computed once (kcp_weights) together
// with the blended bias map Σ_k w_k · b_k[o]. A forward pass makes ONE product for all K banks,
// patches · [W_1 … W_K] (C_in·k·k × K·C_out), then blends the K maps of each channel cell by
// cell and activates the sum (never each KCP).
//
// Backward, from δ = ∂L/∂z per block of cells, with the block's products Q_k = patches · W_k
// computed again:
//   ∂L/∂Q_k = δ ⊙ w_k     ∂L/∂[W_1 … W_K] = patchesᵀ · ∂L/∂Q     ∂L/∂patches = ∂L/∂Q · [W_1 … W_K]ᵀ
//   ∂L/∂b_k[o] = Σ δ ⊙ w_k    ∂L/∂w_k(cell) = Σ_images Σ_o δ ⊙ (b_k[o] + Q_k)
// and from ∂L/∂w_k the centroids' and shapes' gradients (kcp_gradient.hpp).
#include <Eigen/Core>

#include "nets/spatial_layer.hpp"

namespace convneat {

class CentroidLayer final : public SpatialLayer {
 public:
  CentroidLayer(const SpatialLayerGene& gene, const LayerGeometry& geometry);

 protected:
  void convolve(const float* input, std::size_t batch, Activation activation, float* convolved,
                SpatialScratch& scratch) const override;
  void convolve_backward(const float* input, std::size_t batch, const float* delta, SpatialLayerGradient& gradient,
                         float* input_gradient, SpatialScratch& scratch) const override;

 private:
  // Channel o of cells [first, first + count) from the block's K·C_out product maps.
  void blend(const float* products, std::size_t batch, std::size_t first, std::size_t count, Activation activation,
             float* convolved) const;
  // Backward of blend() for one block: ∂L/∂Q into `product_gradients`, and the bias and
  // blending-weight gradients added to `bias_gradient` (C_out × K) and `weight_gradient`
  // (laid out as weights_).
  void unblend(const float* products, const float* delta, std::size_t batch, std::size_t first, std::size_t count,
               float* product_gradients, Eigen::MatrixXf& bias_gradient, Eigen::MatrixXd& weight_gradient) const;

  // Column of weights_ that blends KCP k into output channel o.
  std::size_t weight_column(std::size_t k, std::size_t o) const { return k * weight_sets_ + (weight_sets_ > 1 ? o : 0); }

  std::size_t kcp_count_;
  std::size_t weight_sets_;    // C_out with per-feature centroids, else 1
  Eigen::MatrixXf kernels_;    // C_in·k·k × K·C_out, column k·C_out + o
  Eigen::MatrixXf weights_;    // H'·W' × K·sets: column k·sets + set is w_k over the cells
  Eigen::MatrixXf bias_map_;   // H'·W' × C_out: Σ_k w_k(cell) · b_k[o]
  Eigen::MatrixXf biases_;     // C_out × K: b_k[o], the gene's order
  CentroidParameters centroid_;  // the gene's centroids and shapes, for their gradients
};

}  // namespace convneat
