// Training genomes with spatial front ends: in every sharing mode, with virtual batch norm
// and with tied copies, training lowers the loss and lifts held-out accuracy; each kind of
// value (graph, kernels, biases, normalisation, centroids, shapes) moves only when its switch
// is on, and centroids stay in the output plane; a start hidden layer lets training learn
// digit pairs; the flat parameter vector and its gradient line up with the genes; and a
// Lamarckian image run is identical with 1 and 2 threads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <limits>

#include "experiments/tasks/image_classification_task.hpp"
#include "genome/genome_json.hpp"
#include "image_experiment.hpp"
#include "nets/compile_network.hpp"
#include "neat/population.hpp"
#include "neat/tbb_evaluator.hpp"
#include "training/genome_training.hpp"
#include "training/spatial_parameters.hpp"

using namespace convneat;
using convneat::testing::ImageExperiment;

namespace {

TrainingSettings adam(std::size_t steps, double learning_rate = 0.01) {
  TrainingSettings settings;
  settings.mode = TrainingMode::lamarckian;
  settings.steps = steps;
  settings.optimiser.learning_rate = learning_rate;
  settings.optimiser.limit = 8.0;
  return settings;
}

// The start genome trained by `steps` Adam steps (learning rate 0.05) on the kinds given.
Genome trained_kinds(const ImageExperiment& experiment, const Genome& start, TrainableKinds kinds, std::size_t steps) {
  Genome genome = start;
  TrainingSettings settings = adam(steps, 0.05);
  settings.kinds = kinds;
  RandomStream random(1, 0, start.id, Purpose::training);
  train_genome(genome, *experiment.task->training_objective(), settings, random);
  return genome;
}

}  // namespace

TEST_CASE("Training a spatial genome lowers its loss and lifts its accuracy in every sharing mode", "[training]") {
  const auto mode = GENERATE(as<std::string>{}, "shared", "local", "centroid");
  CAPTURE(mode);
  const ImageExperiment digits("digits_" + mode + ".json");
  Genome genome = digits.start_genome(3);
  const double before = digits.validation_accuracy(genome);
  RandomStream random(1, 0, 3, Purpose::training);
  const TrainingReport report = train_genome(genome, *digits.task->training_objective(), adam(150), random);
  CHECK(report.steps == 150);
  CHECK(report.last_loss < 0.5 * report.first_loss);
  CHECK(digits.validation_accuracy(genome) > std::max(0.85, before + 0.3));
}

TEST_CASE("Training reaches a tied front end with virtual batch norm", "[training]") {
  const ImageExperiment pairs("digit_pairs_tied_vbn.json");
  Genome genome = pairs.start_genome(5);
  const Genome before = genome;
  RandomStream random(1, 0, 5, Purpose::training);
  const TrainingReport report = train_genome(genome, *pairs.task->training_objective(), adam(150), random);
  CHECK(report.last_loss < 0.8 * report.first_loss);
  const SpatialLayerGene& trained = genome.spatial->layers.front();
  REQUIRE(trained.virtual_batch_norm);
  CHECK(trained.norm_gains != before.spatial->layers.front().norm_gains);
  CHECK(trained.kernels != before.spatial->layers.front().kernels);
  CHECK(pairs.validation_accuracy(genome) > pairs.validation_accuracy(before));
}

TEST_CASE("With a start hidden layer, training learns whether two digits match, which a linear readout cannot",
          "[training]") {
  auto trained_accuracy = [](const std::string& hidden) {
    const ImageExperiment pairs("digit_pairs_tied.json",
                                {{"genome.initial_hidden", hidden}, {"genome.weight_init_stdev", "0.1"}});
    Genome genome = pairs.start_genome(1);
    RandomStream random(1, 0, 1, Purpose::training);
    train_genome(genome, *pairs.task->training_objective(), adam(200), random);
    return pairs.validation_accuracy(genome);
  };
  // Same or different class is not a linear function of the two copies' features: without a
  // hidden layer training stays at chance (0.5 on balanced pairs); with 16 abs nodes it learns.
  CHECK(trained_accuracy("0") < 0.6);
  CHECK(trained_accuracy("16") > 0.72);
}

TEST_CASE("Centroid positions and shapes move only when their kind is trained, centroids within the plane",
          "[training]") {
  const ImageExperiment digits("digits_centroid.json");
  const Genome start = digits.start_genome(2);
  auto train = [&](TrainableKinds kinds) {
    return trained_kinds(digits, start, kinds, 60).spatial->layers.front().centroid;
  };
  const CentroidParameters& original = start.spatial->layers.front().centroid;
  const CentroidParameters frozen = train({.centroids = false, .shapes = false});
  CHECK(frozen.centroids == original.centroids);
  CHECK(frozen.shapes == original.shapes);
  const CentroidParameters moved = train({.centroids = true, .shapes = false});
  CHECK(moved.centroids != original.centroids);
  CHECK(moved.shapes == original.shapes);
  for (const Point2& c : moved.centroids) {
    CHECK(c.x >= 0.0);
    CHECK(c.x <= moved.scale);
    CHECK(c.y >= 0.0);
    CHECK(c.y <= moved.scale);
  }
  CHECK(train({.centroids = false, .shapes = true}).shapes != original.shapes);
}

TEST_CASE("Each kind of value moves only when its switch is on, and the kinds left on still train", "[training]") {
  const ImageExperiment digits("digits_centroid.json", {{"genome.spatial.layers.0.virtual_batch_norm", "true"}});
  const Genome start = digits.start_genome(4);
  auto train = [&](TrainableKinds kinds) { return trained_kinds(digits, start, kinds, 30); };
  const SpatialLayerGene& original = start.spatial->layers.front();
  auto same_graph = [&](const Genome& genome) {
    return genome.connections == start.connections && genome.nodes == start.nodes;
  };
  using Layer = SpatialLayerGene;
  const std::vector<std::pair<TrainableKinds, std::function<bool(const Layer&)>>> kinds = {
      {{.kernels = false}, [&](const Layer& l) { return l.kernels == original.kernels; }},
      {{.biases = false}, [&](const Layer& l) { return l.biases == original.biases; }},
      {{.normalisation = false},
       [&](const Layer& l) { return l.norm_gains == original.norm_gains && l.norm_shifts == original.norm_shifts; }},
      {{.centroids = false}, [&](const Layer& l) { return l.centroid.centroids == original.centroid.centroids; }},
      {{.shapes = false}, [&](const Layer& l) { return l.centroid.shapes == original.centroid.shapes; }},
  };
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    CAPTURE(k);
    const Genome trained = train(kinds[k].first);
    const Layer& layer = trained.spatial->layers.front();
    CHECK(kinds[k].second(layer));                        // the kind switched off kept its values
    CHECK_FALSE(same_graph(trained));                     // the graph trained
    CHECK((layer.kernels != original.kernels || k == 0));  // and the kernels, unless they are the one off
  }
  const Genome all_on = train(TrainableKinds{});
  for (const auto& [kind, unchanged] : kinds) CHECK_FALSE(unchanged(all_on.spatial->layers.front()));  // every kind moves when on
  const Genome front_end_only = train({.graph = false});
  CHECK(same_graph(front_end_only));
  CHECK(front_end_only.spatial->layers.front().kernels != original.kernels);
  const Genome graph_only =
      train({.kernels = false, .biases = false, .normalisation = false, .centroids = false, .shapes = false});
  CHECK_FALSE(same_graph(graph_only));
  CHECK(*graph_only.spatial == *start.spatial);
}

TEST_CASE("A front end's flat parameters and gradient line up with its genes", "[training]") {
  const ImageExperiment digits("digits_centroid.json", {{"genome.spatial.layers.0.virtual_batch_norm", "true"}});
  Genome genome = digits.start_genome(1);
  SpatialStack& stack = *genome.spatial;
  const SpatialLayerGene& layer = stack.layers.front();
  const std::size_t all = layer.kernels.size() + layer.biases.size() + 2 * layer.centroid.centroids.size() +
                          4 * layer.centroid.shapes.size() + layer.norm_gains.size() + layer.norm_shifts.size();
  CHECK(static_cast<std::size_t>(stack_parameters(stack, TrainableKinds{}).size()) == all);
  CHECK(static_cast<std::size_t>(stack_parameters(stack, {.centroids = false, .shapes = false}).size()) ==
        all - 2 * layer.centroid.centroids.size() - 4 * layer.centroid.shapes.size());
  Eigen::VectorXd values = stack_parameters(stack, TrainableKinds{});
  values[0] = 0.125;  // the first kernel weight
  values[static_cast<Eigen::Index>(layer.kernels.size() + layer.biases.size())] = 0.75;  // the first centroid's x
  set_stack_parameters(stack, values, TrainableKinds{});
  CHECK(stack.layers.front().kernels[0] == 0.125);
  CHECK(stack.layers.front().centroid.centroids[0].x == 0.75);
  SpatialLayerGradient gradient;
  gradient.kernels.assign(layer.kernels.size(), 1.0);
  gradient.biases.assign(layer.biases.size(), 2.0);
  gradient.centroids.assign(2 * layer.centroid.centroids.size(), 3.0);
  gradient.shapes.assign(4 * layer.centroid.shapes.size(), 4.0);
  gradient.norm_gains.assign(layer.norm_gains.size(), 5.0);
  gradient.norm_shifts.assign(layer.norm_shifts.size(), 6.0);
  const Eigen::VectorXd flat = stack_gradient({gradient}, TrainableKinds{});
  REQUIRE(static_cast<std::size_t>(flat.size()) == all);
  CHECK(flat[static_cast<Eigen::Index>(layer.kernels.size())] == 2.0);
  CHECK(flat[static_cast<Eigen::Index>(layer.kernels.size() + layer.biases.size())] == 3.0);
  CHECK(flat[flat.size() - 1] == 6.0);
}

TEST_CASE("Each front-end value is kept in the interval evolution keeps it in, and only weights decay",
          "[training]") {
  const ImageExperiment digits("digits_centroid.json", {{"genome.spatial.layers.0.virtual_batch_norm", "true"}});
  const Genome genome = digits.start_genome(1);
  const SpatialLayerGene& layer = genome.spatial->layers.front();
  const ParameterConstraints constraints = stack_constraints(*genome.spatial, TrainableKinds{}, 2.0);
  REQUIRE(constraints.size() == stack_parameters(*genome.spatial, TrainableKinds{}).size());
  const auto kernels = static_cast<Eigen::Index>(layer.kernels.size());
  const auto centroids = kernels + static_cast<Eigen::Index>(layer.biases.size());
  const auto shapes = centroids + 2 * static_cast<Eigen::Index>(layer.centroid.centroids.size());
  const auto gains = shapes + 4 * static_cast<Eigen::Index>(layer.centroid.shapes.size());
  CHECK(constraints.lower[0] == -2.0);
  CHECK(constraints.upper[0] == 2.0);
  CHECK(constraints.decays.head(kernels).minCoeff() == 1.0);
  CHECK(constraints.decays.tail(constraints.size() - kernels).maxCoeff() == 0.0);
  CHECK(constraints.lower[centroids] == 0.0);
  CHECK(constraints.upper[centroids] == layer.centroid.scale);
  CHECK(constraints.lower[shapes] == -std::numeric_limits<double>::infinity());
  CHECK(constraints.upper[shapes] == std::numeric_limits<double>::infinity());
  CHECK(constraints.upper[gains] == 2.0);
}

TEST_CASE("A step never snaps centroids or shapes to the weight limit", "[training]") {
  // The start shapes are 3·I and the centroids sit at a third and two thirds of the plane:
  // with a weight limit of 0.5 a step of size 1e-6 must leave them where they were.
  const ImageExperiment digits("digits_centroid.json");
  Genome genome = digits.start_genome(4);
  const CentroidParameters before = genome.spatial->layers.front().centroid;
  TrainingSettings settings = adam(1, 1e-6);
  settings.optimiser.limit = 0.5;
  RandomStream random(1, 0, 4, Purpose::training);
  train_genome(genome, *digits.task->training_objective(), settings, random);
  const CentroidParameters& after = genome.spatial->layers.front().centroid;
  for (std::size_t k = 0; k < before.centroids.size(); ++k) {
    CHECK(after.centroids[k].x == Approx(before.centroids[k].x).margin(1e-5));
    CHECK(after.centroids[k].y == Approx(before.centroids[k].y).margin(1e-5));
  }
  for (std::size_t k = 0; k < before.shapes.size(); ++k) CHECK(after.shapes[k].a == Approx(before.shapes[k].a).margin(1e-5));
  CHECK(std::abs(genome.spatial->layers.front().kernels[0]) <= 0.5);
}

TEST_CASE("Baldwinian image runs test and keep the trained copy as champion", "[training]") {
  ImageExperiment digits("digits_shared.json", {{"population.size", "6"},
                                                {"training.mode", "\"baldwinian\""},
                                                {"training.steps", "30"}});
  Population population(digits.config);
  TbbEvaluator evaluator(*digits.task, evaluation_settings(digits.config));
  const GenerationReport report = population.evaluate(evaluator);
  REQUIRE(report.champion_test.has_value());
  const Genome& champion = *population.champion();
  CHECK(digits.validation_accuracy(champion) == report.champion_test->figures.at("validation_accuracy"));
  const auto same_id = std::find_if(population.genomes().begin(), population.genomes().end(),
                                    [&](const Genome& g) { return g.id == champion.id; });
  REQUIRE(same_id != population.genomes().end());
  CHECK(same_id->spatial->layers.front().kernels != champion.spatial->layers.front().kernels);
  CHECK(digits.validation_accuracy(*same_id) < digits.validation_accuracy(champion));
}

TEST_CASE("A Lamarckian image run is identical with 1 and 2 threads", "[training]") {
  ImageExperiment digits("digits_centroid.json", {{"population.size", "12"},
                                                  {"training.mode", "\"lamarckian\""},
                                                  {"training.steps", "4"},
                                                  {"stop.max_generations", "3"}});
  auto run = [&](std::size_t threads) {
    Population population(digits.config);
    EvaluationSettings settings = evaluation_settings(digits.config);
    settings.threads = threads;
    TbbEvaluator evaluator(*digits.task, settings);
    std::vector<std::string> genomes;
    for (int generation = 0; generation < 3; ++generation) {
      population.evaluate(evaluator);
      for (const Genome& genome : population.genomes()) genomes.push_back(genome_to_json(genome).dump());
      population.advance();
    }
    return genomes;
  };
  CHECK(run(1) == run(2));
}
