#pragma once
// The examples of each training step: epochs of a shuffled order, cut into consecutive
// mini-batches (each example at most once per epoch; a last partial batch is dropped, as
// PyTorch's drop_last), reshuffled when an epoch ends. The shuffle is a
// Fisher–Yates walk over the caller's RandomStream, so the batches depend on (seed,
// generation, genome) alone and never on threads or ranks. A batch as large as the training
// set is the whole set, in order, every step (full-batch gradient descent).
#include <cstddef>
#include <span>
#include <vector>

#include "genome/random.hpp"

namespace convneat {

class Minibatches {
 public:
  Minibatches(std::size_t example_count, std::size_t batch_size, RandomStream& random);

  // The next batch: min(batch_size, example_count) example indices.
  std::span<const std::size_t> next();

 private:
  void shuffle();

  std::vector<std::size_t> order_;
  std::size_t batch_size_;
  std::size_t position_ = 0;
  RandomStream& random_;
};

}  // namespace convneat
