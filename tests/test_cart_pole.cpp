// The cart-pole physics (experiments/tasks/cart_pole.hpp) and the fitness of the three
// pole-balancing tasks on hand-made controllers. Reference numbers come from
// tests/reference/cart_pole_reference.py, an independent implementation: it solves
// Lagrange's equations of the cart and uniform rods as a linear system at every step
// (instead of Wieland's closed form) with its own Runge–Kutta code, in Python. Regenerate
// with `python3 tests/reference/cart_pole_reference.py [--long]`.
#include <catch2/catch.hpp>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <set>
#include <tuple>
#include <vector>

#include "experiments/tasks/cart_pole.hpp"
#include "experiments/tasks/pole_balancing_task.hpp"

using namespace convneat;

namespace {

// A network that is not a genome: a fixed rule of the inputs, counting resets.
class FakeNetwork : public Network {
 public:
  explicit FakeNetwork(std::size_t inputs) : inputs_(inputs) {}
  std::size_t input_count() const override { return inputs_; }
  std::size_t output_count() const override { return 1; }
  Eigen::MatrixXd activate_batch(const Eigen::MatrixXd& inputs) override {
    Eigen::MatrixXd outputs(inputs.rows(), 1);
    for (Eigen::Index row = 0; row < inputs.rows(); ++row) {
      const Eigen::VectorXd in = inputs.row(row).transpose();
      std::array<double, 1> out{};
      activate(std::span<const double>(in.data(), static_cast<std::size_t>(in.size())), out);
      outputs(row, 0) = out[0];
    }
    return outputs;
  }
  void reset() override { ++resets; }
  bool keeps_state() const override { return true; }  // the differencing regulator does
  std::size_t propagation_steps() const override { return 1; }
  std::size_t resets = 0;

 private:
  std::size_t inputs_;
};

class ConstantNetwork final : public FakeNetwork {
 public:
  ConstantNetwork(std::size_t inputs, double output) : FakeNetwork(inputs), output_(output) {}
  void activate(std::span<const double>, std::span<double> outputs) override { outputs[0] = output_; }

 private:
  double output_;
};

// o = Σ w_j · input_j, summed in input order as the reference script does.
class LinearNetwork final : public FakeNetwork {
 public:
  explicit LinearNetwork(std::vector<double> weights) : FakeNetwork(weights.size()), weights_(std::move(weights)) {}
  void activate(std::span<const double> inputs, std::span<double> outputs) override {
    double total = 0.0;
    for (std::size_t j = 0; j < weights_.size(); ++j) total += weights_[j] * inputs[j];
    outputs[0] = total;
  }

 private:
  std::vector<double> weights_;
};

// Given DPNV's inputs (x/4.8, θ₁/0.52, θ₂/0.52, 0.5), estimates the velocities as the
// change since the previous decision over 0.02 s and applies DPV weights to the six
// scaled values: a stand-in for a recurrent network, mirroring the reference script's
// DifferencingController step by step. Its memory is what reset() clears.
class DifferencingNetwork final : public FakeNetwork {
 public:
  explicit DifferencingNetwork(std::vector<double> dpv_weights) : FakeNetwork(4), weights_(std::move(dpv_weights)) {}
  void reset() override {
    FakeNetwork::reset();
    has_previous_ = false;
  }
  void activate(std::span<const double> inputs, std::span<double> outputs) override {
    const std::array<double, 3> now{inputs[0] * 4.8, inputs[1] * 0.52, inputs[2] * 0.52};
    if (!has_previous_) previous_ = now, has_previous_ = true;
    std::array<double, 3> velocity{};
    for (std::size_t i = 0; i < 3; ++i) velocity[i] = (now[i] - previous_[i]) / (0.01 * 2);
    previous_ = now;
    const std::array<double, 7> scaled{now[0] / 4.8,  velocity[0] / 2.0, now[1] / 0.52, velocity[1] / 2.0,
                                       now[2] / 0.52, velocity[2] / 2.0, 0.5};
    double total = 0.0;
    for (std::size_t j = 0; j < weights_.size(); ++j) total += weights_[j] * scaled[j];
    outputs[0] = total;
  }

 private:
  std::vector<double> weights_;
  std::array<double, 3> previous_{};
  bool has_previous_ = false;
};

// Reference script: the linear-quadratic regulator (Q = diag(1, 1, 10, 1, 10, 1), R = 10)
// of the linearised double pole, as weights on the DPV inputs (last: the 0.5 bias input).
const std::vector<double> kRegulator{-0.054290763527387861, -0.079750887269174134, -0.95688601258441519,
                                     -0.97839969764125301,  0.91033399994438757,   0.28835298842537882, 1};
// The same gains scaled by 0.58: balances for a while, then fails.
const std::vector<double> kWeakRegulator{-0.031488642845884957, -0.046255514616120992, -0.55499388729896082,
                                         -0.56747182463192669,  0.5279937199677448,    0.16724473328671971, 1};

// The regulator until `decisions` decisions after a reset, then a full push right: it fails soon
// after, however long it had balanced.
class GivingUpNetwork final : public FakeNetwork {
 public:
  explicit GivingUpNetwork(std::size_t decisions) : FakeNetwork(4), regulator_(kRegulator), decisions_(decisions) {}
  void reset() override {
    FakeNetwork::reset();
    regulator_.reset();
    made_ = 0;
  }
  void activate(std::span<const double> inputs, std::span<double> outputs) override {
    if (made_++ < decisions_) regulator_.activate(inputs, outputs);
    else outputs[0] = 1.0;
  }

 private:
  DifferencingNetwork regulator_;
  std::size_t decisions_;
  std::size_t made_ = 0;
};

CartPoleState run(const CartPole& cart, CartPoleState state, double force, std::size_t decisions) {
  for (std::size_t i = 0; i < decisions; ++i) state = cart.advance(state, force);
  return state;
}

void check_state(const CartPoleState& actual, const std::array<double, 6>& expected, double tolerance) {
  const std::array<double, 6> got{actual.x, actual.x_dot, actual.theta1, actual.theta1_dot, actual.theta2,
                                  actual.theta2_dot};
  for (std::size_t i = 0; i < 6; ++i) {
    INFO("component " << i);
    CHECK(got[i] == Approx(expected[i]).margin(tolerance).epsilon(0));
  }
}

double largest_difference(const CartPoleState& a, const CartPoleState& b) {
  return std::max({std::abs(a.x - b.x), std::abs(a.x_dot - b.x_dot), std::abs(a.theta1 - b.theta1),
                   std::abs(a.theta1_dot - b.theta1_dot), std::abs(a.theta2 - b.theta2),
                   std::abs(a.theta2_dot - b.theta2_dot)});
}

double regulator_force(LinearNetwork& regulator, const CartPole& cart, const CartPoleState& state) {
  std::array<double, 7> inputs{};
  read_sensors(PoleSensors::double_pole, state, inputs);
  std::array<double, 1> output{};
  regulator.activate(inputs, output);
  return cart.force_from_output(output[0]);
}

// The double pole integrated with `substeps` Runge–Kutta steps per 0.02 s decision.
CartPoleParameters with_substeps(std::size_t substeps) {
  CartPoleParameters parameters = CartPoleParameters::double_pole();
  parameters.time_step = 0.02 / static_cast<double>(substeps);
  parameters.steps_per_decision = substeps;
  return parameters;
}

// One second (50 decisions) under the regulator.
CartPoleState controlled_trajectory(std::size_t substeps, CartPoleState state) {
  const CartPole cart(with_substeps(substeps));
  LinearNetwork regulator(kRegulator);
  for (int decision = 0; decision < 50; ++decision)
    state = cart.advance(state, regulator_force(regulator, cart, state));
  return state;
}

EvaluationContext unused_context() {
  static thread_local RandomStream stream(0);
  return {0, 0, 0, stream};
}

}  // namespace

TEST_CASE("an upright cart-pole with no force stays exactly at rest") {
  const auto parameters = GENERATE(CartPoleParameters::double_pole(), CartPoleParameters::single_pole());
  const CartPole cart(parameters);
  CHECK(cart.derivative(CartPoleState{}, 0.0) == CartPoleState{});
  CHECK(run(cart, CartPoleState{}, 0.0, 1000) == CartPoleState{});
}

TEST_CASE("a pole released at a small positive angle falls toward positive angles and pushes the cart back") {
  const CartPole cart;
  SECTION("the long pole") {
    const CartPoleState later = run(cart, standard_start(), 0.0, 10);
    CHECK(later.theta1 > 0.07);
    CHECK(later.theta1_dot > 0.0);
    CHECK(later.x < 0.0);
    CHECK(later.x_dot < 0.0);
  }
  SECTION("the short pole") {
    CartPoleState start;
    start.theta2 = 0.05;
    const CartPoleState later = run(cart, start, 0.0, 5);
    CHECK(later.theta2 > 0.05);
    CHECK(later.x_dot < 0.0);
    CHECK(later.theta1 > 0.0);  // the cart's recoil tips the long pole the same way
  }
  SECTION("pushing the cart forward tips the poles backward") {
    const CartPoleState rate = cart.derivative(CartPoleState{}, 10.0);
    CHECK(rate.x_dot > 0.0);
    CHECK(rate.theta1_dot < 0.0);
    CHECK(rate.theta2_dot < 0.0);
  }
}

TEST_CASE("halving the Runge-Kutta step barely changes a one-second trajectory, with fourth-order convergence") {
  // Under the regulator's control, so that the poles stay up instead of spinning over.
  SECTION("gentle control from 0.001 rad: less than 1e-8") {
    CartPoleState start;
    start.theta1 = 0.001;
    const CartPoleState coarse = controlled_trajectory(2, start), fine = controlled_trajectory(4, start);
    CHECK(largest_difference(coarse, fine) < 1e-8);
    CHECK(largest_difference(coarse, start) > 1e-3);  // and the system really moved
  }
  SECTION("saturated control from the standard start") {
    // Bang-bang forces jolt the fast short pole (θ̈₂ ≈ 150 θ₂), so the step error at
    // τ = 0.01 s is about 2e-7 here; it must shrink ~16-fold per halving (4th order).
    const CartPoleState start = standard_start();
    const CartPoleState h = controlled_trajectory(2, start), half = controlled_trajectory(4, start);
    const CartPoleState quarter = controlled_trajectory(8, start);
    const double first_change = largest_difference(h, half), second_change = largest_difference(half, quarter);
    CHECK(first_change < 1e-6);
    CHECK(second_change < 3e-8);
    CHECK(first_change / second_change == Approx(16.0).epsilon(0.25));
    CHECK(largest_difference(h, standard_start()) > 0.3);  // and the cart really moved
  }
}

TEST_CASE("the equations of motion agree with an independent Lagrangian solution") {
  SECTION("double pole, 10 decisions under 3 N") {
    const CartPoleState start{0.1, -0.2, 0.05, 0.3, -0.02, 0.1};
    check_state(run(CartPole(), start, 3.0, 10),
                {0.11760369354066293, 0.37330733749050421, 0.040908217176599898, -0.39132452046800537,
                 -1.3677907352075929, -17.757267077762481},
                1e-9);
  }
  SECTION("single pole, 20 decisions under -2 N") {
    check_state(run(CartPole(CartPoleParameters::single_pole()), standard_start(), -2.0, 20),
                {-0.16248929615224467, -0.82127211493815633, 0.46084750681368458, 2.3088558305497111, 0, 0}, 1e-9);
  }
}

TEST_CASE("failure: the bounds are inclusive, NaN fails, and the single pole ignores pole 2") {
  const CartPole cart;
  CHECK_FALSE(cart.failed({2.4, 0, 0.628329, 0, -0.628329, 0}));
  CHECK(cart.failed({2.4000001, 0, 0, 0, 0, 0}));
  CHECK(cart.failed({0, 0, -0.63, 0, 0, 0}));
  CHECK(cart.failed({0, 0, 0, 0, 0.63, 0}));
  CHECK(cart.failed({std::numeric_limits<double>::quiet_NaN(), 0, 0, 0, 0, 0}));
  CHECK_FALSE(CartPole(CartPoleParameters::single_pole()).failed({0, 0, 0, 0, 1.0, 0}));
}

TEST_CASE("a network output in [0, 1] becomes a force in [-10, 10] N") {
  const CartPole cart;
  CHECK(cart.force_from_output(0.0) == -10.0);
  CHECK(cart.force_from_output(0.5) == 0.0);
  CHECK(cart.force_from_output(0.75) == 5.0);
  CHECK(cart.force_from_output(1.0) == 10.0);
  CHECK(cart.force_from_output(3.0) == 10.0);
  CHECK(cart.force_from_output(-3.0) == -10.0);
}

TEST_CASE("a constant zero-force network balances 22 decisions of the double pole") {
  EvaluationContext context = unused_context();
  ConstantNetwork dpv(7, 0.5), dpnv(4, 0.5);
  const TaskResult markov = DoublePoleTask().evaluate(dpv, context);
  CHECK(markov.fitness == 22.0);  // reference script: 22
  CHECK_FALSE(markov.solved);
  CHECK(dpv.resets == 1);
  const TaskResult damped = DoublePoleNoVelocityTask().evaluate(dpnv, context);
  CHECK(damped.fitness == Approx(0.0022).epsilon(1e-12));  // 0.1 · 22/1000; f₂ = 0 below 100 decisions
  CHECK_FALSE(damped.solved);
}

TEST_CASE("a linear regulator solves DPV, and balances as long as the reference says when weakened") {
  EvaluationContext context = unused_context();
  LinearNetwork regulator(kRegulator), weak(kWeakRegulator);
  const TaskResult strong = DoublePoleTask().evaluate(regulator, context);
  CHECK(strong.fitness == 100000.0);  // reference script --long: 100000
  CHECK(strong.solved);
  CHECK(DoublePoleTask().evaluate(weak, context).fitness == 133.0);  // reference script: 133
}

TEST_CASE("Gruau's damping fitness, checked by hand") {
  CHECK(damping_fitness(0, 123.0) == 0.0);
  CHECK(damping_fitness(99, 123.0) == Approx(0.1 * 0.099));         // t < 100: f₂ = 0
  CHECK(damping_fitness(100, 7.5) == Approx(0.1 * 0.1 + 0.9 * 0.1));  // 0.75 / 7.5 = 0.1
  CHECK(damping_fitness(1000, 0.75) == Approx(0.1 + 0.9));
  CHECK(damping_fitness(500, 3.0) == Approx(0.05 + 0.9 * 0.25));
}

TEST_CASE("DPNV fitness of a velocity-estimating regulator matches the reference") {
  EvaluationContext context = unused_context();
  SECTION("balancing all 1,000 decisions: the window is decisions 901-1000") {
    DifferencingNetwork network(kRegulator);
    const TaskResult result = DoublePoleNoVelocityTask().evaluate(network, context);
    CHECK(result.fitness == Approx(10.468577018882591).epsilon(1e-9));
    CHECK_FALSE(result.solved);  // DPNV is solved only by the champion tests
  }
  SECTION("failing after 152 decisions: the window is decisions 53-152") {
    DifferencingNetwork network(kWeakRegulator);
    CHECK(DoublePoleNoVelocityTask().evaluate(network, context).fitness ==
          Approx(0.019323988754720977).epsilon(1e-9));
  }
}

TEST_CASE("the generalisation test uses exactly the 625 starts of the spec") {
  const std::vector<CartPoleState> starts = generalization_starts();
  REQUIRE(starts.size() == 625);
  std::set<std::tuple<double, double, double, double>> distinct;
  std::set<double> positions;
  for (const CartPoleState& s : starts) {
    distinct.insert({s.x, s.x_dot, s.theta1, s.theta1_dot});
    positions.insert(s.x);
    CHECK(s.theta2 == 0.0);
    CHECK(s.theta2_dot == 0.0);
  }
  CHECK(distinct.size() == 625);
  CHECK(positions == std::set<double>{-2.16 + 0.05 * 4.32, -2.16 + 0.25 * 4.32, 0.0, -2.16 + 0.75 * 4.32,
                                      -2.16 + 0.95 * 4.32});
  const double degree = 3.14159265358979323846 / 180.0;
  CHECK(starts.front().x == Approx(-1.944));
  CHECK(starts.front().x_dot == Approx(-1.215));
  CHECK(starts.front().theta1 == Approx(-3.24 * degree));
  CHECK(starts.front().theta1_dot == Approx(-7.74 * degree));
  CHECK(starts.back().theta1_dot == Approx(7.74 * degree));

  // Without force only the five starts at rest and upright (one per x) are balanced.
  ConstantNetwork falls(4, 0.5);
  CHECK(generalization_score(falls) == 5);
  CHECK(falls.resets == 625);  // flushed before every start
}

TEST_CASE("the DPNV champion tests on a velocity-estimating regulator match the reference") {
  DifferencingNetwork network(kRegulator);
  CHECK(passes_long_test(network));
  CHECK(network.resets == 1);
  CHECK(generalization_score(network) == 501);  // reference script --long: 501 of 625
  CHECK(network.resets == 1 + 625);

  const auto regulator = [] { return std::make_unique<DifferencingNetwork>(kRegulator); };
  const ChampionTestResult passed = DoublePoleNoVelocityTask().test_champion(regulator, ChampionTestScope::generation);
  CHECK(passed.solved);
  CHECK(passed.figures.at("long_run") == 100000.0);
  CHECK(passed.figures.at("generalisation") == 501.0);

  ConstantNetwork falls(4, 0.5);
  const auto constant = [] { return std::make_unique<ConstantNetwork>(4, 0.5); };
  const ChampionTestResult failed = DoublePoleNoVelocityTask().test_champion(constant, ChampionTestScope::generation);
  CHECK_FALSE(failed.solved);
  CHECK(failed.figures.at("long_run") == 22.0);
  CHECK(failed.figures.count("generalisation") == 0);  // not tried after a failed long run
}

// With threads to spare the long run and the generalisation starts run at once
// (pole_balancing_task.cpp); the figures must be those of the two tests in sequence.
TEST_CASE("the DPNV champion test gives the figures of its two tests in sequence on any number of threads") {
  struct Case {
    const char* name;
    std::function<std::unique_ptr<Network>()> compile;
  };
  const std::vector<Case> cases{
      {"passes both", [] { return std::make_unique<DifferencingNetwork>(kRegulator); }},
      {"falls at once", [] { return std::make_unique<ConstantNetwork>(4, 0.5); }},
      {"fails after 152 decisions", [] { return std::make_unique<DifferencingNetwork>(kWeakRegulator); }},
      {"gives up after 60,000 decisions, while the starts run",
       [] { return std::make_unique<GivingUpNetwork>(60000); }},
      {"gives up after 1,000 decisions: passes starts, fails the long run",
       [] { return std::make_unique<GivingUpNetwork>(1000); }},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const std::unique_ptr<Network> alone = c.compile();
    const std::size_t long_run = balance_decisions(*alone, standard_start(), kBalanceGoal, false);
    const bool long_run_passed = long_run >= kBalanceGoal;
    const std::size_t generalisation = long_run_passed ? generalization_score(*alone) : 0;
    for (int threads : {1, 2, 3, 8}) {
      INFO(threads << " threads");
      tbb::task_arena arena(threads);
      ChampionTestResult result;
      arena.execute(
          [&] { result = DoublePoleNoVelocityTask().test_champion(c.compile, ChampionTestScope::generation); });
      CHECK(result.figures.at("long_run") == static_cast<double>(long_run));
      CHECK(result.figures.count("generalisation") == (long_run_passed ? 1U : 0U));
      if (long_run_passed) CHECK(result.figures.at("generalisation") == static_cast<double>(generalisation));
      CHECK(result.solved == (long_run_passed && generalisation >= kGeneralizationGoal));
    }
  }
}
