// Training losses: hand-computed values, gradients against central finite differences,
// numerical stability at large scores, and the errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "training/loss.hpp"

using namespace convneat;

namespace {

template <class Loss>
void check_gradient_by_differences(Eigen::MatrixXd outputs, const Loss& loss) {
  const Eigen::MatrixXd analytic = loss(outputs).output_gradient;
  const double h = 1e-6;
  for (Eigen::Index i = 0; i < outputs.size(); ++i) {
    const double kept = outputs.data()[i];
    outputs.data()[i] = kept + h;
    const double up = loss(outputs).loss;
    outputs.data()[i] = kept - h;
    const double down = loss(outputs).loss;
    outputs.data()[i] = kept;
    INFO("element " << i);
    CHECK(analytic.data()[i] == Approx((up - down) / (2.0 * h)).epsilon(1e-6).margin(1e-9));
  }
}

}  // namespace

TEST_CASE("Softmax cross-entropy is the mean negative log-probability of the true class", "[loss]") {
  // Row 0: scores (0, ln 3) give p(class 1) = 3/4. Row 1: equal scores give p = 1/3.
  Eigen::MatrixXd scores(2, 3);
  scores << 0.0, std::log(3.0), -1e9, 2.0, 2.0, 2.0;
  const std::vector<std::uint16_t> labels{1, 0};
  const LossValue value = softmax_cross_entropy(scores, labels);
  CHECK(value.loss == Approx((-std::log(0.75) - std::log(1.0 / 3.0)) / 2.0).epsilon(1e-12));
  // (softmax − one-hot) / rows
  CHECK(value.output_gradient(0, 0) == Approx(0.25 / 2.0).epsilon(1e-12));
  CHECK(value.output_gradient(0, 1) == Approx(-0.25 / 2.0).epsilon(1e-12));
  CHECK(value.output_gradient(1, 0) == Approx((1.0 / 3.0 - 1.0) / 2.0).epsilon(1e-12));
  CHECK(value.output_gradient.rowwise().sum().cwiseAbs().maxCoeff() < 1e-15);
}

TEST_CASE("Softmax cross-entropy's gradient matches finite differences", "[loss][gradient]") {
  Eigen::MatrixXd scores(3, 4);
  scores << 0.3, -1.2, 2.0, 0.7, -0.4, 0.9, 0.1, -2.2, 1.5, 1.4, -0.3, 0.0;
  const std::vector<std::uint16_t> labels{2, 0, 3};
  check_gradient_by_differences(scores, [&](const Eigen::MatrixXd& s) { return softmax_cross_entropy(s, labels); });
}

TEST_CASE("Softmax cross-entropy stays finite at huge scores", "[loss]") {
  Eigen::MatrixXd scores(1, 2);
  scores << 1000.0, 0.0;
  const std::vector<std::uint16_t> wrong{1};
  const LossValue value = softmax_cross_entropy(scores, wrong);
  CHECK(value.loss == Approx(1000.0).epsilon(1e-12));
  CHECK(value.output_gradient(0, 0) == Approx(1.0).epsilon(1e-12));
  CHECK(value.output_gradient(0, 1) == Approx(-1.0).epsilon(1e-12));
}

TEST_CASE("Squared error is the mean over rows of the summed squares", "[loss]") {
  Eigen::MatrixXd outputs(2, 2), targets(2, 2);
  outputs << 1.0, 2.0, 0.5, 0.0;
  targets << 0.0, 2.0, 1.0, 1.0;
  const LossValue value = squared_error(outputs, targets);
  CHECK(value.loss == (1.0 + 0.0 + 0.25 + 1.0) / 2.0);
  CHECK(value.output_gradient(0, 0) == 1.0);  // 2 · (1 − 0) / 2
  CHECK(value.output_gradient(1, 1) == -1.0);
  check_gradient_by_differences(outputs, [&](const Eigen::MatrixXd& o) { return squared_error(o, targets); });
}

TEST_CASE("A loss refuses mismatched or empty batches", "[loss]") {
  const std::vector<std::uint16_t> labels{0, 5};
  CHECK_THROWS_AS(softmax_cross_entropy(Eigen::MatrixXd::Zero(2, 3), labels), std::invalid_argument);  // class 5
  CHECK_THROWS_AS(softmax_cross_entropy(Eigen::MatrixXd::Zero(1, 3), labels), std::invalid_argument);  // rows
  const std::vector<std::uint16_t> none;
  CHECK_THROWS_AS(softmax_cross_entropy(Eigen::MatrixXd::Zero(0, 3), none), std::invalid_argument);
  CHECK_THROWS_AS(squared_error(Eigen::MatrixXd::Zero(2, 2), Eigen::MatrixXd::Zero(2, 1)), std::invalid_argument);
  CHECK_THROWS_AS(squared_error(Eigen::MatrixXd::Zero(0, 2), Eigen::MatrixXd::Zero(0, 2)), std::invalid_argument);
}
