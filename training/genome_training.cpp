#include "training/genome_training.hpp"

#include <cmath>
#include <stdexcept>

#include "nets/dense_levels.hpp"
#include "training/dropout.hpp"
#include "training/graph_parameters.hpp"
#include "training/spatial_parameters.hpp"

namespace convneat {
namespace {

Eigen::VectorXd concatenated(const Eigen::VectorXd& first, const Eigen::VectorXd& second) {
  Eigen::VectorXd both(first.size() + second.size());
  both << first, second;
  return both;
}

// The graph as the phenotype computes it, so that training follows the scored arithmetic.
CompiledGraph trained_graph(const Genome& genome, bool dense_layers) {
  CompiledGraph graph = compile_graph(genome, NodeOrder::topological);
  if (dense_layers) plan_dense_levels(graph);
  return graph;
}

}  // namespace

GenomeTrainer::GenomeTrainer(const Genome& genome, const TrainingObjective& objective,
                             const TrainingSettings& settings, RandomStream& random)
    : genome_(genome),
      objective_(objective),
      kinds_(settings.kinds),
      graph_(trained_graph(genome_, settings.dense_layers)),
      parameters_(all_parameters()),
      optimiser_(settings.optimiser, all_constraints(settings.optimiser.limit)),
      batches_(objective.example_count(), settings.batch_size, random),
      augmentation_(settings.augmentation),
      dropout_(settings.dropout),
      random_(random) {
  if (augmentation_.any() && !objective_.example_images())
    throw std::invalid_argument("only a task whose inputs are images can augment them");
  if (genome_.spatial) network_ = std::make_unique<SpatialNetwork>(genome_, Phenotype{});
  if (dropout_ > 0.0 && !genome_.spatial)
    throw std::invalid_argument("dropout applies to a front end's readout; the genome has none");
}

// The flat vector is the graph's values (when trained) followed by the front end's.
Eigen::Index GenomeTrainer::graph_size() const {
  return kinds_.graph ? static_cast<Eigen::Index>(graph_.node_bias.size() + graph_.edge_weight.size()) : 0;
}

Eigen::VectorXd GenomeTrainer::all_parameters() const {
  const Eigen::VectorXd graph = kinds_.graph ? graph_parameters(graph_) : Eigen::VectorXd();
  if (!genome_.spatial) return graph;
  return concatenated(graph, stack_parameters(*genome_.spatial, kinds_));
}

ParameterConstraints GenomeTrainer::all_constraints(double limit) const {
  ParameterConstraints constraints = kinds_.graph ? graph_constraints(graph_, limit) : ParameterConstraints{};
  if (genome_.spatial) constraints.append(stack_constraints(*genome_.spatial, kinds_, limit));
  return constraints;
}

void GenomeTrainer::set_all_parameters(const Eigen::VectorXd& parameters) {
  if (kinds_.graph) set_graph_parameters(graph_, parameters.head(graph_size()));
  if (genome_.spatial)
    set_stack_parameters(*genome_.spatial, parameters.tail(parameters.size() - graph_size()), kinds_);
}

Eigen::VectorXd GenomeTrainer::graph_part(const GraphGradient& gradient) const {
  return kinds_.graph ? flat_gradient(gradient) : Eigen::VectorXd();
}

Eigen::MatrixXd GenomeTrainer::step_inputs(std::span<const std::size_t> examples) {
  Eigen::MatrixXd inputs = objective_.inputs(examples);
  if (augmentation_.any()) augment_images(inputs, *objective_.example_images(), augmentation_, random_);
  return inputs;
}

GenomeTrainer::Pass GenomeTrainer::graph_pass(std::span<const std::size_t> examples) {
  const GraphTape tape = record_forward(graph_, step_inputs(examples));
  const LossValue loss = objective_.loss(tape_outputs(graph_, tape), examples);
  return {loss.loss, graph_part(backpropagate(graph_, tape, loss.output_gradient))};
}

// images → front end → readout → graph → loss, and back. The front end is compiled from the
// genes as they are now.
GenomeTrainer::Pass GenomeTrainer::spatial_pass(std::span<const std::size_t> examples) {
  SpatialNetwork& network = *network_;
  network.recompile_front_end(*genome_.spatial);
  objective_.prepare(network);
  SpatialFrontEndTape front_tape;
  const Eigen::MatrixXf& readout = network.front_end().record(network.tied_images(step_inputs(examples)), front_tape);
  const FeatureDropout dropout(dropout_, readout.rows(), readout.cols(), random_);
  const GraphTape graph_tape = record_forward(graph_, network.graph_inputs(dropout.forward(readout)));
  const LossValue loss = objective_.loss(tape_outputs(graph_, graph_tape), examples);
  const GraphGradient graph_gradient = backpropagate(graph_, graph_tape, loss.output_gradient);
  const SpatialFrontEndGradient front_gradient = network.front_end().backward(
      front_tape, dropout.backward(network.readout_gradient(graph_gradient.inputs)));
  return {loss.loss, concatenated(graph_part(graph_gradient), stack_gradient(front_gradient.layers, kinds_))};
}

std::optional<double> GenomeTrainer::step() {
  const auto examples = batches_.next();
  const Pass pass = genome_.spatial ? spatial_pass(examples) : graph_pass(examples);
  if (!std::isfinite(pass.loss) || !pass.gradient.allFinite()) return std::nullopt;
  optimiser_.step(parameters_, pass.gradient);
  set_all_parameters(parameters_);
  return pass.loss;
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
  if (trainer.parameter_count() == 0) return report;  // no value of a switched-on kind: nothing to do
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
