// What the splits of an image task must hold (experiments/tasks/split_requirements.hpp): at
// least one example each, and for a pair task two examples of one class and two classes.
#include <catch2/catch.hpp>

#include <functional>
#include <stdexcept>

#include "experiments/tasks/split_requirements.hpp"

using namespace convneat;

namespace {

// A set of 1 × 1 images with these labels, of 10 classes.
ImageSet labelled(std::vector<std::uint16_t> labels) {
  ImageSet set;
  set.shape = {1, 1, 1};
  set.classes = 10;
  set.images = ImageRows::Zero(static_cast<Eigen::Index>(labels.size()), 1);
  set.labels = std::move(labels);
  return set;
}

DatasetSplits dataset(std::vector<std::uint16_t> train, std::vector<std::uint16_t> validation,
                      std::vector<std::uint16_t> test) {
  return {{labelled(std::move(train)), labelled(std::move(validation)), labelled(std::move(test)), {}},
          "data/tiny.csv",
          "row",
          "the split rule",
          "5 rows fill every split"};
}

std::string refusal(const std::function<void()>& check) {
  try {
    check();
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("splits of at least one row each are accepted, whatever classes they hold", "[datasets]") {
  CHECK(refusal([] { require_filled_splits(dataset({3}, {3}, {7})); }) == "accepted");
  CHECK(refusal([] { require_filled_splits(dataset({0, 1, 2}, {5}, {9, 9})); }) == "accepted");
}

TEST_CASE("an empty split is refused naming the file, its rows and every split's size", "[datasets]") {
  CHECK(refusal([] { require_filled_splits(dataset({}, {1}, {2, 3})); }) ==
        "data/tiny.csv: 3 rows give a training split of 0, validation 1, test 2; each split needs at least 1 row "
        "(the split rule: 5 rows fill every split)");
  CHECK(refusal([] { require_filled_splits(dataset({1}, {}, {2})); }) ==
        "data/tiny.csv: 2 rows give a training split of 1, validation 0, test 1; each split needs at least 1 row "
        "(the split rule: 5 rows fill every split)");
  CHECK(refusal([] { require_filled_splits(dataset({}, {}, {2})); }) ==
        "data/tiny.csv: 1 row gives a training split of 0, validation 0, test 1; each split needs at least 1 row "
        "(the split rule: 5 rows fill every split)");
  CHECK(refusal([] { require_filled_splits(dataset({}, {}, {})); }) ==
        "data/tiny.csv: 0 rows give a training split of 0, validation 0, test 0; each split needs at least 1 row "
        "(the split rule: 5 rows fill every split)");
}

TEST_CASE("pair splits need two rows of one class and rows of two classes, and a refusal names the first split without",
          "[datasets][pairs]") {
  CHECK(refusal([] { require_pairable_splits(dataset({1, 1, 2}, {4, 4, 0}, {3, 5, 5}), "digit_pairs"); }) ==
        "accepted");
  const std::string needs =
      "data/tiny.csv: 7 rows give a training split of 3, validation 2, test 2; digit_pairs needs in each split two "
      "rows of one class and rows of two classes, and the ";
  CHECK(refusal([] { require_pairable_splits(dataset({1, 1, 2}, {4, 0}, {3, 3}), "digit_pairs"); }) ==
        needs + "validation split holds no two rows of one class (the split rule; give more rows of each class)");
  CHECK(refusal([] { require_pairable_splits(dataset({1, 1, 2}, {4, 4}, {3, 3}), "digit_pairs"); }) ==
        needs + "validation split holds one class only (the split rule; give more rows of each class)");
  CHECK(refusal([] { require_pairable_splits(dataset({1, 2, 3}, {4, 4}, {3, 3}), "digit_pairs"); }) ==
        needs + "training split holds no two rows of one class (the split rule; give more rows of each class)");
}
