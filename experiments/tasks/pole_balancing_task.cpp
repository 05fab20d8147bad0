#include "experiments/tasks/pole_balancing_task.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <memory>
#include <numbers>
#include <numeric>
#include <optional>
#include <stdexcept>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

namespace convneat {
namespace {

// Sensor scales of the original NEAT code's double-pole experiment (Stanley & Miikkulainen
// 2002); the single-pole task reuses the first four so that SPV is DPV without pole 2.
constexpr double kPositionScale = 4.8;  // m
constexpr double kVelocityScale = 2.0;  // m/s and rad/s
constexpr double kAngleScale = 0.52;    // rad
// The pole tasks' bias input: 0.5, as in the original code (XOR uses 1.0).
constexpr double kBiasInput = 0.5;

// Gruau et al. (1996): f₂ = 0.75 / Σ(|x| + |ẋ| + |θ₁| + |θ̇₁|) over the final window.
constexpr double kDampingNumerator = 0.75;

// Generalisation ranges (Gruau et al. 1996; the original NEAT code): ±2.16 m, ±1.35 m/s,
// ±3.6°, ±8.6°/s, each sampled at five fractions of its range.
constexpr double kDegree = std::numbers::pi / 180.0;
constexpr std::array<double, 5> kStartFractions{0.05, 0.25, 0.5, 0.75, 0.95};
constexpr double kStartPositionLimit = 2.16;
constexpr double kStartVelocityLimit = 1.35;
constexpr double kStartAngleLimit = 3.6 * kDegree;
constexpr double kStartAngularVelocityLimit = 8.6 * kDegree;

// low + fraction · (high − low) for the symmetric range ±limit.
double point_in_range(double limit, double fraction) { return -limit + fraction * (2.0 * limit); }

// The inputs of the most sensors any task uses, so one stack buffer serves every task.
constexpr std::size_t kMaxSensors = 7;

double jiggle(const CartPoleState& state) {
  return std::abs(state.x) + std::abs(state.x_dot) + std::abs(state.theta1) + std::abs(state.theta1_dot);
}

// Runs the episode of the single- and double-pole tasks (fitness: decisions balanced),
// sampling the trajectory when the run needs behaviour.
TaskResult balancing_result(Network& network, const CartPoleParameters& parameters, PoleSensors sensors,
                            EvaluationContext& context) {
  const CartPole cart(parameters);
  if (!context.describe_behaviour) {
    const std::size_t balanced = run_episode(network, cart, sensors, standard_start(), kBalanceGoal, {}, context.deadline);
    return {static_cast<double>(balanced), balanced >= kBalanceGoal};
  }
  TrajectorySample trajectory(kBalanceGoal);
  const std::size_t balanced =
      run_episode(network, cart, sensors, standard_start(), kBalanceGoal,
                  [&](const CartPoleState& state) { trajectory.observe(state); }, context.deadline);
  return {static_cast<double>(balanced), balanced >= kBalanceGoal, trajectory.finish(balanced, standard_start())};
}

void push_sample(Behaviour& samples, const CartPoleState& state) {
  samples.push_back(state.x / kPositionScale);
  samples.push_back(state.theta1 / kAngleScale);
}

}  // namespace

std::size_t sensor_count(PoleSensors sensors) {
  switch (sensors) {
    case PoleSensors::single_pole: return 5;
    case PoleSensors::double_pole: return 7;
    case PoleSensors::double_pole_no_velocity: return 4;
  }
  return 0;
}

std::vector<std::string> sensor_names(PoleSensors sensors) {
  switch (sensors) {
    case PoleSensors::single_pole: return {"x/4.8", "x'/2", "theta/0.52", "theta'/2", "bias 0.5"};
    case PoleSensors::double_pole:
      return {"x/4.8", "x'/2", "theta1/0.52", "theta1'/2", "theta2/0.52", "theta2'/2", "bias 0.5"};
    case PoleSensors::double_pole_no_velocity: return {"x/4.8", "theta1/0.52", "theta2/0.52", "bias 0.5"};
  }
  return {};
}

void read_sensors(PoleSensors sensors, const CartPoleState& s, std::span<double> inputs) {
  if (inputs.size() != sensor_count(sensors)) throw std::invalid_argument("read_sensors: wrong number of inputs");
  const double x = s.x / kPositionScale, x_dot = s.x_dot / kVelocityScale;
  const double theta1 = s.theta1 / kAngleScale, theta1_dot = s.theta1_dot / kVelocityScale;
  const double theta2 = s.theta2 / kAngleScale, theta2_dot = s.theta2_dot / kVelocityScale;
  switch (sensors) {
    case PoleSensors::single_pole:
      std::ranges::copy(std::array{x, x_dot, theta1, theta1_dot, kBiasInput}, inputs.begin());
      break;
    case PoleSensors::double_pole:
      std::ranges::copy(std::array{x, x_dot, theta1, theta1_dot, theta2, theta2_dot, kBiasInput}, inputs.begin());
      break;
    case PoleSensors::double_pole_no_velocity:
      std::ranges::copy(std::array{x, theta1, theta2, kBiasInput}, inputs.begin());
      break;
  }
}

std::size_t run_episode(Network& network, const CartPole& cart, PoleSensors sensors, const CartPoleState& start,
                        std::size_t limit, const BalancedStateObserver& after_balanced,
                        const EvaluationDeadline& deadline) {
  std::array<double, kMaxSensors> buffer{};
  const std::span<double> inputs(buffer.data(), sensor_count(sensors));
  std::array<double, 1> output{};
  network.reset();
  CartPoleState state = start;
  for (std::size_t decision = 0; decision < limit; ++decision) {
    deadline.check();
    read_sensors(sensors, state, inputs);
    network.activate(inputs, output);
    state = cart.advance(state, cart.force_from_output(output[0]));
    if (cart.failed(state)) return decision;
    if (after_balanced) after_balanced(state);
  }
  return limit;
}

std::size_t balance_decisions(Network& network, const CartPoleState& start, std::size_t limit, bool velocities) {
  const PoleSensors sensors = velocities ? PoleSensors::double_pole : PoleSensors::double_pole_no_velocity;
  return run_episode(network, CartPole(CartPoleParameters::double_pole()), sensors, start, limit);
}

double damping_fitness(std::size_t balanced, double last_window_jiggle) {
  const double f1 = static_cast<double>(balanced) / static_cast<double>(kDampingEpisode);
  const double f2 = balanced < kDampingWindow ? 0.0 : kDampingNumerator / last_window_jiggle;
  return 0.1 * f1 + 0.9 * f2;
}

bool passes_long_test(Network& network) {
  return balance_decisions(network, standard_start(), kBalanceGoal, false) >= kBalanceGoal;
}

std::vector<CartPoleState> generalization_starts() {
  std::vector<CartPoleState> starts;
  starts.reserve(kStartFractions.size() * kStartFractions.size() * kStartFractions.size() * kStartFractions.size());
  for (double x : kStartFractions)
    for (double x_dot : kStartFractions)
      for (double theta1 : kStartFractions)
        for (double theta1_dot : kStartFractions)
          starts.push_back({point_in_range(kStartPositionLimit, x), point_in_range(kStartVelocityLimit, x_dot),
                            point_in_range(kStartAngleLimit, theta1),
                            point_in_range(kStartAngularVelocityLimit, theta1_dot), 0.0, 0.0});
  return starts;
}

namespace {

// Whether the network balances one generalisation start long enough to pass it.
bool passes_start(Network& network, const CartPoleState& start) {
  return balance_decisions(network, start, kGeneralizationDecisions, false) >= kGeneralizationPassDecisions;
}

}  // namespace

std::size_t generalization_score(Network& network) {
  std::size_t passed = 0;
  for (const CartPoleState& start : generalization_starts())
    if (passes_start(network, start)) ++passed;
  return passed;
}

TrajectorySample::TrajectorySample(std::size_t limit) : limit_(limit) {}

void TrajectorySample::observe(const CartPoleState& state) {
  ++seen_;
  last_ = state;
  if (std::has_single_bit(seen_)) push_sample(samples_, state);
}

Behaviour TrajectorySample::finish(std::size_t balanced, const CartPoleState& start) const {
  Behaviour behaviour = samples_;
  const CartPoleState& standing = seen_ > 0 ? last_ : start;
  const std::size_t sample_count = static_cast<std::size_t>(std::bit_width(limit_));  // 1, 2, 4, … ≤ limit
  while (behaviour.size() < 2 * sample_count) push_sample(behaviour, standing);
  behaviour.push_back(std::log1p(static_cast<double>(balanced)) / std::log1p(static_cast<double>(limit_)));
  return behaviour;
}

TaskResult SinglePoleTask::evaluate(Network& network, EvaluationContext& context) const {
  return balancing_result(network, CartPoleParameters::single_pole(), PoleSensors::single_pole, context);
}

TaskResult DoublePoleTask::evaluate(Network& network, EvaluationContext& context) const {
  return balancing_result(network, CartPoleParameters::double_pole(), PoleSensors::double_pole, context);
}

TaskResult DoublePoleNoVelocityTask::evaluate(Network& network, EvaluationContext& context) const {
  std::vector<double> jiggles;  // |x| + |ẋ| + |θ₁| + |θ̇₁| after each balanced decision
  jiggles.reserve(kDampingEpisode);
  std::optional<TrajectorySample> trajectory;
  if (context.describe_behaviour) trajectory.emplace(kDampingEpisode);
  const auto record = [&](const CartPoleState& state) {
    jiggles.push_back(jiggle(state));
    if (trajectory) trajectory->observe(state);
  };
  const CartPole cart(CartPoleParameters::double_pole());
  const std::size_t balanced =
      run_episode(network, cart, PoleSensors::double_pole_no_velocity, standard_start(), kDampingEpisode, record,
                  context.deadline);
  const auto window = jiggles.end() - static_cast<std::ptrdiff_t>(std::min(balanced, kDampingWindow));
  const double window_jiggle = std::accumulate(window, jiggles.end(), 0.0);
  // Solved only by the champion test.
  return {damping_fitness(balanced, window_jiggle), false,
          trajectory ? trajectory->finish(balanced, standard_start()) : Behaviour{}};
}

namespace {

// The generalisation starts each have their own episode (the network is reset before each), so
// they can run on any threads, each thread with its own network; the long run is one episode
// of 100,000 decisions and cannot be split. Run one after the other on one thread, the two were
// 64 % of a DPNV run (the starts 45 %) while the other threads waited. So with threads to spare
// both run at once: the long run is item 0 of one loop over 626 items, which the thread that
// starts the loop reaches first (if another did, only the time would differ), while the other
// threads take starts.
// The starts only count once the long run has passed, as in sequence; a long run that fails
// stops the starts not yet begun. Whether a start passes depends on nothing but the network
// and the start, so the figures are those of the sequence, for any number of threads.
struct DpnvTestFigures {
  std::size_t long_run = 0;
  std::optional<std::size_t> generalisation;  // only after a passed long run
};

DpnvTestFigures dpnv_tests_in_sequence(const CompileNetwork& compile) {
  const std::unique_ptr<Network> network = compile();
  DpnvTestFigures figures{balance_decisions(*network, standard_start(), kBalanceGoal, false), std::nullopt};
  if (figures.long_run >= kBalanceGoal) figures.generalisation = generalization_score(*network);
  return figures;
}

DpnvTestFigures dpnv_tests_at_once(const CompileNetwork& compile) {
  const std::vector<CartPoleState> starts = generalization_starts();
  std::vector<char> passed(starts.size(), 0);
  std::size_t long_run = 0;
  std::atomic<bool> long_run_failed{false};
  tbb::enumerable_thread_specific<std::unique_ptr<Network>> networks([&] { return compile(); });
  const auto test = [&](std::size_t item) {
    Network& network = *networks.local();
    if (item == 0) {
      long_run = balance_decisions(network, standard_start(), kBalanceGoal, false);
      if (long_run < kBalanceGoal) long_run_failed.store(true, std::memory_order_relaxed);
    } else if (!long_run_failed.load(std::memory_order_relaxed)) {
      passed[item - 1] = passes_start(network, starts[item - 1]);
    }
  };
  // Items one at a time: a start is about 1 % of the long run, and item 0 comes first on the
  // thread that splits the range.
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, starts.size() + 1, 1),
      [&](const tbb::blocked_range<std::size_t>& items) {
        for (std::size_t item = items.begin(); item != items.end(); ++item) test(item);
      },
      tbb::simple_partitioner());
  DpnvTestFigures figures{long_run, std::nullopt};
  if (long_run >= kBalanceGoal)
    figures.generalisation = static_cast<std::size_t>(std::count(passed.begin(), passed.end(), 1));
  return figures;
}

}  // namespace

// Both tests decide success, so a generation's test and the final one are the same.
ChampionTestResult DoublePoleNoVelocityTask::test_champion(const CompileNetwork& compile, ChampionTestScope) const {
  // One thread runs them in sequence: it would otherwise try starts a failed long run makes moot.
  const DpnvTestFigures figures = tbb::this_task_arena::max_concurrency() > 1 ? dpnv_tests_at_once(compile)
                                                                              : dpnv_tests_in_sequence(compile);
  ChampionTestResult result;
  result.figures["long_run"] = static_cast<double>(figures.long_run);
  if (!figures.generalisation) return result;
  result.figures["generalisation"] = static_cast<double>(*figures.generalisation);
  result.solved = *figures.generalisation >= kGeneralizationGoal;
  return result;
}

}  // namespace convneat
