#pragma once
// Finite-difference checks of the spatial front end's gradients (nets/spatial_gradient.hpp).
// The loss is linear in the readout, L = Σ_n Σ_f A[n, f] · feature_f(image n), so
// ∂L/∂readout = A. The finite differences are central differences of the naive
// double-precision reference (spatial_reference.hpp), an independent reading of the spec, so
// they are not spoiled by the float rounding of the layers; the analytic gradient is the
// front end's own float backward pass.
//
// Virtual batch norm with its statistics held constant is an affine map per channel,
// scale[o]·z + offset[o]; the reference has none, so a normalising layer is folded into its
// kernels and biases (exact for shared and local, and for centroid with normalised weights,
// whose weights sum to 1).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "genome/random.hpp"
#include "nets/spatial_front_end.hpp"
#include "test_support.hpp"
#include "nets/virtual_batch_norm.hpp"
#include "spatial_reference.hpp"
#include "spatial_support.hpp"

namespace convneat::testing {

// Statistics a calibrated front end fixed, per layer (empty for a layer without them).
struct FixedStatistics {
  std::vector<std::vector<double>> means, variances;
};

inline FixedStatistics fixed_statistics(const SpatialFrontEnd& front_end) {
  FixedStatistics s;
  for (std::size_t l = 0; l < front_end.layer_count(); ++l) {
    const auto& norm = front_end.layer(l).normalisation();
    s.means.push_back(norm ? norm->means() : std::vector<double>{});
    s.variances.push_back(norm ? norm->variances() : std::vector<double>{});
  }
  return s;
}

// The stack with every normalising layer folded into its kernels and biases.
inline SpatialStack fold_normalisation(SpatialStack stack, const FixedStatistics& statistics) {
  for (std::size_t l = 0; l < stack.layers.size(); ++l) {
    SpatialLayerGene& layer = stack.layers[l];
    if (!layer.virtual_batch_norm) continue;
    const std::size_t weights = layer.in_channels * layer.kernel_size * layer.kernel_size;
    for (std::size_t bank = 0; bank < layer.banks; ++bank)
      for (std::size_t o = 0; o < layer.out_channels; ++o) {
        const double scale = layer.norm_gains[o] / std::sqrt(statistics.variances[l][o] + VirtualBatchNorm::kEpsilon);
        const double offset = layer.norm_shifts[o] - scale * statistics.means[l][o];
        for (std::size_t i = 0; i < weights; ++i) layer.kernels[(bank * layer.out_channels + o) * weights + i] *= scale;
        double& bias = layer.biases[bank * layer.out_channels + o];
        bias = scale * bias + offset;
      }
    layer.virtual_batch_norm = false;
  }
  return stack;
}

// Σ_n Σ_f A[n, f] · feature_f(image n) by the reference; `images` row-major, one per row of A.
inline double reference_loss(const SpatialStack& stack, const std::vector<float>& images, const Eigen::MatrixXd& a,
                             const FixedStatistics& statistics = {}) {
  const SpatialStack folded = statistics.means.empty() ? stack : fold_normalisation(stack, statistics);
  const std::vector<Image> features = reference_features(folded, images, static_cast<std::size_t>(a.rows()));
  double loss = 0.0;
  for (Eigen::Index n = 0; n < a.rows(); ++n)
    for (Eigen::Index f = 0; f < a.cols(); ++f) loss += a(n, f) * features[static_cast<std::size_t>(n)][static_cast<std::size_t>(f)];
  return loss;
}

// Row-major images (one per row) in the front end's native layout.
inline Eigen::MatrixXf native_images(const std::vector<float>& images, std::size_t batch, std::size_t size) {
  using Rows = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  return Eigen::Map<const Rows>(images.data(), static_cast<Eigen::Index>(batch), static_cast<Eigen::Index>(size));
}

inline Eigen::MatrixXd random_loss_weights(Eigen::Index rows, Eigen::Index cols, std::uint64_t key) {
  RandomStream random(13, 0, key, Purpose::initial_population);
  Eigen::MatrixXd a(rows, cols);
  for (Eigen::Index i = 0; i < a.size(); ++i) a.data()[i] = random.uniform(-1.0, 1.0);
  return a;
}

enum class ParameterKind { kernels, biases, centroids, shapes, norm_gains, norm_shifts };

inline std::string kind_name(ParameterKind kind) {
  const char* names[] = {"kernels", "biases", "centroids", "shapes", "norm gains", "norm shifts"};
  return names[static_cast<int>(kind)];
}

// The gene's values of one kind, in the order of SpatialLayerGradient's vectors.
inline std::vector<double*> parameters(SpatialLayerGene& layer, ParameterKind kind) {
  std::vector<double*> values;
  switch (kind) {
    case ParameterKind::kernels: for (double& w : layer.kernels) values.push_back(&w); break;
    case ParameterKind::biases: for (double& b : layer.biases) values.push_back(&b); break;
    case ParameterKind::centroids:
      for (Point2& c : layer.centroid.centroids) values.insert(values.end(), {&c.x, &c.y});
      break;
    case ParameterKind::shapes:
      for (ShapeMatrix& m : layer.centroid.shapes) values.insert(values.end(), {&m.a, &m.b, &m.c, &m.d});
      break;
    case ParameterKind::norm_gains: for (double& g : layer.norm_gains) values.push_back(&g); break;
    case ParameterKind::norm_shifts: for (double& s : layer.norm_shifts) values.push_back(&s); break;
  }
  return values;
}

inline const std::vector<double>& gradient_of(const SpatialLayerGradient& gradient, ParameterKind kind) {
  switch (kind) {
    case ParameterKind::kernels: return gradient.kernels;
    case ParameterKind::biases: return gradient.biases;
    case ParameterKind::centroids: return gradient.centroids;
    case ParameterKind::shapes: return gradient.shapes;
    case ParameterKind::norm_gains: return gradient.norm_gains;
    case ParameterKind::norm_shifts: return gradient.norm_shifts;
  }
  return gradient.kernels;
}

// Agreement within 1 % of the largest gradient of the kind, or 1e-3 relative: loose enough for
// the float backward pass, tight enough that a wrong factor anywhere fails.
inline void check_close(const std::vector<double>& analytic, const std::vector<double>& numeric,
                        const std::string& what) {
  REQUIRE(analytic.size() == numeric.size());
  double largest = 0.0;
  std::size_t non_zero = 0;
  for (std::size_t i = 0; i < analytic.size(); ++i) {
    largest = std::max(largest, std::abs(numeric[i]));
    non_zero += analytic[i] != 0.0 ? 1 : 0;
  }
  INFO(what);
  // A gradient of 0 matches a finite difference of 0: the check is worthless on dead
  // parameters. Some are rightly 0 (a local layer's weights that read padding, cells max
  // pooling passes over), but never most of them.
  CHECK(largest > 1e-3);
  CHECK(non_zero * 4 >= analytic.size());
  for (std::size_t i = 0; i < analytic.size(); ++i) {
    INFO(what << " [" << i << "]");
    CHECK(analytic[i] == Approx(numeric[i]).epsilon(1e-3).margin(1e-2 * largest));
  }
}

// Every parameter of `kind` in layer `layer` of `stack` against finite differences of
// `loss(stack)`.
inline void check_parameters(SpatialStack stack, std::size_t layer, ParameterKind kind,
                             const SpatialLayerGradient& gradient, const std::function<double(const SpatialStack&)>& loss) {
  std::vector<double> numeric;
  for (double* value : parameters(stack.layers[layer], kind))
    numeric.push_back(central_difference(*value, [&] { return loss(stack); }));
  check_close(gradient_of(gradient, kind), numeric, "layer " + std::to_string(layer) + " " + kind_name(kind));
}

// ∂L/∂images (native layout, batch × C·H·W) against finite differences of the reference,
// which reads float images: the step is the float difference actually taken.
inline void check_image_gradient(const std::vector<float>& images, std::size_t batch, std::size_t size,
                                 const Eigen::MatrixXf& gradient, const std::function<double(const std::vector<float>&)>& loss) {
  std::vector<float> moved = images;
  std::vector<double> analytic, numeric;
  for (std::size_t n = 0; n < batch; ++n)
    for (std::size_t i = 0; i < size; ++i) {
      float& x = moved[n * size + i];
      const float kept = x;
      const float up = kept + 1e-3f, down = kept - 1e-3f;
      x = up;
      const double above = loss(moved);
      x = down;
      const double below = loss(moved);
      x = kept;
      numeric.push_back((above - below) / (static_cast<double>(up) - static_cast<double>(down)));
      analytic.push_back(gradient(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(i)));
    }
  check_close(analytic, numeric, "images");
}

}  // namespace convneat::testing
