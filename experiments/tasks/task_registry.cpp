#include "experiments/tasks/task_registry.hpp"

#include "experiments/tasks/aligned_parts.hpp"
#include "experiments/tasks/image_classification_task.hpp"
#include "experiments/tasks/image_datasets.hpp"
#include "experiments/tasks/pole_balancing_task.hpp"
#include "experiments/tasks/stratified_split.hpp"
#include "experiments/tasks/task_parameters.hpp"
#include "experiments/tasks/xor_task.hpp"
#include "neat/config_schema.hpp"

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
  const ImageFitness fitness = parameters.choice("fitness", {"accuracy", "correct_probability"}, "accuracy") ==
                                       "accuracy"
                                   ? ImageFitness::accuracy
                                   : ImageFitness::correct_probability;
  const double target = parameters.real("target_accuracy", 0.0, 1.0, 1.0);
  parameters.finish();
  return std::make_unique<ImageClassificationTask>(name, std::move(data), batch, fitness, target);
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

// A dataset task reads its files when the task is made, so a missing package is reported
// as a config problem before anything runs.
template <class Load>
std::shared_ptr<const ImageSplits> load_dataset(TaskParameters& parameters, const std::string& source, Load load) {
  try {
    return std::make_shared<const ImageSplits>(load(parameters.has("path") ? parameters.text("path") : std::string()));
  } catch (const std::runtime_error& error) {
    throw ConfigError(source + ": /task: " + error.what());
  }
}

// The digits file defines no split. "stratified" (the default) shuffles each class with
// `data_seed` and cuts it 60/20/20, as scikit-learn users split it; "file_order" takes the
// file's first 60% / next 20% / last 20%, a harder split whose test fifth comes from other
// writers than most of the training rows (docs/spatial.md gives logistic regression's
// accuracy on both).
std::unique_ptr<Task> make_digits_task(const nlohmann::json& section, const std::string& source) {
  TaskParameters parameters(section, source);
  const bool file_order = parameters.choice("split", {"stratified", "file_order"}, "stratified") == "file_order";
  const std::uint64_t data_seed = parameters.whole("data_seed", 0, ~std::size_t{0}, 0);
  auto data = load_dataset(parameters, source, [&](const std::string& path) {
    const std::filesystem::path file = path.empty() ? kDigitsFile : std::filesystem::path(path);
    return file_order ? load_digits(file) : stratified_split(load_digits_set(file), 0.6, 0.2, data_seed);
  });
  return make_image_task("digits", std::move(data), parameters);
}

std::unique_ptr<Task> make_fashion_task(const nlohmann::json& section, const std::string& source) {
  TaskParameters parameters(section, source);
  auto data = load_dataset(parameters, source, [](const std::string& path) {
    return load_fashion_mnist(path.empty() ? kFashionMnistFolder : std::filesystem::path(path));
  });
  return make_image_task("fashion_mnist", std::move(data), parameters);
}

const std::pair<std::string_view, std::unique_ptr<Task> (*)(const nlohmann::json&, const std::string&)> kTasks[] = {
    {"xor", make<XorTask>},
    {"single_pole", make<SinglePoleTask>},
    {"double_pole", make<DoublePoleTask>},
    {"double_pole_no_velocity", make<DoublePoleNoVelocityTask>},
    {"aligned_parts", make_aligned_parts_task},
    {"digits", make_digits_task},
    {"fashion_mnist", make_fashion_task},
};

}  // namespace

std::vector<std::string> task_names() {
  std::vector<std::string> names;
  for (const auto& [name, make] : kTasks) names.emplace_back(name);
  return names;
}

std::unique_ptr<Task> make_task(const nlohmann::json& section, const std::string& source) {
  if (!section.is_object() || !section.contains("name") || !section["name"].is_string())
    throw ConfigError(source + ": /task: expected an object with a \"name\" string, got " + section.dump());
  const std::string name = section["name"].get<std::string>();
  for (const auto& [known, make] : kTasks)
    if (known == name) return make(section, source);
  std::string known;
  for (const std::string& task : task_names()) known += (known.empty() ? "\"" : ", \"") + task + "\"";
  throw ConfigError(source + ": /task/name: expected one of " + known + ", got \"" + name + "\"");
}

}  // namespace convneat
