#pragma once
// What a task offers gradient training: its training examples, and a differentiable loss of
// the network's outputs on any of them. A task opts in through Task::training_objective();
// tasks without one (pole balancing) cannot be trained.
#include <cstddef>
#include <optional>
#include <span>

#include <Eigen/Core>

#include "nets/network.hpp"
#include "training/augmentation.hpp"
#include "training/loss.hpp"

namespace convneat {

class TrainingObjective {
 public:
  virtual ~TrainingObjective() = default;

  virtual std::size_t example_count() const = 0;

  // The inputs of the given examples, one row each, as Network::activate_batch takes them.
  virtual Eigen::MatrixXd inputs(std::span<const std::size_t> examples) const = 0;

  // How the inputs hold images, for a task whose inputs are images: only those can be
  // augmented (/training/augment_shift, augment_flip).
  virtual std::optional<ExampleImages> example_images() const { return std::nullopt; }

  // The loss of `outputs` (row r belongs to examples[r]) and its gradient.
  virtual LossValue loss(const Eigen::MatrixXd& outputs, std::span<const std::size_t> examples) const = 0;

  // Readies a freshly compiled phenotype before it computes a loss, as the task readies it
  // before scoring (virtual batch norm's statistics from the task's reference batch).
  virtual void prepare(Network&) const {}
};

}  // namespace convneat
