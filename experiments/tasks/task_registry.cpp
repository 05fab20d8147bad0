#include "experiments/tasks/task_registry.hpp"

#include "experiments/tasks/aligned_parts.hpp"
#include "experiments/tasks/image_classification_task.hpp"
#include "experiments/tasks/image_datasets.hpp"
#include "experiments/tasks/image_pairs.hpp"
#include "experiments/tasks/pole_balancing_task.hpp"
#include "experiments/tasks/split_requirements.hpp"
#include "experiments/tasks/stratified_split.hpp"
#include "experiments/tasks/task_parameters.hpp"
#include "experiments/tasks/xor_task.hpp"
#include "genome/message_excerpt.hpp"
#include "neat/config_schema.hpp"

#include <functional>
#include <string_view>
#include <utility>

namespace convneat {
namespace {

template <class T>
std::unique_ptr<Task> make(const nlohmann::json& section, const std::string& source) {
  TaskParameters(section, source).finish();  // these tasks take no parameters
  return std::make_unique<T>();
}

// Parameters every image-classification task shares; reads them and builds the task.
std::unique_ptr<Task> make_image_task(const std::string& name, std::shared_ptr<const ImageSplits> data,
                                      TaskParameters& parameters) {
  const std::size_t batch = parameters.whole("batch_size", 1, 1000000, 256);
  const std::string fitness_name =
      parameters.choice("fitness", {"accuracy", "correct_probability", "cross_entropy"}, "accuracy");
  const ImageFitness fitness = fitness_name == "accuracy"              ? ImageFitness::accuracy
                               : fitness_name == "correct_probability" ? ImageFitness::correct_probability
                                                                       : ImageFitness::cross_entropy;
  const double target = parameters.real("target_accuracy", 0.0, 1.0, 1.0);
  ReferenceSettings reference;
  reference.size = parameters.whole("reference_size", 1, 100000, reference.size);
  reference.seed = parameters.whole("reference_seed", 0, ~std::size_t{0}, reference.seed);
  const ChampionSelection selection =
      parameters.choice("champion_selection", {"validation", "training_fitness"}, "validation") == "validation"
          ? ChampionSelection::validation
          : ChampionSelection::training_fitness;
  parameters.finish();
  return std::make_unique<ImageClassificationTask>(name, std::move(data), batch, fitness, target, reference, selection);
}

std::unique_ptr<Task> make_aligned_parts_task(const nlohmann::json& section, const std::string& source) {
  TaskParameters parameters(section, source);
  AlignedPartsSettings settings;
  settings.size = parameters.whole("size", 12, 256, settings.size);
  settings.jitter = parameters.whole("jitter", 0, 2, settings.jitter);
  settings.noise = parameters.real("noise", 0.0, 10.0, settings.noise);
  settings.train = parameters.whole("train", 1, 1000000, settings.train);
  settings.validation = parameters.whole("validation", 1, 1000000, settings.validation);
  settings.test = parameters.whole("test", 1, 1000000, settings.test);
  settings.data_seed = parameters.whole("data_seed", 0, ~std::size_t{0}, settings.data_seed);
  auto data = std::make_shared<const ImageSplits>(make_aligned_parts(settings));
  return make_image_task("aligned_parts", std::move(data), parameters);
}

// The digits file defines no split. "stratified" (the default) shuffles each class with
// `split_seed` and cuts it 60/20/20, as scikit-learn users split it; "file_order" takes the
// file's first 60% / next 20% / last 20%, a harder split whose last fifth is written by other
// hands than most training rows (docs/spatial.md gives logistic regression's accuracy on both).
std::function<DatasetSplits()> digits_loader(TaskParameters& parameters) {
  const bool file_order = parameters.choice("split", {"stratified", "file_order"}, "stratified") == "file_order";
  const std::uint64_t split_seed = parameters.whole("split_seed", 0, ~std::size_t{0}, 0);
  const std::filesystem::path file = parameters.has("path") ? std::filesystem::path(parameters.text("path")) : kDigitsFile;
  return [=] {
    if (file_order)
      return DatasetSplits{load_digits(file), file.string(), "row",
                           "file_order gives the first 60% of the rows to training and the next 20% to validation, "
                           "rounded down",
                           "5 rows fill every split"};
    return DatasetSplits{stratified_split(load_digits_set(file), 0.6, 0.2, split_seed), file.string(), "row",
                         "the stratified split gives each class 60%, 20% and 20% of its rows, rounded down",
                         "a class of 5 rows reaches every split"};
  };
}

std::function<DatasetSplits()> fashion_loader(TaskParameters& parameters) {
  const std::filesystem::path folder =
      parameters.has("path") ? std::filesystem::path(parameters.text("path")) : kFashionMnistFolder;
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
ImageSplits load_dataset(TaskParameters& parameters, const std::string& source, DatasetLoader loader,
                         const std::string& task, SplitNeed need) {
  const std::function<DatasetSplits()> load = loader(parameters);  // reads the keys: their errors name them
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
std::unique_ptr<Task> make_dataset_task(const char* name, const nlohmann::json& section, const std::string& source) {
  TaskParameters parameters(section, source);
  auto data = std::make_shared<const ImageSplits>(load_dataset(parameters, source, loader, name, SplitNeed::examples));
  return make_image_task(name, std::move(data), parameters);
}

// "Same or different class" on pairs of a dataset's images (image_pairs.hpp).
template <DatasetLoader loader>
std::unique_ptr<Task> make_pair_task(const char* name, const nlohmann::json& section, const std::string& source) {
  TaskParameters parameters(section, source);
  PairSettings settings;
  settings.input = parameters.choice("pair_input", {"tied", "channels"}, "tied") == "tied" ? PairInput::tied
                                                                                             : PairInput::channels;
  settings.train_pairs = parameters.whole("train_pairs", 2, 1000000, settings.train_pairs);
  settings.validation_pairs = parameters.whole("validation_pairs", 2, 1000000, settings.validation_pairs);
  settings.test_pairs = parameters.whole("test_pairs", 2, 1000000, settings.test_pairs);
  settings.data_seed = parameters.whole("data_seed", 0, ~std::size_t{0}, settings.data_seed);
  const ImageSplits images = load_dataset(parameters, source, loader, name, SplitNeed::pairs);
  auto data = std::make_shared<const ImageSplits>(make_pair_splits(images, settings));
  return make_image_task(name, std::move(data), parameters);
}

std::unique_ptr<Task> make_digits_task(const nlohmann::json& section, const std::string& source) {
  return make_dataset_task<digits_loader>("digits", section, source);
}
std::unique_ptr<Task> make_fashion_task(const nlohmann::json& section, const std::string& source) {
  return make_dataset_task<fashion_loader>("fashion_mnist", section, source);
}
std::unique_ptr<Task> make_digit_pairs_task(const nlohmann::json& section, const std::string& source) {
  return make_pair_task<digits_loader>("digit_pairs", section, source);
}
std::unique_ptr<Task> make_fashion_pairs_task(const nlohmann::json& section, const std::string& source) {
  return make_pair_task<fashion_loader>("fashion_mnist_pairs", section, source);
}

const std::pair<std::string_view, std::unique_ptr<Task> (*)(const nlohmann::json&, const std::string&)> kTasks[] = {
    {"xor", make<XorTask>},
    {"single_pole", make<SinglePoleTask>},
    {"double_pole", make<DoublePoleTask>},
    {"double_pole_no_velocity", make<DoublePoleNoVelocityTask>},
    {"aligned_parts", make_aligned_parts_task},
    {"digits", make_digits_task},
    {"fashion_mnist", make_fashion_task},
    {"digit_pairs", make_digit_pairs_task},
    {"fashion_mnist_pairs", make_fashion_pairs_task},
};

}  // namespace

std::vector<std::string> task_names() {
  std::vector<std::string> names;
  for (const auto& [name, make] : kTasks) names.emplace_back(name);
  return names;
}

std::unique_ptr<Task> make_task(const nlohmann::json& section, const std::string& source) {
  if (!section.is_object() || !section.contains("name") || !section["name"].is_string())
    throw ConfigError(source + ": /task: expected an object with a \"name\" string, got " + excerpt(section.dump()));
  const std::string name = section["name"].get<std::string>();
  for (const auto& [known, make] : kTasks)
    if (known == name) return make(section, source);
  std::string known;
  for (const std::string& task : task_names()) known += (known.empty() ? "\"" : ", \"") + task + "\"";
  throw ConfigError(source + ": /task/name: expected one of " + known + ", got " + excerpt(section["name"].dump()));
}

}  // namespace convneat
