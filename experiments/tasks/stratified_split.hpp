#pragma once
// A seeded, stratified train / validation / test split for a dataset that defines none (the
// 8×8 digits): every class is shuffled on its own and cut at the same fractions, so each
// split holds the classes in the dataset's proportions. The shuffle is Fisher–Yates on a
// RandomStream (Boost.Random), so the split is the same on every standard library.
#include <cstdint>

#include "experiments/tasks/image_set.hpp"

namespace convneat {

// Class c with n_c rows gives floor(n_c · train_fraction) rows to train, floor(n_c ·
// validation_fraction) to validation and the rest to test. Within a split, rows keep the
// order of the shuffled classes taken in turn (class 0, then 1, ...).
ImageSplits stratified_split(const ImageSet& set, double train_fraction, double validation_fraction,
                             std::uint64_t seed);

}  // namespace convneat
