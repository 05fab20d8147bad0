#include "training/augmentation.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>

namespace convneat {
namespace {

struct Transform {
  std::ptrdiff_t dx = 0, dy = 0;  // the pixel at (x, y) moves to (x + dx, y + dy)
  bool mirrored = false;          // mirrored first, then moved
};

std::ptrdiff_t offset(std::size_t shift, RandomStream& random) {
  return static_cast<std::ptrdiff_t>(random.index(2 * shift + 1)) - static_cast<std::ptrdiff_t>(shift);
}

Transform draw_transform(const ImageAugmentation& augmentation, RandomStream& random) {
  Transform transform;
  if (augmentation.shift > 0) {
    transform.dx = offset(augmentation.shift, random);
    transform.dy = offset(augmentation.shift, random);
  }
  if (augmentation.flip) transform.mirrored = random.chance(0.5);
  return transform;
}

// One image of `shape` (channel by channel, each row by row) through `transform`.
Eigen::VectorXd transformed(const Eigen::VectorXd& image, const ImageShape& shape, const Transform& transform) {
  Eigen::VectorXd result = Eigen::VectorXd::Zero(image.size());
  const auto height = static_cast<std::ptrdiff_t>(shape.height), width = static_cast<std::ptrdiff_t>(shape.width);
  for (std::size_t c = 0; c < shape.channels; ++c) {
    const auto channel = static_cast<std::ptrdiff_t>(c * shape.cells());
    for (std::ptrdiff_t y = 0; y < height; ++y)
      for (std::ptrdiff_t x = 0; x < width; ++x) {
        const std::ptrdiff_t source_y = y - transform.dy, moved_x = x - transform.dx;
        if (source_y < 0 || source_y >= height || moved_x < 0 || moved_x >= width) continue;  // background
        const std::ptrdiff_t source_x = transform.mirrored ? width - 1 - moved_x : moved_x;
        result(channel + y * width + x) = image(channel + source_y * width + source_x);
      }
  }
  return result;
}

}  // namespace

void augment_images(Eigen::MatrixXd& rows, const ExampleImages& layout, const ImageAugmentation& augmentation,
                    RandomStream& random) {
  if (!augmentation.any()) return;
  if (rows.cols() != static_cast<Eigen::Index>(layout.copies * layout.shape.size()))
    throw std::invalid_argument("augment_images: rows of " + std::to_string(rows.cols()) + " values, not " +
                                std::to_string(layout.copies) + " images of " + std::to_string(layout.shape.size()));
  const auto size = static_cast<Eigen::Index>(layout.shape.size());
  for (Eigen::Index r = 0; r < rows.rows(); ++r)
    for (Eigen::Index copy = 0; copy < static_cast<Eigen::Index>(layout.copies); ++copy) {
      const Transform transform = draw_transform(augmentation, random);
      auto image = rows.row(r).segment(copy * size, size);
      image = transformed(image.transpose(), layout.shape, transform).transpose();
    }
}

}  // namespace convneat
