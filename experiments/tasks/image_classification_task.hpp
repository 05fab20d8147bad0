#pragma once
// Genomes classify images: the network's outputs are class scores (softmax over them gives
// probabilities; the largest is the prediction).
//
// Each generation draws one mini-batch of training images (with replacement, from the
// run's seed and the generation alone), so every genome of a generation sees the same batch
// and a run stays reproducible; it is drawn once and shared (generation_batch.hpp). Fitness
// on that batch is the accuracy, the mean probability given to the correct class, or
// exp(−cross-entropy) (ImageFitness): all non-negative, as NEAT's fitness sharing wants.
//
// The champion test (one genome per generation) measures validation accuracy on the whole
// held-out split, in parallel over the evaluator's threads; a run is solved when it reaches
// the target. With ChampionSelection::validation the run's champion is the tested genome with
// the best validation accuracy (fitness on different generations' batches is not comparable).
// Test accuracy is only reported, never used to decide anything, so it is measured once, on
// the run's champion when the run ends (ChampionTestScope::final), and each generation only
// when the task is asked to (test_every_generation).
//
// An example may hold several images (ImageSet::copies, e.g. a pair): the task then says so
// (images_per_example) and a genome's front end is applied to each. Before a network scores
// anything it is prepared: a front end with virtual batch norm gets its statistics from the
// reference batch, training examples chosen once when the task is made (reference_batch.hpp).
//
// Gradient training (/training/mode) minimises the softmax cross-entropy of the class scores
// on mini-batches of the training split, the loss whose exp(−·) is the cross_entropy fitness.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "experiments/tasks/generation_batch.hpp"
#include "experiments/tasks/image_set.hpp"
#include "experiments/tasks/task_parameters.hpp"
#include "genome/name_table.hpp"
#include "neat/task.hpp"

namespace convneat {

// What a genome's fitness is on its training batch: the fraction classified correctly, the
// mean softmax probability of the true class, or exp(−cross-entropy), the geometric mean of that
// probability — the likelihood a gradient-trained classifier maximises, kept positive and
// higher-is-better for fitness sharing.
enum class ImageFitness { accuracy, correct_probability, cross_entropy };
inline constexpr auto kImageFitnesses = name_table<ImageFitness>({{ImageFitness::accuracy, "accuracy"},
                                                                   {ImageFitness::correct_probability, "correct_probability"},
                                                                   {ImageFitness::cross_entropy, "cross_entropy"}});

// Which genome a run keeps as its champion: the tested genome with the best validation
// accuracy, or (as NEAT does for fixed fitness functions) the one with the best fitness on its
// own generation's training batch.
enum class ChampionSelection { validation, training_fitness };
inline constexpr auto kChampionSelections = name_table<ChampionSelection>(
    {{ChampionSelection::validation, "validation"}, {ChampionSelection::training_fitness, "training_fitness"}});

// Bytes of first-layer outputs a generation's shared first layers may hold at once, waiting
// for their genomes to be scored (ImageClassificationTask::share_generation_work); beyond
// them, front ends compute their own. Fashion-MNIST's default run holds 30 MB.
inline constexpr std::size_t kSharedFirstLayerBytes = std::size_t{512} << 20;

// Training examples whose predicted classes are a genome's behaviour, when novelty search asks:
// enough to tell classifiers apart, few beside a generation's batch.
inline constexpr std::size_t kBehaviourProbeExamples = 100;

// The training examples whose images fix virtual batch norm statistics.
struct ReferenceSettings {
  std::size_t size = 64;       // examples (each with all its images)
  std::uint64_t seed = 0;      // drawn with Purpose::reference_batch from this seed alone
};

struct ImageScores {
  double accuracy = 0.0;
  double correct_probability = 0.0;  // mean softmax probability of the true class
  double cross_entropy = 0.0;        // mean −ln(softmax probability of the true class), nats
};

// Accuracy, mean true-class probability and cross-entropy of a network on a whole set (in
// chunks of kScoringChunk examples), and the same on a generation's training batch.
ImageScores score_images(Network& network, const ImageSet& set, const EvaluationDeadline& deadline = {});
ImageScores score_batch(Network& network, const TrainingBatch& batch, const EvaluationDeadline& deadline = {});

// Accuracy of a genome on a whole held-out set, the chunks score_images cuts scored in
// parallel (oneTBB) by one network per thread, each compiled and prepared with the reference
// examples. A feed-forward chunk's outputs do not depend on the thread that scores it and
// correct answers add up exactly, so any thread count gives score_images' accuracy, bit for
// bit. A network that keeps state (a recurrent graph) scores every chunk itself, in order, as
// score_images does.
double held_out_accuracy(const CompileNetwork& compile, const ImageRows& reference, const ImageSet& set);

class ImageClassificationTask final : public Task, private TrainingObjective {
 public:
  ImageClassificationTask(std::string name, std::shared_ptr<const ImageSplits> data, std::size_t batch_size,
                          ImageFitness fitness, double target_accuracy, ReferenceSettings reference = {},
                          ChampionSelection selection = ChampionSelection::validation,
                          bool test_every_generation = false);

  std::string name() const override { return name_; }
  std::size_t input_count() const override { return data_->train.copies * data_->train.shape.size(); }
  std::size_t output_count() const override { return data_->train.classes; }
  std::vector<std::string> output_names() const override { return data_->class_names; }
  std::optional<ImageShape> image_shape() const override { return data_->train.shape; }
  std::size_t images_per_example() const override { return data_->train.copies; }
  TaskResult evaluate(Network& network, EvaluationContext& context) const override;
  // The first layer of front ends alike in it, one product per group for the generation's
  // training batch (nets/population_first_layer.hpp), groups in parallel, as many groups as
  // kSharedFirstLayerBytes of outputs waiting for their genomes allow. Tied copies (pairs) are
  // restacked per call, so their images are never the batch's own: such tasks share nothing.
  void share_generation_work(std::span<Network* const> networks, std::uint64_t seed,
                             std::size_t generation) const override;
  bool shares_generation_work() const override { return data_->train.copies == 1; }
  std::string fitness_meaning() const override;
  bool has_champion_test() const override { return true; }
  ChampionTestResult test_champion(const CompileNetwork& compile, ChampionTestScope scope) const override;
  const TrainingObjective* training_objective() const override { return this; }
  // Behaviour (novelty search): the class predicted for each image of a probe set of
  // kBehaviourProbeExamples training examples fixed for the run; compared by mismatch.
  std::optional<BehaviourMetric> behaviour_metric() const override { return BehaviourMetric::mismatch; }

  const ImageSplits& data() const { return *data_; }
  const ImageRows& reference_examples() const { return reference_; }

 private:
  std::size_t example_count() const override { return data_->train.size(); }
  Eigen::MatrixXd inputs(std::span<const std::size_t> examples) const override;
  std::optional<ExampleImages> example_images() const override {
    return ExampleImages{data_->train.shape, data_->train.copies};
  }
  LossValue loss(const Eigen::MatrixXd& outputs, std::span<const std::size_t> examples) const override;
  void prepare(Network& network) const override;

  double fitness_from(const ImageScores& scores) const;
  std::string name_;
  std::shared_ptr<const ImageSplits> data_;
  GenerationBatch batches_;
  ImageFitness fitness_;
  double target_accuracy_;
  ImageRows reference_;
  Eigen::MatrixXf probe_;  // the images whose predicted classes describe a genome's behaviour
  ChampionSelection selection_;
  bool test_every_generation_;
};

// The parameters every image-classification task shares.
struct ImageTaskSettings {
  std::size_t batch_size = 256;
  ImageFitness fitness = ImageFitness::accuracy;
  double target_accuracy = 1.0;
  ReferenceSettings reference;
  ChampionSelection selection = ChampionSelection::validation;
  bool test_every_generation = false;
};

// Reads them from a /task section (batch_size, fitness, target_accuracy, reference_size,
// reference_seed, champion_selection, test_every_generation).
ImageTaskSettings read_image_task_settings(TaskParameters& parameters);

// An image-classification task over `data`.
std::unique_ptr<Task> make_image_classification_task(std::string name, std::shared_ptr<const ImageSplits> data,
                                                     const ImageTaskSettings& settings);

}  // namespace convneat
