// Activation functions: every Activation value against its formula, and the in-place batch
// path against the scalar one.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "genome/activation.hpp"
#include "nets/activation_functions.hpp"

using namespace convneat;

namespace {

constexpr double kTight = 1e-12;

double at(Activation a, double x) { return convneat::activate(a, x); }

}  // namespace

TEST_CASE("sigmoid is 1 / (1 + e^-x)", "[activation]") {
  CHECK(at(Activation::sigmoid, 0.0) == 0.5);
  CHECK(at(Activation::sigmoid, -2.0) == Approx(0.11920292202211755).epsilon(kTight));
  CHECK(at(Activation::sigmoid, 0.5) == Approx(0.6224593312018546).epsilon(kTight));
  CHECK(at(Activation::sigmoid, 3.0) == Approx(0.9525741268224334).epsilon(kTight));
  // Symmetry: sigmoid(x) + sigmoid(−x) = 1
  CHECK(at(Activation::sigmoid, 1.7) + at(Activation::sigmoid, -1.7) == Approx(1.0).epsilon(kTight));
}

TEST_CASE("steep_sigmoid is 1 / (1 + e^(-4.9x))", "[activation]") {
  CHECK(at(Activation::steep_sigmoid, 0.0) == 0.5);
  CHECK(at(Activation::steep_sigmoid, 0.5) == Approx(0.9205614508160216).epsilon(kTight));   // e^-2.45
  CHECK(at(Activation::steep_sigmoid, -0.5) == Approx(0.07943854918397836).epsilon(kTight));
  CHECK(at(Activation::steep_sigmoid, -2.0) == Approx(5.5448524722794907e-05).epsilon(kTight));  // e^9.8
  // steep_sigmoid(x) = sigmoid(4.9x)
  CHECK(at(Activation::steep_sigmoid, 0.3) == Approx(at(Activation::sigmoid, 1.47)).epsilon(kTight));
}

TEST_CASE("tanh is the hyperbolic tangent", "[activation]") {
  CHECK(at(Activation::tanh, 0.0) == 0.0);
  CHECK(at(Activation::tanh, 0.5) == Approx(0.46211715726000974).epsilon(kTight));
  CHECK(at(Activation::tanh, -2.0) == Approx(-0.9640275800758169).epsilon(kTight));
  CHECK(at(Activation::tanh, 3.0) == Approx(0.9950547536867305).epsilon(kTight));
}

TEST_CASE("relu passes positive values and zeroes the rest", "[activation]") {
  CHECK(at(Activation::relu, 3.0) == 3.0);
  CHECK(at(Activation::relu, 0.5) == 0.5);
  CHECK(at(Activation::relu, 0.0) == 0.0);
  CHECK(at(Activation::relu, -0.5) == 0.0);
  CHECK(at(Activation::relu, -2.0) == 0.0);
}

TEST_CASE("identity returns its argument", "[activation]") {
  for (double x : {-2.0, -0.5, 0.0, 0.5, 3.0, 1e300}) CHECK(at(Activation::identity, x) == x);
}

TEST_CASE("sin is the sine in radians", "[activation]") {
  CHECK(at(Activation::sin, 0.0) == 0.0);
  CHECK(at(Activation::sin, 0.5) == Approx(0.479425538604203).epsilon(kTight));
  CHECK(at(Activation::sin, -2.0) == Approx(-0.9092974268256817).epsilon(kTight));
  CHECK(at(Activation::sin, 3.0) == Approx(0.1411200080598672).epsilon(kTight));
}

TEST_CASE("gauss is e^(-x^2)", "[activation]") {
  CHECK(at(Activation::gauss, 0.0) == 1.0);
  CHECK(at(Activation::gauss, 1.0) == Approx(std::exp(-1.0)).epsilon(kTight));
  CHECK(at(Activation::gauss, 0.5) == Approx(0.7788007830714049).epsilon(kTight));  // e^-0.25
  CHECK(at(Activation::gauss, -0.5) == at(Activation::gauss, 0.5));
  CHECK(at(Activation::gauss, -2.0) == Approx(0.01831563888873418).epsilon(kTight));  // e^-4
}

TEST_CASE("abs is the absolute value", "[activation]") {
  CHECK(at(Activation::abs, -2.0) == 2.0);
  CHECK(at(Activation::abs, -0.5) == 0.5);
  CHECK(at(Activation::abs, 0.0) == 0.0);
  CHECK(at(Activation::abs, 3.0) == 3.0);
}

TEST_CASE("clamped limits values to [-1, 1]", "[activation]") {
  CHECK(at(Activation::clamped, -2.0) == -1.0);
  CHECK(at(Activation::clamped, -1.0) == -1.0);
  CHECK(at(Activation::clamped, -0.5) == -0.5);
  CHECK(at(Activation::clamped, 0.5) == 0.5);
  CHECK(at(Activation::clamped, 1.0) == 1.0);
  CHECK(at(Activation::clamped, 3.0) == 1.0);
}

TEST_CASE("activate_in_place gives exactly the scalar values for every activation", "[activation]") {
  const std::vector<double> points{-30.0, -3.0, -2.0, -1.0, -0.75, -0.5, -0.1, 0.0, 1e-9,
                                   0.1,   0.5,  1.0,  1.5,  2.0,   3.0,  7.5, 30.0};
  REQUIRE(all_activations().size() == 9);
  for (Activation a : all_activations()) {
    INFO("activation " << activation_name(a));
    Eigen::ArrayXd values(static_cast<Eigen::Index>(points.size()));
    for (std::size_t i = 0; i < points.size(); ++i) values[Eigen::Index(i)] = points[i];
    activate_in_place(a, values);
    for (std::size_t i = 0; i < points.size(); ++i) {
      INFO("x = " << points[i]);
      CHECK(values[Eigen::Index(i)] == convneat::activate(a, points[i]));
    }
  }
}

TEST_CASE("activate_in_place works on a column of a larger array", "[activation]") {
  // The batch path applies activations to one column of a rows × slots array.
  Eigen::ArrayXXd grid(3, 2);
  grid << -2.0, 5.0, 0.5, 6.0, 3.0, 7.0;
  activate_in_place(Activation::clamped, grid.col(0));
  CHECK(grid(0, 0) == -1.0);
  CHECK(grid(1, 0) == 0.5);
  CHECK(grid(2, 0) == 1.0);
  CHECK(grid(0, 1) == 5.0);  // the other column is untouched
  CHECK(grid(2, 1) == 7.0);
}

TEST_CASE("Every activation name parses back to its value", "[activation]") {
  for (Activation a : all_activations()) CHECK(parse_activation(activation_name(a)) == a);
  CHECK(parse_activation("softmax") == std::nullopt);
  CHECK(activation_names_list().rfind("sigmoid, steep_sigmoid, tanh", 0) == 0);
}

TEST_CASE("Every activation's slope matches a central finite difference away from its kinks", "[activation][gradient]") {
  const std::vector<double> points{-3.0, -1.7, -0.75, -0.3, 0.2, 0.6, 0.9, 1.3, 2.5};
  for (Activation a : all_activations()) {
    INFO("activation " << activation_name(a));
    for (double x : points) {
      INFO("x = " << x);
      const double h = 1e-6;
      const double numeric = (at(a, x + h) - at(a, x - h)) / (2.0 * h);
      CHECK(activation_slope(a, x, at(a, x)) == Approx(numeric).epsilon(1e-7).margin(1e-9));
    }
  }
}

TEST_CASE("At a kink the slope is the sub-gradient 0", "[activation][gradient]") {
  CHECK(activation_slope(Activation::relu, 0.0, 0.0) == 0.0);
  CHECK(activation_slope(Activation::abs, 0.0, 0.0) == 0.0);
  CHECK(activation_slope(Activation::clamped, 1.0, 1.0) == 0.0);
  CHECK(activation_slope(Activation::clamped, -1.0, -1.0) == 0.0);
  CHECK(activation_slope(Activation::clamped, 0.999, 0.999) == 1.0);
  CHECK(activation_slope(Activation::relu, 1e-300, 1e-300) == 1.0);
}

TEST_CASE("activation_slopes gives exactly the scalar slopes for every activation", "[activation][gradient]") {
  const std::vector<double> points{-30.0, -2.0, -1.0, -0.5, 0.0, 1e-9, 0.5, 1.0, 3.0, 30.0};
  for (Activation a : all_activations()) {
    INFO("activation " << activation_name(a));
    Eigen::ArrayXd sums(static_cast<Eigen::Index>(points.size()));
    for (std::size_t i = 0; i < points.size(); ++i) sums[Eigen::Index(i)] = points[i];
    Eigen::ArrayXd values = sums;
    activate_in_place(a, values);
    Eigen::ArrayXd slopes(sums.size());
    activation_slopes(a, sums, values, slopes);
    for (std::size_t i = 0; i < points.size(); ++i) {
      INFO("x = " << points[i]);
      CHECK(slopes[Eigen::Index(i)] == activation_slope(a, points[i], values[Eigen::Index(i)]));
    }
  }
}
