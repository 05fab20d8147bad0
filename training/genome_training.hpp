#pragma once
// Gradient training of one genome on a task's objective: the genome compiles to its
// phenotype, the optimiser takes steps on mini-batches drawn from `random` (which also draws
// the images' augmentation and the readout's dropout mask when the settings ask for them:
// training/augmentation.hpp, training/dropout.hpp), and the trained values are written back
// into a copy of the genome's genes. Which genome is trained — the
// population's own (Lamarckian) or a copy that is only scored (Baldwinian) — is the
// caller's choice.
//
// A genome with a spatial front end trains the front end and the graph as one network:
// images → front end (float) → readout → graph (double) → loss, and back through the graph's
// backward pass into the front end's (nets/graph_gradient.hpp, nets/spatial_gradient.hpp).
// The front end is compiled anew from the trained genes at every step, so virtual batch
// norm's statistics follow the trained values; within a step they are constants.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>

#include "genome/genome.hpp"
#include "genome/random.hpp"
#include "nets/compiled_graph.hpp"
#include "nets/graph_gradient.hpp"
#include "nets/spatial_network.hpp"
#include "training/minibatches.hpp"
#include "training/objective.hpp"
#include "training/settings.hpp"

namespace convneat {

// Step by step, for callers that report as they go (`convneat train`). Throws
// std::invalid_argument for a genome that cannot be trained (a cycle). The objective and the
// stream must outlive the trainer.
class GenomeTrainer {
 public:
  GenomeTrainer(const Genome& genome, const TrainingObjective& objective, const TrainingSettings& settings,
                RandomStream& random);

  // One optimiser step on the next mini-batch. Returns that batch's loss before the step, or
  // nothing when the loss or the gradient is not finite: the step is then not taken.
  std::optional<double> step();

  // The step size from the next step on (`convneat train`'s schedule over its steps).
  void set_learning_rate(double learning_rate) { optimiser_.set_learning_rate(learning_rate); }

  // The genome with the values trained so far.
  Genome trained() const;

  // How many values the switched-on kinds give this genome; with none, step() is pointless.
  Eigen::Index parameter_count() const { return parameters_.size(); }

 private:
  struct Pass {  // one mini-batch's loss and its gradient over every trained value
    double loss = 0.0;
    Eigen::VectorXd gradient;
  };
  Eigen::MatrixXd step_inputs(std::span<const std::size_t> examples);
  Pass graph_pass(std::span<const std::size_t> examples);
  Pass spatial_pass(std::span<const std::size_t> examples);
  Eigen::Index graph_size() const;
  Eigen::VectorXd graph_part(const GraphGradient& gradient) const;
  Eigen::VectorXd all_parameters() const;
  ParameterConstraints all_constraints(double limit) const;
  void set_all_parameters(const Eigen::VectorXd& parameters);

  Genome genome_;  // the front end's trained values live in its spatial stack
  const TrainingObjective& objective_;
  TrainableKinds kinds_;
  CompiledGraph graph_;  // the graph's trained values, written into genome_ by trained()
  // A genome with a front end: its network, compiled once; each step recompiles only the front
  // end from the trained genes (its graph goes unused: graph_ holds the trained values).
  std::unique_ptr<SpatialNetwork> network_;
  Eigen::VectorXd parameters_;
  Optimiser optimiser_;
  Minibatches batches_;
  ImageAugmentation augmentation_;
  double dropout_;
  RandomStream& random_;  // the batches' stream: augmentation, then dropout, draw after each batch
};

struct TrainingReport {
  double first_loss = 0.0;  // the loss of the first mini-batch before any step
  double last_loss = 0.0;   // the loss of the last mini-batch before its step
  std::size_t steps = 0;    // steps taken: fewer than asked when a gradient was not finite
};

// Trains the genome in place by settings.steps steps; a step whose loss or gradient is not
// finite ends training, keeping the values from before it. `before_step`, when given, is
// called before every step (a time limit's check).
TrainingReport train_genome(Genome& genome, const TrainingObjective& objective, const TrainingSettings& settings,
                            RandomStream& random, const std::function<void()>& before_step = {});

}  // namespace convneat
