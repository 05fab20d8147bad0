#pragma once
// The three pole-balancing benchmarks (spec: docs/specs/pole-balancing.md), as used by Wieland
// (1991), Gruau et al. (1996) and Stanley & Miikkulainen (2002):
//
//   single_pole              SPV:  one pole, velocities given;  fitness = decisions balanced
//   double_pole              DPV:  two poles, velocities given; fitness = decisions balanced
//   double_pole_no_velocity  DPNV: two poles, no velocities;    Gruau's damping fitness
//
// Every episode starts from standard_start() with the network reset. The task supplies the
// bias input (0.5, as in the original code) as the last input, so configs set
// /genome/bias_node false. The network's single output o ∈ [0, 1] pushes the cart with
// F = 10 · (2o − 1) N. A decision is "balanced" when the system is within bounds after it.
//
// DPNV's evaluate() never reports solved: a DPNV run is solved by the per-generation champion
// test (passes_long_test, then generalization_score ≥ 200), which the engine drives through
// Task::test_champion.
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "experiments/tasks/cart_pole.hpp"
#include "neat/task.hpp"

namespace convneat {

// Decisions an SPV/DPV network must balance, and the DPNV long test's length.
inline constexpr std::size_t kBalanceGoal = 100000;
// DPNV: an evaluation lasts at most this many decisions (Gruau et al. 1996).
inline constexpr std::size_t kDampingEpisode = 1000;
// DPNV: the damping term f₂ looks at this many final decisions, and needs at least as many.
inline constexpr std::size_t kDampingWindow = 100;
// DPNV generalisation: a start passes when the cart balances this many of its 1,000
// decisions (the original code's threshold 999), and a network generalises with this many passes.
inline constexpr std::size_t kGeneralizationDecisions = 1000;
inline constexpr std::size_t kGeneralizationPassDecisions = 999;
inline constexpr std::size_t kGeneralizationGoal = 200;

// What the network sees, each divided by a scale so that it lies roughly in [−1, 1], with
// the bias input 0.5 last.
//   single_pole:              x/4.8, ẋ/2, θ₁/0.52, θ̇₁/2, 0.5
//   double_pole:              x/4.8, ẋ/2, θ₁/0.52, θ̇₁/2, θ₂/0.52, θ̇₂/2, 0.5
//   double_pole_no_velocity:  x/4.8, θ₁/0.52, θ₂/0.52, 0.5
enum class PoleSensors { single_pole, double_pole, double_pole_no_velocity };

std::size_t sensor_count(PoleSensors sensors);  // inputs, bias included
std::vector<std::string> sensor_names(PoleSensors sensors);  // in the order above
void read_sensors(PoleSensors sensors, const CartPoleState& state, std::span<double> inputs);

// Runs one episode of at most `limit` decisions from `start` (network reset first) and
// returns the decisions balanced: the episode ends at the first decision after which the
// system has failed. `after_balanced`, when given, sees the state after each balanced decision.
// `deadline` is checked before every decision (it throws TimeLimitExceeded).
using BalancedStateObserver = std::function<void(const CartPoleState&)>;
std::size_t run_episode(Network& network, const CartPole& cart, PoleSensors sensors, const CartPoleState& start,
                        std::size_t limit, const BalancedStateObserver& after_balanced = {},
                        const EvaluationDeadline& deadline = {});

// The double-pole system seen with (DPV) or without (DPNV) velocities.
std::size_t balance_decisions(Network& network, const CartPoleState& start, std::size_t limit, bool velocities);

// Gruau et al. (1996): F = 0.1 · t/1000 + 0.9 · f₂ with f₂ = 0 when t < 100, else
// 0.75 / Σ over the last 100 balanced decisions of (|x| + |ẋ| + |θ₁| + |θ̇₁|).
// `balanced` is t; `last_window_jiggle` is that sum (ignored when t < 100).
double damping_fitness(std::size_t balanced, double last_window_jiggle);

// DPNV champion test 1: balances 100,000 decisions from the standard start, no velocities.
bool passes_long_test(Network& network);

// DPNV champion test 2: the 625 starts of the generalisation test, in a fixed order —
// x, ẋ, θ₁, θ̇₁ each at the fractions {0.05, 0.25, 0.5, 0.75, 0.95} of their ranges
// x ∈ ±2.16 m, ẋ ∈ ±1.35 m/s, θ₁ ∈ ±3.6°, θ̇₁ ∈ ±8.6°/s; θ₂ = θ̇₂ = 0.
std::vector<CartPoleState> generalization_starts();
// How many of those starts the network passes (no velocities; reset before each start).
std::size_t generalization_score(Network& network);

// What a pole task's genome did, for novelty search (neat/behaviour.hpp): the cart's position
// and the first pole's angle, scaled as the sensors scale them (x/4.8, θ₁/0.52), after
// decisions 1, 2, 4, 8, … up to the episode's limit — doubling gaps, since most genomes fail
// early and how they fail is what tells them apart — and, last, how long it balanced,
// log(1 + t) / log(1 + limit). After a failure the last balanced state stands for the samples
// it did not reach (the start state, when it failed at once).
class TrajectorySample {
 public:
  explicit TrajectorySample(std::size_t limit);
  void observe(const CartPoleState& state);  // after each balanced decision
  Behaviour finish(std::size_t balanced, const CartPoleState& start) const;

 private:
  std::size_t limit_;
  std::size_t seen_ = 0;
  Behaviour samples_;
  CartPoleState last_{};
};

class SinglePoleTask final : public Task {
 public:
  std::string name() const override { return "single_pole"; }
  std::size_t input_count() const override { return sensor_count(PoleSensors::single_pole); }
  std::size_t output_count() const override { return 1; }
  std::vector<std::string> input_names() const override { return sensor_names(PoleSensors::single_pole); }
  std::vector<std::string> output_names() const override { return {"force (0 full left, 0.5 none, 1 full right)"}; }
  TaskResult evaluate(Network& network, EvaluationContext& context) const override;
  std::string fitness_meaning() const override { return "decisions balanced"; }
  std::optional<BehaviourMetric> behaviour_metric() const override { return BehaviourMetric::euclidean; }
};

class DoublePoleTask final : public Task {
 public:
  std::string name() const override { return "double_pole"; }
  std::size_t input_count() const override { return sensor_count(PoleSensors::double_pole); }
  std::size_t output_count() const override { return 1; }
  std::vector<std::string> input_names() const override { return sensor_names(PoleSensors::double_pole); }
  std::vector<std::string> output_names() const override { return {"force (0 full left, 0.5 none, 1 full right)"}; }
  TaskResult evaluate(Network& network, EvaluationContext& context) const override;
  std::string fitness_meaning() const override { return "decisions balanced"; }
  std::optional<BehaviourMetric> behaviour_metric() const override { return BehaviourMetric::euclidean; }
};

class DoublePoleNoVelocityTask final : public Task {
 public:
  std::string name() const override { return "double_pole_no_velocity"; }
  std::size_t input_count() const override { return sensor_count(PoleSensors::double_pole_no_velocity); }
  std::size_t output_count() const override { return 1; }
  std::vector<std::string> input_names() const override { return sensor_names(PoleSensors::double_pole_no_velocity); }
  std::vector<std::string> output_names() const override { return {"force (0 full left, 0.5 none, 1 full right)"}; }
  TaskResult evaluate(Network& network, EvaluationContext& context) const override;
  std::string fitness_meaning() const override { return "damping fitness (Gruau et al. 1996)"; }
  std::optional<BehaviourMetric> behaviour_metric() const override { return BehaviourMetric::euclidean; }

  // The long test, then (only if passed, as in the original code) the generalisation test;
  // solved when both pass. Figures: "long_run" (decisions balanced of 100,000) and
  // "generalisation" (starts passed of 625).
  bool has_champion_test() const override { return true; }
  ChampionTestResult test_champion(const CompileNetwork& compile, ChampionTestScope scope) const override;
};

}  // namespace convneat
