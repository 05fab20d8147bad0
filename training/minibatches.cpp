#include "training/minibatches.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace convneat {

Minibatches::Minibatches(std::size_t example_count, std::size_t batch_size, RandomStream& random)
    : order_(example_count), batch_size_(std::min(batch_size, example_count)), random_(random) {
  if (example_count == 0 || batch_size == 0) throw std::invalid_argument("mini-batches need examples and a batch size");
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  if (batch_size_ < order_.size()) shuffle();
}

std::span<const std::size_t> Minibatches::next() {
  if (batch_size_ == order_.size()) return order_;
  if (position_ + batch_size_ > order_.size()) {
    shuffle();
    position_ = 0;
  }
  const std::span<const std::size_t> batch(order_.data() + position_, batch_size_);
  position_ += batch_size_;
  return batch;
}

void Minibatches::shuffle() {
  for (std::size_t i = order_.size(); i > 1; --i) std::swap(order_[i - 1], order_[random_.index(i)]);
}

}  // namespace convneat
