#pragma once
// Genomes classify images: the network's outputs are class scores (softmax over them gives
// probabilities; the largest is the prediction).
//
// Each generation draws one mini-batch of training images (with replacement, from the
// run's seed and the generation alone), so every genome of a generation sees the same batch
// and a run stays reproducible. Fitness on that batch is either the accuracy or the mean
// probability given to the correct class (a smooth relative of the cross-entropy that stays
// in [0, 1], as NEAT's fitness sharing wants non-negative fitness).
//
// The champion test (one genome per generation) measures validation and test accuracy on
// the whole held-out splits; a run is solved when validation accuracy reaches the target.
// Test accuracy is only reported, never used to decide anything.
#include <memory>
#include <string>

#include "experiments/tasks/image_set.hpp"
#include "neat/task.hpp"

namespace convneat {

enum class ImageFitness { accuracy, correct_probability };

struct ImageScores {
  double accuracy = 0.0;
  double correct_probability = 0.0;  // mean softmax probability of the true class
};

// Accuracy and mean true-class probability of a network on a whole set (in chunks).
ImageScores score_images(Network& network, const ImageSet& set, const EvaluationDeadline& deadline = {});

class ImageClassificationTask final : public Task {
 public:
  ImageClassificationTask(std::string name, std::shared_ptr<const ImageSplits> data, std::size_t batch_size,
                          ImageFitness fitness, double target_accuracy);

  std::string name() const override { return name_; }
  std::size_t input_count() const override { return data_->train.shape.size(); }
  std::size_t output_count() const override { return data_->train.classes; }
  std::optional<ImageShape> image_shape() const override { return data_->train.shape; }
  TaskResult evaluate(Network& network, EvaluationContext& context) const override;
  std::string fitness_meaning() const override;
  bool has_champion_test() const override { return true; }
  ChampionTestResult test_champion(Network& network) const override;

  const ImageSplits& data() const { return *data_; }

 private:
  std::string name_;
  std::shared_ptr<const ImageSplits> data_;
  std::size_t batch_size_;
  ImageFitness fitness_;
  double target_accuracy_;
};

}  // namespace convneat
