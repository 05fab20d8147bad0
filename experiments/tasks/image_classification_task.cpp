#include "experiments/tasks/image_classification_task.hpp"

#include <algorithm>
#include <cmath>

#include "experiments/tasks/reference_batch.hpp"

namespace convneat {
namespace {

constexpr std::size_t kScoringChunk = 512;  // rows per activate_batch call when scoring a split
// The loss of an example whose outputs are not finite (a probability of e^-50): a broken
// network scores far below any working one, and one bad row cannot make the mean infinite.
constexpr double kWorstExampleLoss = 50.0;

// Adds the chunk's correct predictions, true-class probabilities and losses to the totals.
void score_rows(const Eigen::MatrixXd& outputs, const std::uint16_t* labels, ImageScores& totals) {
  for (Eigen::Index row = 0; row < outputs.rows(); ++row) {
    const auto scores = outputs.row(row).array();
    Eigen::Index predicted = 0;
    const double top = scores.maxCoeff(&predicted);
    const double normaliser = (scores - top).exp().sum();
    const double log_probability = scores(labels[row]) - top - std::log(normaliser);
    const double probability = std::exp(log_probability);
    totals.accuracy += predicted == labels[row] ? 1.0 : 0.0;
    totals.correct_probability += std::isfinite(probability) ? probability : 0.0;
    totals.cross_entropy += std::isfinite(log_probability) ? std::min(-log_probability, kWorstExampleLoss)
                                                           : kWorstExampleLoss;
  }
}

}  // namespace

ImageScores score_images(Network& network, const ImageSet& set, const EvaluationDeadline& deadline) {
  ImageScores totals;
  for (std::size_t first = 0; first < set.size(); first += kScoringChunk) {
    deadline.check();
    const std::size_t count = std::min(kScoringChunk, set.size() - first);
    const Eigen::MatrixXd inputs =
        set.images.middleRows(static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(count)).cast<double>();
    score_rows(network.activate_batch(inputs), set.labels.data() + first, totals);
  }
  const double n = static_cast<double>(std::max<std::size_t>(set.size(), 1));
  return {totals.accuracy / n, totals.correct_probability / n, totals.cross_entropy / n};
}

ImageClassificationTask::ImageClassificationTask(std::string name, std::shared_ptr<const ImageSplits> data,
                                                 std::size_t batch_size, ImageFitness fitness, double target_accuracy,
                                                 ReferenceSettings reference, ChampionSelection selection)
    : name_(std::move(name)),
      data_(std::move(data)),
      batch_size_(batch_size),
      fitness_(fitness),
      target_accuracy_(target_accuracy),
      reference_(choose_reference_examples(data_->train, reference.size, reference.seed)),
      selection_(selection) {}

TaskResult ImageClassificationTask::evaluate(Network& network, EvaluationContext& context) const {
  prepare_network(network, reference_);
  const ImageSet& train = data_->train;
  // The batch depends on (seed, generation) only: every genome of a generation sees it.
  RandomStream batch_stream(context.seed, context.generation, 0, Purpose::task_data);
  ImageSet batch;
  batch.shape = train.shape;
  batch.copies = train.copies;
  batch.classes = train.classes;
  batch.images.resize(static_cast<Eigen::Index>(batch_size_), train.images.cols());
  batch.labels.resize(batch_size_);
  for (std::size_t i = 0; i < batch_size_; ++i) {
    const std::size_t pick = batch_stream.index(train.size());
    batch.images.row(static_cast<Eigen::Index>(i)) = train.images.row(static_cast<Eigen::Index>(pick));
    batch.labels[i] = train.labels[pick];
  }
  const ImageScores scores = score_images(network, batch, context.deadline);
  return {fitness_from(scores), false};
}

double ImageClassificationTask::fitness_from(const ImageScores& scores) const {
  switch (fitness_) {
    case ImageFitness::accuracy: return scores.accuracy;
    case ImageFitness::correct_probability: return scores.correct_probability;
    case ImageFitness::cross_entropy: return std::exp(-scores.cross_entropy);
  }
  return scores.accuracy;
}

std::string ImageClassificationTask::fitness_meaning() const {
  switch (fitness_) {
    case ImageFitness::accuracy: return "accuracy on this generation's training batch";
    case ImageFitness::correct_probability:
      return "mean probability of the true class on this generation's training batch";
    case ImageFitness::cross_entropy:
      return "exp(-cross-entropy) on this generation's training batch (geometric mean probability of the true class)";
  }
  return "";
}

ChampionTestResult ImageClassificationTask::test_champion(Network& network) const {
  prepare_network(network, reference_);
  const double validation = score_images(network, data_->validation).accuracy;
  const double test = score_images(network, data_->test).accuracy;
  ChampionTestResult result;
  result.solved = validation >= target_accuracy_;
  result.figures = {{"validation_accuracy", validation}, {"test_accuracy", test}};
  if (selection_ == ChampionSelection::validation) result.selection_score = validation;
  return result;
}

std::unique_ptr<Task> make_image_classification_task(std::string name, std::shared_ptr<const ImageSplits> data,
                                                     TaskParameters& parameters) {
  const std::size_t batch = parameters.whole("batch_size", 1, 1000000, 256);
  const ImageFitness fitness = parameters.named("fitness", kImageFitnesses, ImageFitness::accuracy);
  const double target = parameters.real("target_accuracy", 0.0, 1.0, 1.0);
  ReferenceSettings reference;
  reference.size = parameters.whole("reference_size", 1, 100000, reference.size);
  reference.seed = parameters.whole("reference_seed", 0, ~std::size_t{0}, reference.seed);
  const ChampionSelection selection =
      parameters.named("champion_selection", kChampionSelections, ChampionSelection::validation);
  parameters.finish();
  return std::make_unique<ImageClassificationTask>(std::move(name), std::move(data), batch, fitness, target, reference,
                                                   selection);
}

Eigen::MatrixXd ImageClassificationTask::inputs(std::span<const std::size_t> examples) const {
  const ImageRows& images = data_->train.images;
  Eigen::MatrixXd rows(static_cast<Eigen::Index>(examples.size()), images.cols());
  for (std::size_t r = 0; r < examples.size(); ++r)
    rows.row(static_cast<Eigen::Index>(r)) = images.row(static_cast<Eigen::Index>(examples[r])).cast<double>();
  return rows;
}

void ImageClassificationTask::prepare(Network& network) const { prepare_network(network, reference_); }

LossValue ImageClassificationTask::loss(const Eigen::MatrixXd& outputs, std::span<const std::size_t> examples) const {
  std::vector<std::uint16_t> labels(examples.size());
  for (std::size_t r = 0; r < examples.size(); ++r) labels[r] = data_->train.labels.at(examples[r]);
  return softmax_cross_entropy(outputs, labels);
}

}  // namespace convneat
