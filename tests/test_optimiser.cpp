// Optimisers: SGD with momentum and Adam step by step against hand computation, decoupled
// weight decay, the clamp to the weight limit, convergence on a quadratic, and the errors.
#include <catch2/catch.hpp>

#include <cmath>

#include "training/optimiser.hpp"

using namespace convneat;

namespace {

Eigen::VectorXd vector_of(std::initializer_list<double> values) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (double x : values) v[i++] = x;
  return v;
}

OptimiserSettings sgd(double learning_rate, double momentum) {
  OptimiserSettings settings;
  settings.kind = OptimiserKind::sgd;
  settings.learning_rate = learning_rate;
  settings.momentum = momentum;
  return settings;
}

}  // namespace

TEST_CASE("SGD with momentum accumulates a velocity: v = μ v + g, θ = θ − η v", "[optimiser]") {
  Optimiser optimiser(sgd(0.1, 0.9), 1);
  Eigen::VectorXd theta = vector_of({1.0});
  optimiser.step(theta, vector_of({2.0}));  // v = 2, θ = 1 − 0.2
  CHECK(theta[0] == Approx(0.8).epsilon(1e-15));
  optimiser.step(theta, vector_of({2.0}));  // v = 1.8 + 2 = 3.8, θ = 0.8 − 0.38
  CHECK(theta[0] == Approx(0.42).epsilon(1e-15));
  CHECK(optimiser.steps_taken() == 2);
}

TEST_CASE("Adam's first step moves each parameter by the learning rate against its gradient's sign", "[optimiser]") {
  // m̂ = g and v̂ = g² after one step, so the step is η g / (|g| + ε).
  OptimiserSettings settings;
  settings.learning_rate = 0.05;
  Optimiser optimiser(settings, 3);
  Eigen::VectorXd theta = vector_of({1.0, -2.0, 0.5});
  optimiser.step(theta, vector_of({4.0, -0.001, 0.0}));
  CHECK(theta[0] == Approx(1.0 - 0.05 * 4.0 / (4.0 + 1e-8)).epsilon(1e-14));
  CHECK(theta[1] == Approx(-2.0 + 0.05 * 0.001 / (0.001 + 1e-8)).epsilon(1e-14));
  CHECK(theta[2] == 0.5);
}

TEST_CASE("Adam's second step uses bias-corrected running means", "[optimiser]") {
  OptimiserSettings settings;
  settings.learning_rate = 0.1;
  Optimiser optimiser(settings, 1);
  Eigen::VectorXd theta = vector_of({0.0});
  optimiser.step(theta, vector_of({1.0}));
  const double after_first = theta[0];
  optimiser.step(theta, vector_of({3.0}));
  const double m = 0.9 * 0.1 + 0.1 * 3.0, v = 0.999 * 0.001 + 0.001 * 9.0;
  const double m_hat = m / (1.0 - 0.81), v_hat = v / (1.0 - 0.999 * 0.999);
  CHECK(theta[0] == Approx(after_first - 0.1 * m_hat / (std::sqrt(v_hat) + 1e-8)).epsilon(1e-13));
}

TEST_CASE("Weight decay is decoupled: a zero gradient still shrinks the parameters by η·λ", "[optimiser]") {
  for (OptimiserKind kind : kOptimisers.values()) {
    OptimiserSettings settings = sgd(0.1, 0.9);
    settings.kind = kind;
    settings.weight_decay = 0.5;
    Optimiser optimiser(settings, 2);
    Eigen::VectorXd theta = vector_of({2.0, -4.0});
    optimiser.step(theta, vector_of({0.0, 0.0}));
    CHECK(theta[0] == Approx(2.0 * (1.0 - 0.05)).epsilon(1e-15));
    CHECK(theta[1] == Approx(-4.0 * (1.0 - 0.05)).epsilon(1e-15));
  }
}

TEST_CASE("Each parameter keeps its own interval, and only decayed ones decay", "[optimiser]") {
  OptimiserSettings settings = sgd(0.1, 0.0);
  settings.weight_decay = 0.5;
  ParameterConstraints constraints = ParameterConstraints::uniform(1, 0.0);  // unbounded, decayed
  ParameterConstraints plane{vector_of({0.0}), vector_of({1.0}), Eigen::ArrayXd::Zero(1)};
  constraints.append(plane);
  REQUIRE(constraints.size() == 2);
  Optimiser optimiser(settings, constraints);
  Eigen::VectorXd theta = vector_of({100.0, 0.5});
  optimiser.step(theta, vector_of({0.0, -10.0}));  // the second would go to 1.5
  CHECK(theta[0] == Approx(100.0 * (1.0 - 0.05)).epsilon(1e-15));
  CHECK(theta[1] == 1.0);
  optimiser.step(theta, vector_of({0.0, 0.0}));  // no decay on the second: it stays
  CHECK(theta[1] == 1.0);
}

TEST_CASE("A step never leaves [-limit, limit]", "[optimiser]") {
  OptimiserSettings settings = sgd(10.0, 0.0);
  settings.limit = 3.0;
  Optimiser optimiser(settings, 2);
  Eigen::VectorXd theta = vector_of({2.9, -2.9});
  optimiser.step(theta, vector_of({-1.0, 1.0}));
  CHECK(theta[0] == 3.0);
  CHECK(theta[1] == -3.0);
}

TEST_CASE("Both optimisers find the minimum of an ill-conditioned quadratic", "[optimiser]") {
  // f(θ) = Σ a_i (θ_i − c_i)², curvatures 100 apart.
  const Eigen::VectorXd a = vector_of({0.1, 1.0, 10.0}), c = vector_of({1.0, -2.0, 0.5});
  for (OptimiserKind kind : kOptimisers.values()) {
    OptimiserSettings settings = sgd(0.04, 0.9);
    settings.kind = kind;
    Optimiser optimiser(settings, 3);
    Eigen::VectorXd theta = Eigen::VectorXd::Zero(3);
    for (int step = 0; step < 3000; ++step) optimiser.step(theta, 2.0 * a.cwiseProduct(theta - c));
    INFO("optimiser " << kOptimisers.name(kind));
    for (Eigen::Index i = 0; i < 3; ++i) CHECK(std::abs(theta[i] - c[i]) < 1e-3);
  }
}

TEST_CASE("A step with parameters or gradient of the wrong size is refused", "[optimiser]") {
  Optimiser optimiser(OptimiserSettings{}, 2);
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(2);
  CHECK_THROWS_AS(optimiser.step(theta, Eigen::VectorXd::Zero(3)), std::invalid_argument);
  Eigen::VectorXd wrong = Eigen::VectorXd::Zero(1);
  CHECK_THROWS_AS(optimiser.step(wrong, Eigen::VectorXd::Zero(1)), std::invalid_argument);
}
