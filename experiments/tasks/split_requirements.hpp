#pragma once
// What the splits of an image task must hold. They are checked when the task is made, so a
// dataset too small to split is refused with one line naming the file and the split sizes,
// instead of crashing the run or reporting an accuracy measured on nothing.
//
//   Every split holds at least 1 example. Training: each generation's batch is drawn from it
//   (with replacement, so a batch_size above its size is fine), and so is the reference batch
//   of virtual batch norm (all of training when it holds fewer than reference_size). An empty
//   validation or test split would report an accuracy of 0 and pick champions by it.
//   A pair task also needs in every split two examples of one class and examples of two
//   classes, or that split cannot give both same-class and different-class pairs.
//
// Not required: every class in training. A file holding only some classes is a smaller task,
// fair to run; a class absent from training only lowers the held-out accuracy. (The stratified
// split gives a class of 1 row to test alone, of 2 to 4 rows to training and test.)
#include <string>

#include "experiments/tasks/image_set.hpp"

namespace convneat {

// A dataset's splits and what a message about them needs.
struct DatasetSplits {
  ImageSplits splits;
  std::string file;    // as the user gave it: a file, or the folder of a dataset of several
  std::string unit;        // what one example is in that file, singular: "row", "image"
  std::string split_rule;  // how the splits are cut: "file_order gives the first 60% of the rows to training, ..."
  std::string smallest;    // the least that fills every split: "5 rows fill every split"
};

// "a training split of 0, validation 1, test 2"
std::string split_sizes(const ImageSplits& splits);

// Throw std::runtime_error with one line naming the file, its size and the split sizes, e.g.
// "tiny.csv: 3 rows give a training split of 1, validation 0, test 2; each split needs at least
// 1 row (SPLIT_RULE: SMALLEST)".
void require_filled_splits(const DatasetSplits& dataset);
void require_pairable_splits(const DatasetSplits& dataset, const std::string& task);

}  // namespace convneat
