#pragma once
// A generated image task whose answer depends on WHERE a pattern appears, the way an aligned
// face's parts do: a layer that may use different kernels in different places (`local`,
// `centroid`) has something to gain over one kernel everywhere (`shared`).
//
// Each image is 1 × size × size (size ≥ 12) with three part regions at fixed places, like
// two eyes and a mouth: centres at (0.3, 0.3), (0.3, 0.7) and (0.72, 0.5) of the height and
// width. Each part is a 3 × 3 stroke of one of four orientations (|, —, \, /) with value 1,
// its centre jittered uniformly by up to `jitter` cells in each direction; every cell then
// gets Gaussian noise of stdev `noise`. Each region has its own target orientation: | for
// the left eye, — for the right eye, \ for the mouth. A part shows its target with
// probability 1/2, else one of the three other strokes. The label is 1 when at least two of
// the three parts show their targets (so the classes are balanced), else 0.
//
// The same stroke thus means "target" in one region and "not target" in another: a shared
// layer needs a channel per target orientation and a graph that ties each channel to its
// region, while a local or centroid layer can give each region its own detector.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "experiments/tasks/image_set.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "neat/task.hpp"

namespace convneat {

struct AlignedPartsSettings {
  std::size_t size = 16;
  std::size_t jitter = 1;
  double noise = 0.3;
  std::size_t train = 2000, validation = 500, test = 2000;
  std::uint64_t data_seed = 1;  // the images are a pure function of these settings
};

ImageSplits make_aligned_parts(const AlignedPartsSettings& settings);

// The aligned_parts task (task_registry.hpp): its image settings (size, jitter, noise, train,
// validation, test, data_seed) and the image-classification parameters.
TaskBuilder read_aligned_parts_task(TaskParameters& parameters);

}  // namespace convneat
