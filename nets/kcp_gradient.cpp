#include "nets/kcp_gradient.hpp"

#include <algorithm>
#include <cmath>

namespace convneat {
namespace {

// Cell centres on [0, S] (spec; genome/spatial/geometry.cpp computes the forward weights with
// the same coordinates).
double cell_coordinate(std::size_t index, std::size_t count, double scale) {
  return count <= 1 ? 0.0 : scale * static_cast<double>(index) / static_cast<double>(count - 1);
}

}  // namespace

KcpGradient kcp_gradient(const CentroidParameters& kcp, std::size_t out_height, std::size_t out_width,
                         const Eigen::MatrixXd& weight_gradient) {
  const std::size_t count = kcp.shapes.size();
  const std::size_t sets = count == 0 ? 1 : kcp.centroids.size() / count;
  KcpGradient gradient{std::vector<double>(2 * kcp.centroids.size(), 0.0), std::vector<double>(4 * count, 0.0)};
  std::vector<double> score(count), weight(count), score_gradient(count);
  for (std::size_t set = 0; set < sets; ++set)
    for (std::size_t i = 0; i < out_height; ++i)
      for (std::size_t j = 0; j < out_width; ++j) {
        const double x = cell_coordinate(j, out_width, kcp.scale), y = cell_coordinate(i, out_height, kcp.scale);
        const auto cell = static_cast<Eigen::Index>(i * out_width + j);
        for (std::size_t k = 0; k < count; ++k) {
          const Point2& c = kcp.centroids[k * sets + set];
          const ShapeMatrix& m = kcp.shapes[k];
          const double dx = c.x - x, dy = c.y - y, ex = m.a * dx + m.b * dy, ey = m.c * dx + m.d * dy;
          score[k] = -(ex * ex + ey * ey);
        }
        // The weights again, as kcp_weights computes them (shifted by the largest score).
        const double shift = kcp.normalise ? *std::max_element(score.begin(), score.end()) : 0.0;
        double total = 0.0;
        for (std::size_t k = 0; k < count; ++k) total += (weight[k] = std::exp(score[k] - shift));
        double mean_gradient = 0.0;  // Σ_m w_m · ∂L/∂w_m
        for (std::size_t k = 0; k < count; ++k) {
          if (kcp.normalise) weight[k] /= total;
          mean_gradient += weight[k] * weight_gradient(cell, static_cast<Eigen::Index>(k * sets + set));
        }
        for (std::size_t k = 0; k < count; ++k) {
          const double g = weight_gradient(cell, static_cast<Eigen::Index>(k * sets + set));
          score_gradient[k] = weight[k] * (kcp.normalise ? g - mean_gradient : g);
        }
        for (std::size_t k = 0; k < count; ++k) {
          const Point2& c = kcp.centroids[k * sets + set];
          const ShapeMatrix& m = kcp.shapes[k];
          const double dx = c.x - x, dy = c.y - y, ex = m.a * dx + m.b * dy, ey = m.c * dx + m.d * dy;
          const double g = -2.0 * score_gradient[k];  // ∂L/∂s_k · ∂s_k/∂e = ∂L/∂s_k · (−2e)
          gradient.centroids[2 * (k * sets + set)] += g * (m.a * ex + m.c * ey);
          gradient.centroids[2 * (k * sets + set) + 1] += g * (m.b * ex + m.d * ey);
          double* shape = &gradient.shapes[4 * k];
          shape[0] += g * ex * dx;
          shape[1] += g * ex * dy;
          shape[2] += g * ey * dx;
          shape[3] += g * ey * dy;
        }
      }
  return gradient;
}

}  // namespace convneat
