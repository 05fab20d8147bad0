#pragma once
// First-order optimisers over a flat parameter vector: SGD with (heavy-ball) momentum and
// Adam (Kingma & Ba 2015). Weight decay is decoupled, as in AdamW (Loshchilov & Hutter 2019):
// each step shrinks a decayed parameter by learning_rate · weight_decay · θ besides the
// gradient step, so the decay does not pass through Adam's per-parameter scaling. After each
// step every parameter is clamped to its own interval (ParameterConstraints), so that a
// trained phenotype is always one a genome can hold (projected gradient descent).
#include <cstddef>

#include <Eigen/Core>

#include "genome/name_table.hpp"

namespace convneat {

enum class OptimiserKind { sgd, adam };

inline constexpr auto kOptimisers = name_table<OptimiserKind>({
    {OptimiserKind::sgd, "sgd"},
    {OptimiserKind::adam, "adam"},
});

struct OptimiserSettings {
  OptimiserKind kind = OptimiserKind::adam;
  double learning_rate = 0.01;
  double momentum = 0.9;  // sgd: v ← μ v + g; θ ← θ − η v
  double beta1 = 0.9;     // adam: the decay of the mean of gradients
  double beta2 = 0.999;   // adam: the decay of the mean of squared gradients
  double epsilon = 1e-8;  // adam: added to √v̂
  double weight_decay = 0.0;
  double limit = 0.0;     // the genome's weight limit: weights and biases stay in [-limit, limit]; 0: none
};

// Per parameter: the interval it is kept in, and whether weight decay pulls it toward 0 (a
// weight does; a bias, a centroid position or a normalisation gain, whose natural values are
// not 0, does not).
struct ParameterConstraints {
  Eigen::VectorXd lower, upper;
  Eigen::ArrayXd decays;  // 1: decayed, 0: not

  // `count` parameters in [-limit, limit] (unbounded when limit is 0), all decayed.
  static ParameterConstraints uniform(Eigen::Index count, double limit);
  void append(const ParameterConstraints& more);
  Eigen::Index size() const { return lower.size(); }
};

class Optimiser {
 public:
  Optimiser(const OptimiserSettings& settings, ParameterConstraints constraints);
  // Every parameter in [-settings.limit, settings.limit] and decayed.
  Optimiser(const OptimiserSettings& settings, Eigen::Index parameter_count);

  // One step from the gradient of the loss at `parameters`.
  void step(Eigen::Ref<Eigen::VectorXd> parameters, const Eigen::VectorXd& gradient);

  std::size_t steps_taken() const { return steps_; }

  // The step size from the next step on (a learning-rate schedule's); the moments carry over.
  void set_learning_rate(double learning_rate) { settings_.learning_rate = learning_rate; }

 private:
  void sgd_step(Eigen::Ref<Eigen::VectorXd> parameters, const Eigen::VectorXd& gradient);
  void adam_step(Eigen::Ref<Eigen::VectorXd> parameters, const Eigen::VectorXd& gradient);

  OptimiserSettings settings_;
  ParameterConstraints constraints_;
  Eigen::VectorXd first_moment_;   // sgd: the velocity; adam: m
  Eigen::VectorXd second_moment_;  // adam: v
  std::size_t steps_ = 0;
};

}  // namespace convneat
