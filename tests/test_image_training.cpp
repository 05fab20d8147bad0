// Image tasks offer gradient training: their objective is softmax cross-entropy on the
// training split, and training a graph-only genome (pixels straight to class scores, as
// multinomial logistic regression) on digits reaches the accuracy such a model is known for.
#include <catch2/catch.hpp>

#include "experiments/tasks/dataset_tasks.hpp"
#include "experiments/tasks/image_classification_task.hpp"
#include "nets/feed_forward_network.hpp"
#include "test_support.hpp"
#include "training/genome_training.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

// Every pixel and the bias node wired to every class score (identity outputs), weights 0.
Genome linear_classifier(std::size_t pixels, std::size_t classes) {
  Genome genome;
  for (NodeId p = 0; p < pixels; ++p) genome.insert_node(input(p));
  genome.insert_node(bias_node(pixels));
  InnovationId innovation = 1;
  for (NodeId k = 0; k < classes; ++k) {
    const NodeId out = pixels + 1 + k;
    genome.insert_node(output(out));
    for (NodeId source = 0; source <= pixels; ++source) genome.insert_connection(link(innovation++, source, out, 0.0));
  }
  return genome;
}

}  // namespace

TEST_CASE("An image task's objective is softmax cross-entropy on its training split", "[training]") {
  const auto task = make_task({{"name", "digits"}}, "test");
  const auto& images = dynamic_cast<const ImageClassificationTask&>(*task).data().train;
  const TrainingObjective* objective = task->training_objective();
  REQUIRE(objective != nullptr);
  CHECK(objective->example_count() == images.size());
  const std::vector<std::size_t> examples{5, 0, 17};
  const Eigen::MatrixXd inputs = objective->inputs(examples);
  REQUIRE(inputs.rows() == 3);
  CHECK(inputs.row(0) == images.images.row(5).cast<double>());
  CHECK(inputs.row(2) == images.images.row(17).cast<double>());
  // Equal scores: every class has probability 1/10, so the loss is ln 10 and the gradient
  // of the true class is (1/10 − 1)/3.
  const LossValue loss = objective->loss(Eigen::MatrixXd::Zero(3, 10), examples);
  CHECK(loss.loss == Approx(std::log(10.0)).epsilon(1e-12));
  CHECK(loss.output_gradient(1, images.labels[0]) == Approx((0.1 - 1.0) / 3.0).epsilon(1e-12));
}

TEST_CASE("Training a linear classifier on digits by Adam reaches 0.9 validation accuracy", "[training]") {
  const auto task = make_task({{"name", "digits"}}, "test");
  const ImageSplits& data = dynamic_cast<const ImageClassificationTask&>(*task).data();
  Genome genome = linear_classifier(data.train.shape.size(), data.train.classes);
  TrainingSettings settings;
  settings.mode = TrainingMode::lamarckian;
  settings.steps = 300;
  settings.batch_size = 64;
  settings.optimiser.learning_rate = 0.05;
  settings.optimiser.limit = 8.0;
  RandomStream random(1, 0, 0, Purpose::training);
  const TrainingReport report = train_genome(genome, *task->training_objective(), settings, random);
  CHECK(report.first_loss == Approx(std::log(10.0)).epsilon(1e-12));
  CHECK(report.last_loss < 0.5);
  FeedForwardNetwork network(genome);
  const ImageScores validation = score_images(network, data.validation);
  CHECK(validation.accuracy >= 0.9);
}
