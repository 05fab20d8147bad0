#include "experiments/tasks/image_pairs.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace convneat {
namespace {

// Row indices of each class's images.
std::vector<std::vector<std::size_t>> rows_by_class(const ImageSet& images) {
  std::vector<std::vector<std::size_t>> rows(images.classes);
  for (std::size_t row = 0; row < images.size(); ++row) rows.at(images.labels[row]).push_back(row);
  return rows;
}

// Classes with at least `least` images.
std::vector<std::size_t> classes_with(const std::vector<std::vector<std::size_t>>& rows, std::size_t least) {
  std::vector<std::size_t> classes;
  for (std::size_t c = 0; c < rows.size(); ++c)
    if (rows[c].size() >= least) classes.push_back(c);
  return classes;
}

struct PairRows {
  std::size_t first, second;
};

// Two different images of one class.
PairRows same_pair(const std::vector<std::vector<std::size_t>>& rows, const std::vector<std::size_t>& pairable,
                   RandomStream& random) {
  const std::vector<std::size_t>& members = rows[pairable[random.index(pairable.size())]];
  const std::size_t a = random.index(members.size());
  const std::size_t b = (a + 1 + random.index(members.size() - 1)) % members.size();  // any other member
  return {members[a], members[b]};
}

// Images of two different classes.
PairRows different_pair(const std::vector<std::vector<std::size_t>>& rows, const std::vector<std::size_t>& present,
                        RandomStream& random) {
  const std::size_t a = random.index(present.size());
  const std::size_t b = (a + 1 + random.index(present.size() - 1)) % present.size();  // any other class
  const std::vector<std::size_t>& first = rows[present[a]];
  const std::vector<std::size_t>& second = rows[present[b]];
  return {first[random.index(first.size())], second[random.index(second.size())]};
}

}  // namespace

ImageSet make_image_pairs(const ImageSet& images, std::size_t count, PairInput input, RandomStream& random) {
  if (images.copies != 1) throw std::invalid_argument("pairs are made of single images");
  const auto rows = rows_by_class(images);
  const std::vector<std::size_t> pairable = classes_with(rows, 2), present = classes_with(rows, 1);
  if (pairable.empty() || present.size() < 2)
    throw std::invalid_argument("a set of " + std::to_string(images.size()) +
                                " images cannot give both same-class and different-class pairs");
  ImageSet pairs;
  pairs.shape = images.shape;
  pairs.copies = 2;
  if (input == PairInput::channels) {  // A's channels, then B's: one image of 2C channels
    pairs.shape.channels *= 2;
    pairs.copies = 1;
  }
  pairs.classes = 2;
  const auto size = static_cast<Eigen::Index>(images.shape.size());
  pairs.images.resize(static_cast<Eigen::Index>(count), 2 * size);
  pairs.labels.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    const bool same = i % 2 == 0;
    const PairRows pair = same ? same_pair(rows, pairable, random) : different_pair(rows, present, random);
    const auto row = static_cast<Eigen::Index>(i);
    pairs.images.row(row).head(size) = images.images.row(static_cast<Eigen::Index>(pair.first));
    pairs.images.row(row).tail(size) = images.images.row(static_cast<Eigen::Index>(pair.second));
    pairs.labels[i] = same ? 1 : 0;
  }
  return pairs;
}

ImageSplits make_pair_splits(const ImageSplits& images, const PairSettings& settings) {
  const auto split = [&](const ImageSet& set, std::size_t count, std::uint64_t key) {
    RandomStream random(settings.data_seed, 0, key, Purpose::task_data);
    return make_image_pairs(set, count, settings.input, random);
  };
  return {split(images.train, settings.train_pairs, 0), split(images.validation, settings.validation_pairs, 1),
          split(images.test, settings.test_pairs, 2), {"different classes", "same class"}};  // labels 0 and 1
}

}  // namespace convneat
