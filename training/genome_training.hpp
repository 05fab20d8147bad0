#pragma once
// Gradient training of one genome on a task's objective: the genome compiles to its
// phenotype, the optimiser takes `steps` steps on mini-batches drawn from `random`, and the
// trained values are written back into the genome's genes. Which genome is trained — the
// population's own (Lamarckian) or a copy that is only scored (Baldwinian) — is the
// caller's choice.
#include <cstddef>
#include <functional>

#include "genome/genome.hpp"
#include "genome/random.hpp"
#include "training/objective.hpp"
#include "training/settings.hpp"

namespace convneat {

struct TrainingReport {
  double first_loss = 0.0;  // the loss of the first mini-batch before any step
  double last_loss = 0.0;   // the loss of the last mini-batch before its step
  std::size_t steps = 0;    // steps taken: fewer than asked when a gradient was not finite
};

// Trains the weights and biases of a feed-forward genome in place. A step whose loss or
// gradient is not finite ends training, keeping the values from before it. `before_step`,
// when given, is called before every step (a time limit's check). Throws
// std::invalid_argument for a genome that cannot be trained (a cycle; spatial layers, for
// now).
TrainingReport train_genome(Genome& genome, const TrainingObjective& objective, const TrainingSettings& settings,
                            RandomStream& random, const std::function<void()>& before_step = {});

}  // namespace convneat
