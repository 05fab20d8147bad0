#include "training/optimiser.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

namespace convneat {

ParameterConstraints ParameterConstraints::uniform(Eigen::Index count, double limit) {
  const double bound = limit > 0.0 ? limit : std::numeric_limits<double>::infinity();
  return {Eigen::VectorXd::Constant(count, -bound), Eigen::VectorXd::Constant(count, bound),
          Eigen::ArrayXd::Ones(count)};
}

void ParameterConstraints::append(const ParameterConstraints& more) {
  const Eigen::Index before = size();
  lower.conservativeResize(before + more.size());
  upper.conservativeResize(before + more.size());
  decays.conservativeResize(before + more.size());
  lower.tail(more.size()) = more.lower;
  upper.tail(more.size()) = more.upper;
  decays.tail(more.size()) = more.decays;
}

Optimiser::Optimiser(const OptimiserSettings& settings, ParameterConstraints constraints)
    : settings_(settings),
      constraints_(std::move(constraints)),
      first_moment_(Eigen::VectorXd::Zero(constraints_.size())),
      second_moment_(Eigen::VectorXd::Zero(settings.kind == OptimiserKind::adam ? constraints_.size() : 0)) {}

Optimiser::Optimiser(const OptimiserSettings& settings, Eigen::Index parameter_count)
    : Optimiser(settings, ParameterConstraints::uniform(parameter_count, settings.limit)) {}

void Optimiser::step(Eigen::Ref<Eigen::VectorXd> parameters, const Eigen::VectorXd& gradient) {
  if (parameters.size() != first_moment_.size() || gradient.size() != first_moment_.size())
    throw std::invalid_argument("optimiser step: parameters or gradient of the wrong size");
  ++steps_;
  const Eigen::VectorXd before = parameters;
  switch (settings_.kind) {
    case OptimiserKind::sgd: sgd_step(parameters, gradient); break;
    case OptimiserKind::adam: adam_step(parameters, gradient); break;
  }
  if (settings_.weight_decay != 0.0)
    parameters.array() -= settings_.learning_rate * settings_.weight_decay * constraints_.decays * before.array();
  parameters = parameters.cwiseMax(constraints_.lower).cwiseMin(constraints_.upper);
}

void Optimiser::sgd_step(Eigen::Ref<Eigen::VectorXd> parameters, const Eigen::VectorXd& gradient) {
  first_moment_ = settings_.momentum * first_moment_ + gradient;
  parameters -= settings_.learning_rate * first_moment_;
}

void Optimiser::adam_step(Eigen::Ref<Eigen::VectorXd> parameters, const Eigen::VectorXd& gradient) {
  first_moment_ = settings_.beta1 * first_moment_ + (1.0 - settings_.beta1) * gradient;
  second_moment_ = settings_.beta2 * second_moment_ + (1.0 - settings_.beta2) * gradient.cwiseAbs2();
  const double t = static_cast<double>(steps_);
  const double first_correction = 1.0 - std::pow(settings_.beta1, t);
  const double second_correction = 1.0 - std::pow(settings_.beta2, t);
  parameters.array() -= settings_.learning_rate * (first_moment_.array() / first_correction) /
                        ((second_moment_.array() / second_correction).sqrt() + settings_.epsilon);
}

}  // namespace convneat
