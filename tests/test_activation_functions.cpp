// Activation functions: every Activation value against its formula, and the in-place batch
// path against the scalar one.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <limits>
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
  const std::vector<double> points{-1e300, -30.0, -3.0, -2.0, -1.0, -0.75, -0.5, -0.1, 0.0, 1e-9,
                                   0.1,    0.5,   1.0,  1.5,  2.0,  3.0,   7.5,  30.0, 1e300};
  REQUIRE(all_activations().size() == 24);
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

namespace {

// neat-python's own functions (neat/activations.py of neat-python 2.1) at x = -2, -0.5, 0, 0.5, 3,
// printed with repr(): the values a neat-python user's networks compute.
struct NeatPythonValues {
  Activation activation;
  std::array<double, 5> values;
};

const std::array<double, 5> kNeatPythonPoints{-2.0, -0.5, 0.0, 0.5, 3.0};

const std::vector<NeatPythonValues> kNeatPythonTable{
    {Activation::neat_python_sigmoid, {4.5397868702434395e-05, 0.07585818002124355, 0.5, 0.9241418199787566, 0.999999694097773}},
    {Activation::neat_python_tanh, {-0.9999092042625951, -0.8482836399575129, 0.0, 0.8482836399575129, 0.9999993881955461}},
    {Activation::neat_python_sin, {0.5440211108893698, -0.5984721441039565, 0.0, 0.5984721441039565, 0.6502878401571168}},
    {Activation::neat_python_gauss, {2.061153622438558e-09, 0.2865047968601901, 1.0, 0.2865047968601901, 2.8625185805493937e-20}},
    {Activation::neat_python_softplus, {9.079779843374107e-06, 0.015777946858509913, 0.13862943611198905, 0.51577794685851, 3.000000061180455}},
    {Activation::elu, {-0.8646647167633873, -0.3934693402873666, 0.0, 0.5, 3.0}},
    {Activation::lelu, {-0.01, -0.0025, 0.0, 0.5, 3.0}},
    {Activation::selu, {-1.5201664685956948, -0.6917581878028713, 0.0, 0.5253504936777402, 3.1521029620664414}},
    {Activation::inv, {-0.5, -2.0, 0.0, 2.0, 0.3333333333333333}},
    {Activation::log, {-16.11809565095832, -16.11809565095832, -16.11809565095832, -0.6931471805599453, 1.0986122886681098}},
    {Activation::exp, {0.1353352832366127, 0.6065306597126334, 1.0, 1.6487212707001282, 20.085536923187668}},
    {Activation::hat, {0.0, 0.5, 1.0, 0.5, 0.0}},
    {Activation::square, {4.0, 0.25, 0.0, 0.25, 9.0}},
    {Activation::cube, {-8.0, -0.125, 0.0, 0.125, 27.0}},
    {Activation::relu, {0.0, 0.0, 0.0, 0.5, 3.0}},
    {Activation::identity, {-2.0, -0.5, 0.0, 0.5, 3.0}},
    {Activation::clamped, {-1.0, -0.5, 0.0, 0.5, 1.0}},
    {Activation::abs, {2.0, 0.5, 0.0, 0.5, 3.0}},
};

}  // namespace

TEST_CASE("neat-python's activations give neat-python's values", "[activation]") {
  for (const auto& [activation, values] : kNeatPythonTable) {
    INFO("activation " << activation_name(activation));
    for (std::size_t i = 0; i < kNeatPythonPoints.size(); ++i) {
      INFO("x = " << kNeatPythonPoints[i]);
      CHECK(at(activation, kNeatPythonPoints[i]) == Approx(values[i]).epsilon(kTight).margin(1e-300));
    }
  }
}

TEST_CASE("softplus is ln(1 + e^x) without overflow", "[activation]") {
  CHECK(at(Activation::softplus, 0.0) == Approx(std::log(2.0)).epsilon(kTight));
  CHECK(at(Activation::softplus, -2.0) == Approx(0.1269280110429725).epsilon(kTight));
  CHECK(at(Activation::softplus, 3.0) == Approx(3.048587351573742).epsilon(kTight));
  CHECK(at(Activation::softplus, 1000.0) == 1000.0);  // e^1000 overflows a double: computed as x + ln(1 + e^-x)
  CHECK(at(Activation::softplus, -1000.0) == 0.0);
}

TEST_CASE("The clamps neat-python puts on exp, log and the scaled functions hold", "[activation]") {
  CHECK(at(Activation::exp, 100.0) == std::exp(60.0));
  CHECK(at(Activation::exp, -100.0) == std::exp(-60.0));
  CHECK(at(Activation::log, -1.0) == std::log(1e-7));
  CHECK(at(Activation::neat_python_gauss, 5.0) == std::exp(-5.0 * 3.4 * 3.4));
  CHECK(at(Activation::neat_python_sigmoid, -20.0) == Approx(8.75651076269652e-27).epsilon(kTight));
  CHECK(at(Activation::inv, 0.0) == 0.0);  // neat-python catches the division by zero and returns 0
}

TEST_CASE("Every activation is finite on any finite input", "[activation]") {
  const double largest = std::numeric_limits<double>::max();
  const double tiniest = std::numeric_limits<double>::denorm_min();
  for (Activation a : all_activations()) {
    INFO("activation " << activation_name(a));
    for (double x : {-largest, -1e300, -1e150, -710.0, -1.0, -tiniest, 0.0, tiniest, 1e-310, 1.0, 710.0, 1e150, 1e300,
                     largest}) {
      INFO("x = " << x);
      const double y = at(a, x);
      CHECK(std::isfinite(y));
      CHECK(std::isfinite(activation_slope(a, x, y)));
    }
  }
  CHECK(at(Activation::square, 1e200) == largest);
  CHECK(at(Activation::cube, -1e200) == -largest);
  CHECK(at(Activation::inv, tiniest) == largest);
}

TEST_CASE("Slopes inside a clamp are 0, where the function is flat", "[activation][gradient]") {
  CHECK(activation_slope(Activation::exp, 61.0, at(Activation::exp, 61.0)) == 0.0);
  CHECK(activation_slope(Activation::log, -3.0, at(Activation::log, -3.0)) == 0.0);
  CHECK(activation_slope(Activation::neat_python_gauss, 3.5, at(Activation::neat_python_gauss, 3.5)) == 0.0);
  CHECK(activation_slope(Activation::neat_python_sigmoid, 13.0, at(Activation::neat_python_sigmoid, 13.0)) == 0.0);
  CHECK(activation_slope(Activation::hat, 0.0, 1.0) == 0.0);
  CHECK(activation_slope(Activation::hat, 1.5, 0.0) == 0.0);
  CHECK(activation_slope(Activation::inv, 0.0, 0.0) == 0.0);
  // Saturated at the largest finite value, the function is flat too.
  const double largest = std::numeric_limits<double>::max();
  CHECK(activation_slope(Activation::square, 1e200, largest) == 0.0);
  CHECK(activation_slope(Activation::cube, -1e200, -largest) == 0.0);
  CHECK(activation_slope(Activation::selu, largest, largest) == 0.0);
  CHECK(activation_slope(Activation::inv, 1e-320, largest) == 0.0);
  CHECK(activation_slope(Activation::square, 3.0, 9.0) == 6.0);
}
