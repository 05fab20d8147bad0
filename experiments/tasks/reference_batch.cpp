#include "experiments/tasks/reference_batch.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "genome/random.hpp"
#include "nets/spatial_network.hpp"

namespace convneat {

ImageRows choose_reference_examples(const ImageSet& train, std::size_t size, std::uint64_t seed) {
  RandomStream random(seed, 0, 0, Purpose::reference_batch);
  std::vector<std::size_t> order(train.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const std::size_t count = std::min(size, order.size());
  for (std::size_t i = 0; i < count; ++i)  // the first `count` steps of a Fisher–Yates shuffle
    std::swap(order[i], order[i + random.index(order.size() - i)]);
  ImageRows examples(static_cast<Eigen::Index>(count), train.images.cols());
  for (std::size_t i = 0; i < count; ++i)
    examples.row(static_cast<Eigen::Index>(i)) = train.images.row(static_cast<Eigen::Index>(order[i]));
  return examples;
}

bool prepare_network(Network& network, const ImageRows& examples) {
  auto* spatial = dynamic_cast<SpatialNetwork*>(&network);
  if (spatial == nullptr || !spatial->needs_reference()) return false;
  if (static_cast<std::size_t>(examples.cols()) != spatial->input_count())
    throw std::invalid_argument("reference examples of " + std::to_string(examples.cols()) +
                                " values for a network that reads " + std::to_string(spatial->input_count()));
  // Row-major examples of `copies` images each are copies·N single images back to back.
  spatial->calibrate(examples.data(), static_cast<std::size_t>(examples.rows()) * spatial->copies());
  return true;
}

}  // namespace convneat
