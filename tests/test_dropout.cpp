// Dropout of a front end's readout features in training steps (/training/dropout): rate 0
// changes nothing and draws nothing; otherwise each feature is 0 or scaled by 1/(1 − rate),
// dropped at the rate, and the backward pass is the forward map's adjoint (the same mask);
// trained runs with dropout stay identical for 1 and 2 threads and across a resume; genomes
// without a front end are refused by key.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "cli_support.hpp"
#include "image_experiment.hpp"
#include "training/dropout.hpp"
#include "training/genome_training.hpp"
#include "training/spatial_parameters.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

// One plain gradient step (SGD without momentum or decay) on the kernels alone, so the step
// is −learning_rate times the gradient the trainer computed.
TrainingSettings one_kernel_step(double dropout) {
  TrainingSettings settings;
  settings.mode = TrainingMode::lamarckian;
  settings.steps = 1;
  settings.batch_size = 16;
  settings.dropout = dropout;
  settings.optimiser.kind = OptimiserKind::sgd;
  settings.optimiser.momentum = 0.0;
  settings.optimiser.learning_rate = 1e-3;
  settings.optimiser.limit = 8.0;
  settings.kinds = {.graph = false, .kernels = true, .biases = false, .normalisation = false, .centroids = false,
                    .shapes = false};
  return settings;
}

// Values in [-1, 1) from the stream (not Eigen's Random, whose state other tests share).
Eigen::MatrixXf random_matrix(Eigen::Index rows, Eigen::Index cols, RandomStream& random) {
  Eigen::MatrixXf values(rows, cols);
  for (Eigen::Index i = 0; i < values.size(); ++i) values.data()[i] = static_cast<float>(random.uniform(-1.0, 1.0));
  return values;
}

}  // namespace

TEST_CASE("Dropout at rate 0 passes features and gradients through and draws nothing", "[training]") {
  RandomStream used(4, 0, 0, Purpose::training), fresh(4, 0, 0, Purpose::training);
  RandomStream values(5, 0, 0, Purpose::training);
  const Eigen::MatrixXf features = random_matrix(7, 5, values);
  const FeatureDropout none(0.0, 7, 5, used);
  CHECK(none.forward(features) == features);
  CHECK(none.backward(features) == features);
  CHECK(used.uniform() == fresh.uniform());
}

TEST_CASE("Dropout zeroes features at its rate and scales the kept ones so the mean is unchanged", "[training]") {
  RandomStream random(6, 0, 0, Purpose::training);
  const double rate = 0.3;
  const FeatureDropout dropout(rate, 100, 100, random);
  const Eigen::MatrixXf kept = dropout.forward(Eigen::MatrixXf::Ones(100, 100));
  const auto scale = static_cast<float>(1.0 / (1.0 - rate));
  const Eigen::Index zeros = (kept.array() == 0.0f).count();
  CHECK((kept.array() == scale).count() + zeros == kept.size());  // nothing else
  // binomial(10,000, 0.3): standard deviation 46, so ±200 is more than 4 of them.
  CHECK(zeros > 2800);
  CHECK(zeros < 3200);
  CHECK(kept.mean() == Approx(1.0).margin(0.03));
  // Another step's mask is another draw.
  const FeatureDropout next(rate, 100, 100, random);
  CHECK(next.forward(Eigen::MatrixXf::Ones(100, 100)) != kept);
}

TEST_CASE("Dropout's backward pass is the adjoint of its forward pass: the same mask and scale", "[training]") {
  RandomStream random(9, 0, 0, Purpose::training);
  const FeatureDropout dropout(0.3, 6, 40, random);  // a scale of 1/0.7, not exact in float
  const Eigen::MatrixXf x = random_matrix(6, 40, random), g = random_matrix(6, 40, random);
  // <forward(x), g> = <x, backward(g)>: what makes backward the gradient of a linear map. The
  // two sides round the scaled factor differently, each term by at most a float's ε.
  const double forward_side = (dropout.forward(x).array().cast<double>() * g.array().cast<double>()).sum();
  const double backward_side = (x.array().cast<double>() * dropout.backward(g).array().cast<double>()).sum();
  const double magnitude = (dropout.forward(x).array().abs().cast<double>() * g.array().abs().cast<double>()).sum();
  CHECK(std::abs(forward_side - backward_side) <= 1e-6 * magnitude);
  CHECK(magnitude > 1.0);
  CHECK((dropout.forward(x).array() == 0.0f).count() == (dropout.backward(g).array() == 0.0f).count());
  CHECK_THROWS(dropout.forward(Eigen::MatrixXf::Ones(5, 40)));
}

TEST_CASE("A step with dropout follows the gradient of the loss under its own mask (finite differences)",
          "[training]") {
  // One image per example, and pairs through a tied front end (whose readout stacks the copies).
  const std::string config = GENERATE(as<std::string>{}, "digits_shared.json", "digit_pairs_tied.json");
  CAPTURE(config);
  const ImageExperiment experiment(config);
  const TrainingObjective& objective = *experiment.task->training_objective();
  const Genome start = experiment.start_genome(3);
  const TrainingSettings settings = one_kernel_step(0.5);
  const auto kernels = [&](const Genome& genome) { return stack_parameters(*genome.spatial, settings.kinds); };
  // The same stream gives the same batch and the same mask, so the loss is a function of the
  // kernels alone.
  const auto step_from = [&](const Genome& genome, const TrainingSettings& step) {
    RandomStream random(1, 0, 3, Purpose::training);
    GenomeTrainer trainer(genome, objective, step, random);
    const double loss = *trainer.step();
    return std::pair{loss, trainer.trained()};
  };
  const Eigen::VectorXd before = kernels(start);
  const Eigen::VectorXd gradient = (before - kernels(step_from(start, settings).second)) / 1e-3;
  const Eigen::VectorXd undropped = (before - kernels(step_from(start, one_kernel_step(0.0)).second)) / 1e-3;
  CHECK(gradient.norm() > 0.0);
  CHECK((gradient - undropped).norm() > 0.05 * gradient.norm());  // the mask matters
  std::vector<Eigen::Index> largest(static_cast<std::size_t>(gradient.size()));
  std::iota(largest.begin(), largest.end(), Eigen::Index{0});
  std::partial_sort(largest.begin(), largest.begin() + 4, largest.end(),
                    [&](Eigen::Index a, Eigen::Index b) { return std::abs(gradient(a)) > std::abs(gradient(b)); });
  for (auto it = largest.begin(); it != largest.begin() + 4; ++it) {
    const double h = 1e-3;
    const auto loss_with = [&](double change) {
      Genome moved = start;
      Eigen::VectorXd values = before;
      values(*it) += change;
      set_stack_parameters(*moved.spatial, values, settings.kinds);
      return step_from(moved, settings).first;
    };
    CAPTURE(*it);
    CHECK(gradient(*it) == Approx((loss_with(h) - loss_with(-h)) / (2 * h)).epsilon(0.03));
  }
}

TEST_CASE("Trained image runs with dropout (and shifted images) are identical with 1 and 2 threads and across a resume",
          "[training]") {
  ScratchDirectory scratch("dropout-runs");
  const std::string run = "run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/digits_trained.json") +
                          " --set population.size=6 --set training.steps=5 --set training.dropout=0.3"
                          " --set training.augment_shift=1";  // both: the mask is drawn after the shifts
  check_threads_and_resume_agree(run, scratch.path());
  run_ok(run + " --set training.dropout=0 --generations 4 --threads 2 --out " + quoted(scratch / "plain"));
  CHECK(read_text(scratch / "plain" / "champion.json") != read_text(scratch / "straight" / "champion.json"));
}

TEST_CASE("Dropout for genomes without a front end is refused by key, in run and in train", "[training]") {
  ScratchDirectory scratch("dropout-refused");
  const std::string xor_config = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json");
  const CliResult run = run_cli("run " + xor_config + " --set training.mode=lamarckian --set training.dropout=0.2"
                                " --out /nonexistent/never");
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.output, Catch::Contains("/training/dropout: drops a spatial front end's readout features"));
  run_ok("run " + xor_config + " --generations 2 --out " + quoted(scratch / "xor"));
  const CliResult train = run_cli("train " + quoted(scratch / "xor") + " --steps 2 --set training.dropout=0.2 --out " +
                                  quoted(scratch / "trained.json"));
  CHECK(train.exit_code == 2);
  CHECK_THAT(train.output, Catch::Contains("train: /training/dropout: drops a spatial front end's readout features"));
  const CliResult too_high = run_cli("run " + xor_config + " --set training.dropout=1 --out /nonexistent/never");
  CHECK(too_high.exit_code == 2);
  CHECK_THAT(too_high.output, Catch::Contains("/training/dropout"));
}
