#include "training/genome_training.hpp"

#include <cmath>
#include <stdexcept>

#include "nets/graph_gradient.hpp"
#include "training/graph_parameters.hpp"

namespace convneat {
namespace {

const Genome& trainable(const Genome& genome) {
  if (genome.spatial)
    throw std::invalid_argument("gradient training of genomes with spatial layers is not available yet");
  return genome;
}

}  // namespace

GenomeTrainer::GenomeTrainer(const Genome& genome, const TrainingObjective& objective,
                             const TrainingSettings& settings, RandomStream& random)
    : genome_(trainable(genome)),
      objective_(objective),
      graph_(compile_graph(genome_, NodeOrder::topological)),
      parameters_(graph_parameters(graph_)),
      optimiser_(settings.optimiser, parameters_.size()),
      batches_(objective.example_count(), settings.batch_size, random) {}

std::optional<double> GenomeTrainer::step() {
  const auto examples = batches_.next();
  const GraphTape tape = record_forward(graph_, objective_.inputs(examples));
  const LossValue loss = objective_.loss(tape_outputs(graph_, tape), examples);
  const Eigen::VectorXd gradient = flat_gradient(backpropagate(graph_, tape, loss.output_gradient));
  if (!std::isfinite(loss.loss) || !gradient.allFinite()) return std::nullopt;
  optimiser_.step(parameters_, gradient);
  set_graph_parameters(graph_, parameters_);
  return loss.loss;
}

Genome GenomeTrainer::trained() const {
  Genome genome = genome_;
  write_back(graph_, genome);
  return genome;
}

TrainingReport train_genome(Genome& genome, const TrainingObjective& objective, const TrainingSettings& settings,
                            RandomStream& random, const std::function<void()>& before_step) {
  GenomeTrainer trainer(genome, objective, settings, random);
  TrainingReport report;
  for (std::size_t step = 0; step < settings.steps; ++step) {
    if (before_step) before_step();
    const std::optional<double> loss = trainer.step();
    if (!loss) break;
    if (step == 0) report.first_loss = *loss;
    report.last_loss = *loss;
    report.steps = step + 1;
  }
  genome = trainer.trained();
  return report;
}

}  // namespace convneat
