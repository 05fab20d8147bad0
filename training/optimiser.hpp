#pragma once
// First-order optimisers over a flat parameter vector: SGD with (heavy-ball) momentum and
// Adam (Kingma & Ba 2015). Weight decay is decoupled, as in AdamW (Loshchilov & Hutter 2019):
// each step shrinks every parameter by learning_rate · weight_decay · θ besides the gradient
// step, so the decay does not pass through Adam's per-parameter scaling. After each step the
// parameters are clamped to [-limit, limit], the genome's weight limit, so that a trained
// phenotype is always one a genome can hold (projected gradient descent).
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
  double limit = 0.0;     // clamp to [-limit, limit] after each step; 0: none
};

class Optimiser {
 public:
  Optimiser(const OptimiserSettings& settings, Eigen::Index parameter_count);

  // One step from the gradient of the loss at `parameters`.
  void step(Eigen::Ref<Eigen::VectorXd> parameters, const Eigen::VectorXd& gradient);

  std::size_t steps_taken() const { return steps_; }

 private:
  void sgd_step(Eigen::Ref<Eigen::VectorXd> parameters, const Eigen::VectorXd& gradient);
  void adam_step(Eigen::Ref<Eigen::VectorXd> parameters, const Eigen::VectorXd& gradient);

  OptimiserSettings settings_;
  Eigen::VectorXd first_moment_;   // sgd: the velocity; adam: m
  Eigen::VectorXd second_moment_;  // adam: v
  std::size_t steps_ = 0;
};

}  // namespace convneat
