#pragma once
// "Same or different class" on pairs of images (the digit_pairs and fashion_mnist_pairs
// tasks): each example is two images of a labelled set, label 1 when their classes agree and
// 0 when they differ, classified by two outputs like any image task (softmax, largest wins).
// Half of every split's pairs are "same" (even rows), half "different" (odd rows), so chance
// is 0.5 exactly on the held-out splits; pairs of a split use images of that split only.
//
// A pair is presented one of two ways (`pair_input`):
//   tied     — two images of C × H × W (ImageSet::copies = 2): a genome's front end is applied
//              to each with the same parameters, a siamese network;
//   channels — one image of 2C × H × W, the two stacked as channels: one front end sees both
//              at once, no tying.
// Either way a row holds image A's C·H·W values, then image B's: stacking CHW images as
// channels is that same layout, so the two presentations differ in shape only.
#include <cstddef>
#include <cstdint>

#include "experiments/tasks/image_set.hpp"
#include "genome/name_table.hpp"
#include "genome/random.hpp"

namespace convneat {

enum class PairInput { tied, channels };
inline constexpr auto kPairInputs = name_table<PairInput>({{PairInput::tied, "tied"}, {PairInput::channels, "channels"}});

struct PairSettings {
  std::size_t train_pairs = 10000;  // the pool each generation's batch is drawn from
  std::size_t validation_pairs = 1000;
  std::size_t test_pairs = 1000;
  std::uint64_t data_seed = 1;      // the pairs of split s come from (data_seed, s, Purpose::task_data)
  PairInput input = PairInput::tied;
};

// `count` pairs of `images` (one image per row, at least two classes with two images each),
// even rows the same class, odd rows different classes. Throws std::invalid_argument when the
// set cannot give both kinds.
ImageSet make_image_pairs(const ImageSet& images, std::size_t count, PairInput input, RandomStream& random);

// The pairs of every split of `images`.
ImageSplits make_pair_splits(const ImageSplits& images, const PairSettings& settings);

}  // namespace convneat
