#include "experiments/tasks/image_classification_task.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "experiments/tasks/reference_batch.hpp"
#include "genome/random.hpp"
#include "nets/population_first_layer.hpp"
#include "nets/spatial_network.hpp"

namespace convneat {
namespace {

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

// The chunk's rows whose largest score is their label's (the first largest on a tie, as
// score_rows decides).
std::size_t correct_predictions(const Eigen::MatrixXd& outputs, const std::uint16_t* labels) {
  std::size_t correct = 0;
  for (Eigen::Index row = 0; row < outputs.rows(); ++row) {
    Eigen::Index predicted = 0;
    outputs.row(row).maxCoeff(&predicted);
    correct += predicted == labels[row] ? 1 : 0;
  }
  return correct;
}

// The class scores of a chunk of the set's rows, given to the network in float.
Eigen::MatrixXd chunk_outputs(Network& network, const ImageSet& set, std::size_t first, std::size_t count) {
  const Eigen::MatrixXf chunk = set.images.middleRows(static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(count));
  return network.activate_float_batch(chunk);
}

ImageScores means(const ImageScores& totals, std::size_t examples) {
  const double n = static_cast<double>(std::max<std::size_t>(examples, 1));
  return {totals.accuracy / n, totals.correct_probability / n, totals.cross_entropy / n};
}

}  // namespace

double held_out_accuracy(const CompileNetwork& compile, const ImageRows& reference, const ImageSet& set) {
  const std::size_t chunks = (set.size() + kScoringChunk - 1) / kScoringChunk;
  std::vector<std::size_t> correct(chunks, 0);
  const auto score_chunk = [&](Network& network, std::size_t chunk) {
    const std::size_t first = chunk * kScoringChunk;
    const std::size_t count = std::min(kScoringChunk, set.size() - first);
    correct[chunk] = correct_predictions(chunk_outputs(network, set, first, count), set.labels.data() + first);
  };
  std::unique_ptr<Network> first = compile();
  prepare_network(*first, reference);
  if (first->keeps_state()) {
    // A recurrent graph carries its state from chunk to chunk: one network, chunks in order.
    for (std::size_t chunk = 0; chunk < chunks; ++chunk) score_chunk(*first, chunk);
  } else {
    tbb::enumerable_thread_specific<std::unique_ptr<Network>> networks;
    networks.local() = std::move(first);  // this thread's, as it takes part in the loop
    tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t chunk) {
      std::unique_ptr<Network>& network = networks.local();
      if (!network) {
        network = compile();
        prepare_network(*network, reference);
      }
      score_chunk(*network, chunk);
    });
  }
  const std::size_t total = std::accumulate(correct.begin(), correct.end(), std::size_t{0});
  return static_cast<double>(total) / static_cast<double>(std::max<std::size_t>(set.size(), 1));
}

ImageScores score_images(Network& network, const ImageSet& set, const EvaluationDeadline& deadline) {
  ImageScores totals;
  for (std::size_t first = 0; first < set.size(); first += kScoringChunk) {
    deadline.check();
    const std::size_t count = std::min(kScoringChunk, set.size() - first);
    score_rows(chunk_outputs(network, set, first, count), set.labels.data() + first, totals);
  }
  return means(totals, set.size());
}

ImageScores score_batch(Network& network, const TrainingBatch& batch, const EvaluationDeadline& deadline) {
  ImageScores totals;
  std::size_t first = 0;
  for (const Eigen::MatrixXf& chunk : batch.chunks) {
    deadline.check();
    score_rows(network.activate_float_batch(chunk), batch.labels.data() + first, totals);
    first += static_cast<std::size_t>(chunk.rows());
  }
  return means(totals, batch.labels.size());
}

ImageClassificationTask::ImageClassificationTask(std::string name, std::shared_ptr<const ImageSplits> data,
                                                 std::size_t batch_size, ImageFitness fitness, double target_accuracy,
                                                 ReferenceSettings reference, ChampionSelection selection,
                                                 bool test_every_generation)
    : name_(std::move(name)),
      data_(std::move(data)),
      batches_(data_->train, batch_size),
      fitness_(fitness),
      target_accuracy_(target_accuracy),
      reference_(choose_reference_examples(data_->train, reference.size, reference.seed)),
      probe_(choose_reference_examples(data_->train, kBehaviourProbeExamples, mix64(reference.seed + 1))),
      selection_(selection),
      test_every_generation_(test_every_generation) {}

TaskResult ImageClassificationTask::evaluate(Network& network, EvaluationContext& context) const {
  prepare_network(network, reference_);
  // The batch depends on (seed, generation) only: every genome of a generation sees it.
  const std::shared_ptr<const TrainingBatch> batch = batches_.get(context.seed, context.generation);
  const ImageScores scores = score_batch(network, *batch, context.deadline);
  if (!context.describe_behaviour) return {fitness_from(scores), false};
  network.reset();  // a recurrent graph's answer to the probe must not depend on the batch before it
  const Eigen::MatrixXd outputs = network.activate_float_batch(probe_);
  Behaviour predicted(static_cast<std::size_t>(outputs.rows()));
  for (Eigen::Index row = 0; row < outputs.rows(); ++row) {
    Eigen::Index best = 0;
    outputs.row(row).maxCoeff(&best);
    predicted[static_cast<std::size_t>(row)] = static_cast<double>(best);
  }
  return {fitness_from(scores), false, std::move(predicted)};
}

void ImageClassificationTask::share_generation_work(std::span<Network* const> networks, std::uint64_t seed,
                                                    std::size_t generation) const {
  if (!shares_generation_work()) return;
  std::vector<SpatialFrontEnd*> front_ends;
  for (Network* network : networks)
    if (auto* spatial = dynamic_cast<SpatialNetwork*>(network)) front_ends.push_back(&spatial->front_end());
  std::vector<std::vector<SpatialFrontEnd*>> groups = first_layer_groups(front_ends);
  if (groups.empty()) return;
  const std::shared_ptr<const TrainingBatch> batch = batches_.get(seed, generation);
  // Each adopted output waits in memory until its genome is scored: whole groups while they fit.
  std::size_t bytes = 0, fitting = 0;
  for (; fitting < groups.size(); ++fitting) {
    for (const SpatialFrontEnd* front_end : groups[fitting])
      bytes += batch->labels.size() * front_end->layer_geometry(0).output.size() * sizeof(float);
    if (bytes > kSharedFirstLayerBytes) break;
  }
  groups.resize(fitting);
  tbb::parallel_for(std::size_t{0}, groups.size(), [&](std::size_t group) {
    for (const Eigen::MatrixXf& chunk : batch->chunks) run_first_layer_group(groups[group], batch, chunk);
  });
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

ChampionTestResult ImageClassificationTask::test_champion(const CompileNetwork& compile,
                                                          ChampionTestScope scope) const {
  const double validation = held_out_accuracy(compile, reference_, data_->validation);
  ChampionTestResult result;
  result.solved = validation >= target_accuracy_;
  result.figures = {{"validation_accuracy", validation}};
  if (scope == ChampionTestScope::final || test_every_generation_)
    result.figures["test_accuracy"] = held_out_accuracy(compile, reference_, data_->test);
  if (selection_ == ChampionSelection::validation) result.selection_score = validation;
  return result;
}

ImageTaskSettings read_image_task_settings(TaskParameters& parameters) {
  ImageTaskSettings settings;
  settings.batch_size = parameters.whole("batch_size", 1, 1000000, settings.batch_size,
                                         "training images every genome of a generation is scored on (one batch per "
                                         "generation, drawn from the run's seed)");
  settings.fitness = parameters.named("fitness", kImageFitnesses, settings.fitness,
                                      "a genome's fitness on that batch: accuracy, the mean probability of the true "
                                      "class, or exp(−cross-entropy)");
  settings.target_accuracy = parameters.real("target_accuracy", 0.0, 1.0, settings.target_accuracy,
                                             "validation accuracy at which the run is solved");
  settings.reference.size = parameters.whole("reference_size", 1, 100000, settings.reference.size,
                                             "training examples whose images fix virtual batch norm's statistics");
  settings.reference.seed = parameters.whole("reference_seed", 0, ~std::size_t{0}, settings.reference.seed,
                                             "seed of the draw of those examples");
  settings.selection = parameters.named("champion_selection", kChampionSelections, settings.selection,
                                        "the run's champion: the tested genome with the best validation accuracy, or "
                                        "the fittest on its own generation's batch");
  settings.test_every_generation = parameters.flag("test_every_generation", settings.test_every_generation,
                                                   "measure test accuracy every generation too, not only the run's "
                                                   "champion's at the end");
  return settings;
}

std::unique_ptr<Task> make_image_classification_task(std::string name, std::shared_ptr<const ImageSplits> data,
                                                     const ImageTaskSettings& settings) {
  return std::make_unique<ImageClassificationTask>(std::move(name), std::move(data), settings.batch_size,
                                                   settings.fitness, settings.target_accuracy, settings.reference,
                                                   settings.selection, settings.test_every_generation);
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
