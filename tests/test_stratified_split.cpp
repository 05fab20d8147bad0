// The seeded stratified split of a dataset that defines none (the 8×8 digits).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "experiments/tasks/stratified_split.hpp"

using namespace convneat;

namespace {

// 3 classes of 10, 20 and 7 rows; each row's single pixel is its row number, so rows can be
// traced through the split.
ImageSet numbered_set() {
  ImageSet set;
  set.shape = {1, 1, 1};
  set.classes = 3;
  const std::size_t counts[] = {10, 20, 7};
  for (std::uint16_t label = 0; label < 3; ++label)
    for (std::size_t i = 0; i < counts[label]; ++i) set.labels.push_back(label);
  set.images.resize(static_cast<Eigen::Index>(set.labels.size()), 1);
  for (Eigen::Index row = 0; row < set.images.rows(); ++row) set.images(row, 0) = static_cast<float>(row);
  return set;
}

std::vector<int> row_numbers(const ImageSet& part) {
  std::vector<int> rows;
  for (Eigen::Index row = 0; row < part.images.rows(); ++row) rows.push_back(static_cast<int>(part.images(row, 0)));
  return rows;
}

std::map<std::uint16_t, std::size_t> class_counts(const ImageSet& part) {
  std::map<std::uint16_t, std::size_t> counts;
  for (std::uint16_t label : part.labels) ++counts[label];
  return counts;
}

}  // namespace

TEST_CASE("the stratified split cuts every class at the same fractions and loses no row", "[datasets]") {
  const ImageSet set = numbered_set();
  const ImageSplits splits = stratified_split(set, 0.6, 0.2, 5);
  // floor(n·0.6), floor(n·0.2), rest: 10 → 6/2/2, 20 → 12/4/4, 7 → 4/1/2.
  CHECK(class_counts(splits.train) == std::map<std::uint16_t, std::size_t>{{0, 6}, {1, 12}, {2, 4}});
  CHECK(class_counts(splits.validation) == std::map<std::uint16_t, std::size_t>{{0, 2}, {1, 4}, {2, 1}});
  CHECK(class_counts(splits.test) == std::map<std::uint16_t, std::size_t>{{0, 2}, {1, 4}, {2, 2}});
  std::multiset<int> every_row;
  for (const ImageSet* part : {&splits.train, &splits.validation, &splits.test}) {
    CHECK(part->shape == set.shape);
    CHECK(part->classes == 3);
    const std::vector<int> rows = row_numbers(*part);
    for (std::size_t i = 0; i < rows.size(); ++i) CHECK(set.labels[static_cast<std::size_t>(rows[i])] == part->labels[i]);
    every_row.insert(rows.begin(), rows.end());
  }
  CHECK(every_row.size() == set.size());
  CHECK(std::set<int>(every_row.begin(), every_row.end()).size() == set.size());
}

TEST_CASE("the stratified split is a function of its seed", "[datasets]") {
  const ImageSet set = numbered_set();
  CHECK(row_numbers(stratified_split(set, 0.6, 0.2, 5).train) == row_numbers(stratified_split(set, 0.6, 0.2, 5).train));
  CHECK(row_numbers(stratified_split(set, 0.6, 0.2, 5).train) != row_numbers(stratified_split(set, 0.6, 0.2, 6).train));
  // Shuffled: the training rows of class 1 are not simply its first twelve rows.
  const std::vector<int> train = row_numbers(stratified_split(set, 0.6, 0.2, 5).train);
  CHECK_FALSE(std::equal(train.begin() + 6, train.begin() + 18, std::vector<int>{10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21}.begin()));
  CHECK_THROWS_AS(stratified_split(set, 0.9, 0.2, 1), std::invalid_argument);
}
