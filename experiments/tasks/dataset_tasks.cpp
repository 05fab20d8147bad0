#include "experiments/tasks/dataset_tasks.hpp"

#include <functional>
#include <stdexcept>

#include "experiments/tasks/image_classification_task.hpp"
#include "experiments/tasks/image_datasets.hpp"
#include "experiments/tasks/image_pairs.hpp"
#include "experiments/tasks/split_requirements.hpp"
#include "experiments/tasks/stratified_split.hpp"
#include "experiments/tasks/task_parameters.hpp"
#include "neat/config_schema.hpp"

namespace convneat {
namespace {

// The digits file defines no split. "stratified" (the default) shuffles each class with
// `split_seed` and cuts it 60/20/20, as scikit-learn users split it; "file_order" takes the
// file's first 60% / next 20% / last 20%, a harder split whose last fifth is written by other
// hands than most training rows (docs/spatial.md gives logistic regression's accuracy on both).
std::function<DatasetSplits()> digits_loader(TaskParameters& parameters) {
  const bool file_order =
      parameters.choice("split", {"stratified", "file_order"}, "stratified",
                        "stratified: each class cut 60/20/20 after a shuffle by split_seed; file_order: the "
                        "file's first 60 %, next 20 %, last 20 % (a harder split)") == "file_order";
  const std::uint64_t split_seed =
      parameters.whole("split_seed", 0, ~std::size_t{0}, 0, "seed of the stratified split's shuffle");
  const std::filesystem::path file =
      parameters.text("path", kDigitsFile.string(), "the digits CSV (gzip-compressed or not), as scikit-learn ships it");
  return [=] {
    DatasetSplits dataset =
        file_order ? DatasetSplits{load_digits(file), file.string(), "row",
                                   "file_order gives the first 60% of the rows to training and the next 20% to "
                                   "validation, rounded down",
                                   "5 rows fill every split"}
                   : DatasetSplits{stratified_split(load_digits_set(file), 0.6, 0.2, split_seed), file.string(), "row",
                                   "the stratified split gives each class 60%, 20% and 20% of its rows, rounded down",
                                   "a class of 5 rows reaches every split"};
    dataset.splits.class_names = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    return dataset;
  };
}

std::function<DatasetSplits()> fashion_loader(TaskParameters& parameters) {
  const std::filesystem::path folder = parameters.text(
      "path", kFashionMnistFolder.string(), "the folder of the four Fashion-MNIST IDX files (gzip-compressed or not)");
  return [=] {
    return DatasetSplits{load_fashion_mnist(folder), folder.string(), "image",
                         "Fashion-MNIST keeps the last 10000 training images for validation and tests on the "
                         "t10k files",
                         "they need at least 1 image"};
  };
}

using DatasetLoader = std::function<DatasetSplits()> (*)(TaskParameters&);

// What a task needs of its dataset's splits (split_requirements.hpp).
enum class SplitNeed { examples, pairs };

// A dataset task reads its files when the task is made, so a missing package, or a file too
// small to fill every split, is reported as a config problem before anything runs.
ImageSplits load_dataset(const std::function<DatasetSplits()>& load, const std::string& source, const std::string& task,
                         SplitNeed need) {
  try {
    DatasetSplits dataset = load();
    require_filled_splits(dataset);
    if (need == SplitNeed::pairs) require_pairable_splits(dataset, task);
    return std::move(dataset.splits);
  } catch (const std::runtime_error& error) {
    throw ConfigError(source + ": /task: " + error.what());
  }
}

template <DatasetLoader loader>
TaskBuilder read_dataset_task(const char* name, TaskParameters& parameters) {
  const std::function<DatasetSplits()> load = loader(parameters);
  const ImageTaskSettings image = read_image_task_settings(parameters);
  return [name, load, image, source = parameters.source()] {
    auto data = std::make_shared<const ImageSplits>(load_dataset(load, source, name, SplitNeed::examples));
    return make_image_classification_task(name, std::move(data), image);
  };
}

// "Same or different class" on pairs of a dataset's images (image_pairs.hpp).
template <DatasetLoader loader>
TaskBuilder read_pair_task(const char* name, TaskParameters& parameters) {
  PairSettings settings;
  settings.input = parameters.named("pair_input", kPairInputs, settings.input,
                                    "tied: two images through one front end (siamese); channels: the two stacked as "
                                    "channels of one image");
  settings.train_pairs = parameters.whole("train_pairs", 2, 1000000, settings.train_pairs,
                                          "pairs of training images each generation's batch is drawn from");
  settings.validation_pairs =
      parameters.whole("validation_pairs", 2, 1000000, settings.validation_pairs, "pairs of validation images");
  settings.test_pairs = parameters.whole("test_pairs", 2, 1000000, settings.test_pairs, "pairs of test images");
  settings.data_seed = parameters.whole("data_seed", 0, ~std::size_t{0}, settings.data_seed,
                                        "seed of the pairing (half same class, half different)");
  const std::function<DatasetSplits()> load = loader(parameters);
  const ImageTaskSettings image = read_image_task_settings(parameters);
  return [name, load, settings, image, source = parameters.source()] {
    const ImageSplits images = load_dataset(load, source, name, SplitNeed::pairs);
    auto data = std::make_shared<const ImageSplits>(make_pair_splits(images, settings));
    return make_image_classification_task(name, std::move(data), image);
  };
}

}  // namespace

TaskBuilder read_digits_task(TaskParameters& parameters) {
  return read_dataset_task<digits_loader>("digits", parameters);
}
TaskBuilder read_fashion_task(TaskParameters& parameters) {
  return read_dataset_task<fashion_loader>("fashion_mnist", parameters);
}
TaskBuilder read_digit_pairs_task(TaskParameters& parameters) {
  return read_pair_task<digits_loader>("digit_pairs", parameters);
}
TaskBuilder read_fashion_pairs_task(TaskParameters& parameters) {
  return read_pair_task<fashion_loader>("fashion_mnist_pairs", parameters);
}

}  // namespace convneat
