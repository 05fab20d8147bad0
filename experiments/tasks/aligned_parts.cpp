#include "experiments/tasks/aligned_parts.hpp"

#include <array>

#include "experiments/tasks/image_classification_task.hpp"
#include "experiments/tasks/task_parameters.hpp"
#include "genome/random.hpp"

namespace convneat {
namespace {

enum Stroke { vertical, horizontal, diagonal, anti_diagonal };

constexpr std::array<std::array<double, 2>, 3> kPartCentres{{{0.3, 0.3}, {0.3, 0.7}, {0.72, 0.5}}};
constexpr std::array<Stroke, 3> kTargets{vertical, horizontal, diagonal};

// Cells (row, column offsets in −1..1) a stroke lights.
bool lit(Stroke stroke, int du, int dv) {
  switch (stroke) {
    case vertical: return dv == 0;
    case horizontal: return du == 0;
    case diagonal: return du == dv;
    case anti_diagonal: return du == -dv;
  }
  return false;
}

Stroke draw_stroke(Stroke target, RandomStream& random) {
  if (random.chance(0.5)) return target;
  const auto other = static_cast<int>(random.index(3));  // one of the three non-targets
  return static_cast<Stroke>((static_cast<int>(target) + 1 + other) % 4);
}

std::uint16_t draw_image(const AlignedPartsSettings& s, RandomStream& random, float* image) {
  const auto size = static_cast<int>(s.size);
  for (int cell = 0; cell < size * size; ++cell) image[cell] = static_cast<float>(random.normal(0.0, s.noise));
  int targets_shown = 0;
  for (std::size_t part = 0; part < kPartCentres.size(); ++part) {
    const Stroke stroke = draw_stroke(kTargets[part], random);
    targets_shown += stroke == kTargets[part];
    const int jitter = static_cast<int>(s.jitter);
    const int row = static_cast<int>(kPartCentres[part][0] * size) + static_cast<int>(random.index(2 * s.jitter + 1)) - jitter;
    const int column = static_cast<int>(kPartCentres[part][1] * size) + static_cast<int>(random.index(2 * s.jitter + 1)) - jitter;
    for (int du = -1; du <= 1; ++du)
      for (int dv = -1; dv <= 1; ++dv)
        if (lit(stroke, du, dv)) image[(row + du) * size + column + dv] += 1.0f;
  }
  return targets_shown >= 2 ? 1 : 0;
}

ImageSet make_split(const AlignedPartsSettings& settings, std::size_t count, std::uint64_t split) {
  ImageSet set;
  set.shape = {1, settings.size, settings.size};
  set.classes = 2;
  set.images.resize(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(set.shape.size()));
  set.labels.resize(count);
  RandomStream random(settings.data_seed, split, 0, Purpose::task_data);
  for (std::size_t i = 0; i < count; ++i)
    set.labels[i] = draw_image(settings, random, set.images.row(static_cast<Eigen::Index>(i)).data());
  return set;
}

}  // namespace

ImageSplits make_aligned_parts(const AlignedPartsSettings& settings) {
  return {make_split(settings, settings.train, 0), make_split(settings, settings.validation, 1),
          make_split(settings, settings.test, 2), {"fewer than two targets", "two or more targets"}};
}

TaskBuilder read_aligned_parts_task(TaskParameters& parameters) {
  AlignedPartsSettings settings;
  settings.size = parameters.whole("size", 12, 256, settings.size, "height and width of the square images");
  settings.jitter = parameters.whole("jitter", 0, 2, settings.jitter,
                                     "cells by which a part's centre may move in each direction");
  settings.noise = parameters.real("noise", 0.0, 10.0, settings.noise, "stdev of the Gaussian noise on every cell");
  settings.train = parameters.whole("train", 1, 1000000, settings.train, "training images");
  settings.validation = parameters.whole("validation", 1, 1000000, settings.validation, "validation images");
  settings.test = parameters.whole("test", 1, 1000000, settings.test, "test images");
  settings.data_seed = parameters.whole("data_seed", 0, ~std::size_t{0}, settings.data_seed,
                                        "seed of the images (they are a pure function of these settings)");
  const ImageTaskSettings image = read_image_task_settings(parameters);
  return [settings, image] {
    return make_image_classification_task("aligned_parts", std::make_shared<const ImageSplits>(make_aligned_parts(settings)),
                                          image);
  };
}

}  // namespace convneat
