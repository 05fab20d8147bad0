#pragma once
// The gradient of a centroid layer's blending weights with respect to the centroids and the
// similarity shape matrices (spec "centroid"), in double. With d = c_k − (x_j, y_i), e = Σ_k·d
// and the score s_k = −‖e‖²:
//   normalised  w_k = exp(s_k) / Σ_m exp(s_m):  ∂L/∂s_k = w_k · (∂L/∂w_k − Σ_m w_m · ∂L/∂w_m)
//   plain       w_k = exp(s_k):                 ∂L/∂s_k = w_k · ∂L/∂w_k
//   ∂s_k/∂c_k = −2 Σ_kᵀ e                        ∂s_k/∂Σ_k = −2 e dᵀ  (a, b, c, d = row-major)
// summed over the cells of the convolved map (and over the output channels when the
// centroids are per feature: each set of centroids has its own weights; the shapes are
// shared by every set).
#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "genome/spatial_gene.hpp"

namespace convneat {

struct KcpGradient {
  std::vector<double> centroids;  // (x, y) of each of kcp.centroids in turn
  std::vector<double> shapes;     // (a, b, c, d) of each of kcp.shapes in turn
};

// `weight_gradient` is ∂L/∂w: H'·W' × K·sets, column k·sets + set (sets = C_out when the
// centroids are per feature, else 1), for a convolved map of out_height × out_width cells.
KcpGradient kcp_gradient(const CentroidParameters& kcp, std::size_t out_height, std::size_t out_width,
                         const Eigen::MatrixXd& weight_gradient);

}  // namespace convneat
