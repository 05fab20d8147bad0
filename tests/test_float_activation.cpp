// The float activations of the spatial layers (nets/float_activation.hpp) against the double
// ones every other phenotype uses (nets/activation_functions.cpp): the same values and slopes
// within float's precision, finite for every finite input however extreme, and the same bits
// whatever the batch an input comes in.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <Eigen/Core>

#include "genome/activation.hpp"
#include "nets/activation_functions.hpp"
#include "nets/float_activation.hpp"

using namespace convneat;

namespace {

// Extremes (±1e30, ±1e-30, ±70), zero and every kink (0, ±1), the ranges where clamps are
// active or not, and nothing exactly on a clamp's edge (5x = ±60, 2.5x = ±60, x = ±60,
// ±3.4, 1e-7), where which side a rounding error falls on decides the slope.
constexpr float kLargestFloat = std::numeric_limits<float>::max();
const std::vector<float> kPoints{-kLargestFloat, -1e30f, -70.0f, -13.0f, -11.5f, -7.0f, -3.5f, -2.5f,
                                 -1.0f,          -0.999f, -0.3f, -5e-8f,  -1e-30f, 0.0f,  1e-30f, 5e-8f,
                                 2e-7f,          0.3f,    0.999f, 1.0f,   2.5f,    3.3f,  7.0f,   11.5f,
                                 13.0f,          70.0f,   1e20f,  1e30f,  kLargestFloat};

constexpr double kLargest = kLargestFloat;

// Where the double path gives a value beyond float's range, the float path saturates.
double in_float_range(double value) { return std::clamp(value, -kLargest, kLargest); }

// Float's precision (1e-5 relative) plus an absolute margin far below any value that is not
// an underflow: 1e-90 is 0 in float.
bool close(double actual, double expected) {
  return std::abs(actual - expected) <= 1e-5 * std::abs(expected) + 1e-35;
}

// Slopes taken from y = act(x), as sigmoid's y (1 - y), inherit y's rounding to float: an
// absolute error up to a few times float's epsilon at 1 (6e-8), which is all that is left of
// a slope of 1e-7 once y rounds to 1. Hence an absolute margin of 1e-6 for slopes.
bool close_slope(double actual, double expected) {
  return std::abs(actual - expected) <= 1e-5 * std::abs(expected) + 1e-6;
}

// gauss's slope, -2·x·y as it has always been computed, overflows in -2x at float's largest
// x before y (Eigen's e^-88, not 0) can bring it back: kept bit-identical, so left out here.
Eigen::ArrayXf points_array() { return Eigen::Map<const Eigen::ArrayXf>(kPoints.data(), std::ssize(kPoints)); }

Eigen::ArrayXf float_values(Activation activation, const Eigen::ArrayXf& x) {
  Eigen::ArrayXf values = x;
  assign_activated(activation, values, values);
  return values;
}

}  // namespace

TEST_CASE("Every float activation gives the double value, within float precision, and is finite",
          "[activation][float]") {
  REQUIRE(all_activations().size() == 24);
  for (Activation a : all_activations()) {
    INFO("activation " << activation_name(a));
    const Eigen::ArrayXf values = float_values(a, points_array());
    for (std::size_t i = 0; i < kPoints.size(); ++i) {
      const auto index = static_cast<Eigen::Index>(i);
      const double expected = in_float_range(convneat::activate(a, kPoints[i]));
      INFO("x = " << kPoints[i] << ": float " << values[index] << ", double " << expected);
      CHECK(std::isfinite(values[index]));
      CHECK(close(values[index], expected));
    }
  }
}

TEST_CASE("Every float activation's slope gives the double slope, within float precision, and is finite",
          "[activation][float][gradient]") {
  for (Activation a : all_activations()) {
    INFO("activation " << activation_name(a));
    const Eigen::ArrayXf x = points_array();
    const Eigen::ArrayXf y = float_values(a, x);
    Eigen::ArrayXf slopes = Eigen::ArrayXf::Ones(x.size());
    multiply_by_slopes(a, slopes, x, y);
    for (std::size_t i = 0; i < kPoints.size(); ++i) {
      const auto index = static_cast<Eigen::Index>(i);
      const bool saturates = a == Activation::inv || a == Activation::square || a == Activation::cube ||
                             a == Activation::selu;
      if (saturates && std::abs(y[index]) == kLargestFloat) {  // saturated in float, not yet in double: flat
        CHECK(slopes[index] == 0.0f);
        continue;
      }
      const double exact = kPoints[i];
      const double expected = in_float_range(activation_slope(a, exact, convneat::activate(a, exact)));
      INFO("x = " << kPoints[i] << ": float " << slopes[index] << ", double " << expected);
      CHECK(std::isfinite(slopes[index]));
      CHECK(close_slope(slopes[index], expected));
    }
  }
}

TEST_CASE("The float slopes scale the incoming gradient", "[activation][float][gradient]") {
  // multiply_by_slopes multiplies (gradient ⊙= slope); a select-based slope must keep the
  // gradient's own value and sign, not replace it.
  const Eigen::ArrayXf x = points_array();
  for (Activation a : all_activations()) {
    INFO("activation " << activation_name(a));
    const Eigen::ArrayXf y = float_values(a, x);
    Eigen::ArrayXf ones = Eigen::ArrayXf::Ones(x.size());
    Eigen::ArrayXf scaled = Eigen::ArrayXf::Constant(x.size(), -0.5f);
    multiply_by_slopes(a, ones, x, y);
    multiply_by_slopes(a, scaled, x, y);
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      INFO("x = " << x[i]);
      CHECK(close(scaled[i], -0.5 * ones[i]));
    }
  }
}

TEST_CASE("The float activations and their clamps at chosen points", "[activation][float]") {
  const auto at = [](Activation a, float x) { return float_values(a, Eigen::ArrayXf::Constant(1, x))[0]; };
  CHECK(at(Activation::inv, 0.0f) == 0.0f);
  CHECK(at(Activation::inv, -0.0f) == 0.0f);
  CHECK(at(Activation::inv, 4.0f) == 0.25f);
  CHECK(at(Activation::inv, 1e-39f) == kLargestFloat);  // 1/x beyond float's range saturates
  CHECK(at(Activation::square, -1e30f) == kLargestFloat);
  CHECK(at(Activation::cube, -1e30f) == -kLargestFloat);
  CHECK(at(Activation::cube, -2.0f) == -8.0f);
  CHECK(at(Activation::lelu, -2.0f) == -0.01f);
  CHECK(at(Activation::hat, 0.25f) == 0.75f);
  CHECK(at(Activation::hat, -3.0f) == 0.0f);
  CHECK(at(Activation::log, -5.0f) == Approx(std::log(1e-7)).epsilon(1e-6));
  CHECK(at(Activation::exp, 1e30f) == Approx(std::exp(60.0)).epsilon(1e-6));
  CHECK(at(Activation::exp, -1e30f) == Approx(std::exp(-60.0)).epsilon(1e-6));
  CHECK(at(Activation::neat_python_gauss, 1e30f) == Approx(std::exp(-5.0 * 3.4 * 3.4)).epsilon(1e-5));
  CHECK(at(Activation::neat_python_sin, 1e30f) == Approx(std::sin(60.0)).epsilon(1e-5));
  CHECK(at(Activation::neat_python_softplus, -1e30f) == Approx(0.2 * std::exp(-60.0)).epsilon(1e-5));
  CHECK(at(Activation::softplus, 1e30f) == 1e30f);  // no overflow of e^x on the way
  CHECK(at(Activation::softplus, -70.0f) == Approx(std::exp(-70.0)).epsilon(1e-5));
  CHECK(at(Activation::elu, -1e30f) == -1.0f);
  CHECK(at(Activation::selu, 1.0f) == Approx(1.0507009873554804934).epsilon(1e-7));
}

TEST_CASE("The float slopes at kinks and where clamps are active", "[activation][float][gradient]") {
  const auto slope = [](Activation a, float x) {
    const Eigen::ArrayXf input = Eigen::ArrayXf::Constant(1, x);
    Eigen::ArrayXf gradient = Eigen::ArrayXf::Ones(1);
    multiply_by_slopes(a, gradient, input, float_values(a, input));
    return gradient[0];
  };
  CHECK(slope(Activation::inv, 0.0f) == 0.0f);
  CHECK(slope(Activation::inv, 2.0f) == -0.25f);
  CHECK(slope(Activation::inv, 1e-30f) == -kLargestFloat);
  for (float kink : {-1.0f, 0.0f, 1.0f}) CHECK(slope(Activation::hat, kink) == 0.0f);
  CHECK(slope(Activation::hat, 0.5f) == -1.0f);
  CHECK(slope(Activation::hat, -0.5f) == 1.0f);
  CHECK(slope(Activation::hat, 1.5f) == 0.0f);
  CHECK(slope(Activation::lelu, -3.0f) == 0.005f);
  CHECK(slope(Activation::lelu, 0.0f) == 0.005f);
  CHECK(slope(Activation::elu, 0.0f) == 1.0f);
  CHECK(slope(Activation::selu, 0.0f) == Approx(1.0507009873554804934 * 1.6732632423543772848).epsilon(1e-6));
  CHECK(slope(Activation::log, -5.0f) == 0.0f);
  CHECK(slope(Activation::log, 2.0f) == 0.5f);
  CHECK(slope(Activation::exp, 70.0f) == 0.0f);
  CHECK(slope(Activation::exp, -70.0f) == 0.0f);
  CHECK(slope(Activation::square, 3e38f) == 0.0f);  // saturated at float's largest value: flat
  CHECK(slope(Activation::cube, -1e30f) == 0.0f);
  CHECK(slope(Activation::square, 1e18f) == 2e18f);
  CHECK(slope(Activation::inv, 1e-39f) == 0.0f);
  CHECK(slope(Activation::neat_python_sin, 13.0f) == 0.0f);  // 5 cos(65) without the clamp
  CHECK(slope(Activation::neat_python_sin, 0.0f) == 5.0f);
  CHECK(slope(Activation::neat_python_gauss, 3.5f) == 0.0f);
  CHECK(slope(Activation::neat_python_gauss, 0.0f) == 0.0f);
  CHECK(slope(Activation::neat_python_sigmoid, 0.0f) == 1.25f);
  CHECK(slope(Activation::neat_python_tanh, 0.0f) == 2.5f);
  CHECK(slope(Activation::neat_python_softplus, 0.0f) == 0.5f);
  CHECK(slope(Activation::neat_python_softplus, 13.0f) == 0.0f);
  CHECK(slope(Activation::softplus, 0.0f) == 0.5f);
}

TEST_CASE("Every float activation gives the same bits whatever the batch around an input", "[activation][float]") {
  // assign_activated promises batch-independence (apply_in_whole_packets): an input's value
  // may not depend on its batch's length nor on where in the batch it sits.
  const Eigen::ArrayXf all = points_array();
  for (Activation a : all_activations()) {
    INFO("activation " << activation_name(a));
    const Eigen::ArrayXf together = float_values(a, all);
    for (Eigen::Index i = 0; i < all.size(); ++i) {
      INFO("x = " << all[i]);
      const Eigen::ArrayXf alone = float_values(a, all.segment(i, 1));
      Eigen::ArrayXf shifted(i + 2);  // the same input after i + 1 others
      shifted.head(i + 1) = all.head(i + 1).reverse();
      shifted[i + 1] = all[i];
      CHECK(std::bit_cast<std::uint32_t>(alone[0]) == std::bit_cast<std::uint32_t>(together[i]));
      CHECK(std::bit_cast<std::uint32_t>(float_values(a, shifted)[i + 1]) ==
            std::bit_cast<std::uint32_t>(together[i]));
    }
  }
}
