#include "experiments/tasks/split_requirements.hpp"

#include <stdexcept>
#include <vector>

namespace convneat {
namespace {

// "tiny.csv: 3 rows give a training split of 0, validation 1, test 2"
std::string sizes_sentence(const DatasetSplits& dataset) {
  const ImageSplits& s = dataset.splits;
  const std::size_t total = s.train.size() + s.validation.size() + s.test.size();
  return dataset.file + ": " + std::to_string(total) + " " + dataset.unit + (total == 1 ? "" : "s") + " give" +
         (total == 1 ? "s " : " ") + split_sizes(s);
}

// Why `set` cannot give both kinds of pair (image_pairs.hpp), or "" when it can.
std::string pairing_problem(const ImageSet& set, const std::string& unit) {
  std::vector<std::size_t> per_class(set.classes, 0);
  for (const std::uint16_t label : set.labels) ++per_class.at(label);
  std::size_t present = 0, pairable = 0;
  for (const std::size_t count : per_class) {
    present += count >= 1 ? 1 : 0;
    pairable += count >= 2 ? 1 : 0;
  }
  if (present < 2) return present == 0 ? "holds no " + unit : "holds one class only";
  if (pairable == 0) return "holds no two " + unit + "s of one class";
  return "";
}

}  // namespace

std::string split_sizes(const ImageSplits& splits) {
  return "a training split of " + std::to_string(splits.train.size()) + ", validation " +
         std::to_string(splits.validation.size()) + ", test " + std::to_string(splits.test.size());
}

void require_filled_splits(const DatasetSplits& dataset) {
  const ImageSplits& s = dataset.splits;
  if (s.train.size() > 0 && s.validation.size() > 0 && s.test.size() > 0) return;
  throw std::runtime_error(sizes_sentence(dataset) + "; each split needs at least 1 " + dataset.unit + " (" +
                           dataset.split_rule + ": " + dataset.smallest + ")");
}

void require_pairable_splits(const DatasetSplits& dataset, const std::string& task) {
  const std::pair<const char*, const ImageSet*> splits[] = {
      {"training", &dataset.splits.train}, {"validation", &dataset.splits.validation}, {"test", &dataset.splits.test}};
  for (const auto& [name, set] : splits) {
    const std::string problem = pairing_problem(*set, dataset.unit);
    if (problem.empty()) continue;
    throw std::runtime_error(sizes_sentence(dataset) + "; " + task + " needs in each split two " + dataset.unit +
                             "s of one class and " + dataset.unit + "s of two classes, and the " + name +
                             " split " + problem + " (" + dataset.split_rule + "; give more " + dataset.unit +
                             "s of each class)");
  }
}

}  // namespace convneat
