// The generated position-dependent image task and the image-classification scoring.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <memory>
#include <vector>

#include "experiments/tasks/aligned_parts.hpp"
#include "experiments/tasks/image_classification_task.hpp"

namespace convneat {
namespace {

// A network that predicts from fixed per-pixel weights: enough to check the scoring maths.
class LinearProbe final : public Network {
 public:
  explicit LinearProbe(Eigen::MatrixXd weights) : weights_(std::move(weights)) {}
  std::size_t input_count() const override { return static_cast<std::size_t>(weights_.rows()); }
  std::size_t output_count() const override { return static_cast<std::size_t>(weights_.cols()); }
  void activate(std::span<const double>, std::span<double>) override {}
  Eigen::MatrixXd activate_batch(const Eigen::MatrixXd& inputs) override { return inputs * weights_; }
  void reset() override {}
  bool keeps_state() const override { return false; }
  std::size_t propagation_steps() const override { return 1; }

 private:
  Eigen::MatrixXd weights_;
};

// Two-pixel images of two classes, alternating (1, 0), (0, 1), (1, 0), …, with the given labels.
ImageSet alternating_two_pixel_set(std::vector<std::uint16_t> labels) {
  ImageSet set;
  set.shape = {1, 1, 2};
  set.classes = 2;
  set.images.resize(static_cast<Eigen::Index>(labels.size()), 2);
  for (Eigen::Index row = 0; row < set.images.rows(); ++row) set.images.row(row) << (row % 2 == 0), (row % 2 == 1);
  set.labels = std::move(labels);
  return set;
}

}  // namespace

TEST_CASE("aligned_parts images are a pure function of their settings, balanced and in bounds") {
  AlignedPartsSettings settings;
  settings.train = 4000;
  settings.validation = 10;
  settings.test = 10;
  settings.size = GENERATE(12, 13, 16, 29);
  settings.jitter = GENERATE(0, 2);
  const ImageSplits first = make_aligned_parts(settings);
  const ImageSplits again = make_aligned_parts(settings);
  CHECK(first.train.images == again.train.images);
  CHECK(first.train.labels == again.train.labels);
  CHECK(first.train.shape == ImageShape{1, settings.size, settings.size});
  CHECK(first.train.classes == 2);
  // The splits are drawn from different streams: no image repeats across them.
  CHECK(first.train.images.row(0) != first.test.images.row(0));

  double positives = 0;
  for (auto label : first.train.labels) positives += label;
  // P(label 1) = P(at least 2 of 3 fair coins) = 1/2; 4,000 draws: stdev 0.0079.
  CHECK(positives / 4000.0 == Approx(0.5).margin(0.04));
  // Three strokes of three cells each, value 1, on zero-mean noise.
  const double mean_sum = first.train.images.cast<double>().rowwise().sum().mean();
  CHECK(mean_sum == Approx(9.0).margin(0.5));
  CHECK(first.train.images.allFinite());
}

TEST_CASE("aligned_parts without noise: the label is the number of targets shown, read off the pixels") {
  AlignedPartsSettings settings;
  settings.noise = 0.0;
  settings.jitter = 0;
  settings.train = 500;
  const ImageSet set = make_aligned_parts(settings).train;
  const auto size = static_cast<int>(settings.size);
  // Without jitter each part sits at its centre; the target strokes are |, — and \.
  const int centres[3][2] = {{4, 4}, {4, 11}, {11, 8}};  // 0.3·16, 0.7·16, 0.72·16 floored
  const int target_offsets[3][2][2] = {{{-1, 0}, {1, 0}}, {{0, -1}, {0, 1}}, {{-1, -1}, {1, 1}}};
  for (std::size_t i = 0; i < set.size(); ++i) {
    int shown = 0;
    for (int part = 0; part < 3; ++part) {
      bool target = true;
      for (const auto& offset : target_offsets[part]) {
        const int row = centres[part][0] + offset[0], column = centres[part][1] + offset[1];
        target = target && set.images(static_cast<Eigen::Index>(i), row * size + column) == 1.0f;
      }
      shown += target;
    }
    INFO("image " << i);
    CHECK(set.labels[i] == (shown >= 2 ? 1 : 0));
  }
}

TEST_CASE("image scores: accuracy from the largest output, probability and cross-entropy from the softmax") {
  const ImageSet set = alternating_two_pixel_set({0, 1, 1});  // images (1, 0), (0, 1), (1, 0)
  LinearProbe probe(Eigen::MatrixXd::Identity(2, 2));  // output = image: predicts 0, 1, 0
  const ImageScores scores = score_images(probe, set);
  CHECK(scores.accuracy == Approx(2.0 / 3.0));
  const double p = std::exp(1.0) / (std::exp(1.0) + 1.0);  // softmax of (1, 0)
  CHECK(scores.correct_probability == Approx((p + p + (1 - p)) / 3.0));
  CHECK(scores.cross_entropy == Approx(-(std::log(p) + std::log(p) + std::log(1 - p)) / 3.0));

  // Outputs that overflow the softmax cost the capped loss of 50 nats, not infinity.
  LinearProbe broken(Eigen::MatrixXd::Constant(2, 2, std::numeric_limits<double>::quiet_NaN()));
  const ImageScores worst = score_images(broken, set);
  CHECK(worst.cross_entropy == 50.0);
  CHECK(worst.correct_probability == 0.0);
}

TEST_CASE("an image task's champion test offers validation accuracy as the selection score, unless told not to") {
  const ImageSet set = alternating_two_pixel_set({0, 1, 1, 1});  // the identity probe gets 3 of 4 right
  auto splits = std::make_shared<const ImageSplits>(ImageSplits{set, set, set, {}});
  const auto probe = [] { return std::make_unique<LinearProbe>(Eigen::MatrixXd::Identity(2, 2)); };

  const ImageClassificationTask by_validation("probe", splits, 4, ImageFitness::accuracy, 1.0);
  const ChampionTestResult scored = by_validation.test_champion(probe, ChampionTestScope::generation);
  REQUIRE(scored.selection_score.has_value());
  CHECK(*scored.selection_score == 0.75);
  CHECK(scored.figures.at("validation_accuracy") == 0.75);

  const ImageClassificationTask by_fitness("probe", splits, 4, ImageFitness::accuracy, 1.0, {},
                                           ChampionSelection::training_fitness);
  const ChampionTestResult unscored = by_fitness.test_champion(probe, ChampionTestScope::generation);
  CHECK_FALSE(unscored.selection_score.has_value());
  CHECK(unscored.figures == scored.figures);
}

}  // namespace convneat
