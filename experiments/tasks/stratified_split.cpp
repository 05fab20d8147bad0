#include "experiments/tasks/stratified_split.hpp"

#include <stdexcept>
#include <utility>
#include <vector>

#include "genome/random.hpp"

namespace convneat {
namespace {

ImageSet rows_of(const ImageSet& set, const std::vector<std::size_t>& rows) {
  ImageSet piece;
  piece.shape = set.shape;
  piece.classes = set.classes;
  piece.images.resize(static_cast<Eigen::Index>(rows.size()), set.images.cols());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    piece.images.row(static_cast<Eigen::Index>(i)) = set.images.row(static_cast<Eigen::Index>(rows[i]));
    piece.labels.push_back(set.labels[rows[i]]);
  }
  return piece;
}

// Fisher–Yates with Boost.Random draws (std::shuffle's draws differ between libraries).
void shuffle(std::vector<std::size_t>& rows, RandomStream& random) {
  for (std::size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[random.index(i)]);
}

}  // namespace

ImageSplits stratified_split(const ImageSet& set, double train_fraction, double validation_fraction,
                             std::uint64_t seed) {
  if (train_fraction < 0 || validation_fraction < 0 || train_fraction + validation_fraction > 1)
    throw std::invalid_argument("stratified_split: fractions must be non-negative and sum to at most 1");
  std::vector<std::vector<std::size_t>> rows_by_class(set.classes);
  for (std::size_t row = 0; row < set.size(); ++row) rows_by_class.at(set.labels[row]).push_back(row);
  RandomStream random(seed, 0, 0, Purpose::task_data);
  std::vector<std::size_t> train, validation, test;
  for (std::vector<std::size_t>& rows : rows_by_class) {
    shuffle(rows, random);
    const auto train_count = static_cast<std::size_t>(static_cast<double>(rows.size()) * train_fraction);
    const auto validation_count = static_cast<std::size_t>(static_cast<double>(rows.size()) * validation_fraction);
    train.insert(train.end(), rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(train_count));
    validation.insert(validation.end(), rows.begin() + static_cast<std::ptrdiff_t>(train_count),
                      rows.begin() + static_cast<std::ptrdiff_t>(train_count + validation_count));
    test.insert(test.end(), rows.begin() + static_cast<std::ptrdiff_t>(train_count + validation_count), rows.end());
  }
  return {rows_of(set, train), rows_of(set, validation), rows_of(set, test), {}};
}

}  // namespace convneat
