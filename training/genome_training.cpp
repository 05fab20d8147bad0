#include "training/genome_training.hpp"

#include <cmath>
#include <stdexcept>

#include "nets/compiled_graph.hpp"
#include "nets/graph_gradient.hpp"
#include "training/graph_parameters.hpp"
#include "training/minibatches.hpp"

namespace convneat {

TrainingReport train_genome(Genome& genome, const TrainingObjective& objective, const TrainingSettings& settings,
                            RandomStream& random, const std::function<void()>& before_step) {
  if (genome.spatial)
    throw std::invalid_argument("gradient training of genomes with spatial layers is not available yet");
  CompiledGraph graph = compile_graph(genome, NodeOrder::topological);
  Eigen::VectorXd parameters = graph_parameters(graph);
  Optimiser optimiser(settings.optimiser, parameters.size());
  Minibatches batches(objective.example_count(), settings.batch_size, random);
  TrainingReport report;
  for (std::size_t step = 0; step < settings.steps; ++step) {
    if (before_step) before_step();
    const auto examples = batches.next();
    const GraphTape tape = record_forward(graph, objective.inputs(examples));
    const LossValue loss = objective.loss(tape_outputs(graph, tape), examples);
    const Eigen::VectorXd gradient = flat_gradient(backpropagate(graph, tape, loss.output_gradient));
    if (!std::isfinite(loss.loss) || !gradient.allFinite()) break;
    if (step == 0) report.first_loss = loss.loss;
    report.last_loss = loss.loss;
    optimiser.step(parameters, gradient);
    set_graph_parameters(graph, parameters);
    report.steps = step + 1;
  }
  write_back(graph, genome);
  return report;
}

}  // namespace convneat
