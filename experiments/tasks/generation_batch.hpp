#pragma once
// The training batch of one generation, drawn once and shared read-only by every genome the
// generation evaluates, already in the layout networks take (column-major float chunks of
// kScoringChunk examples, Network::activate_float_batch): no genome copies or converts it.
// Task::evaluate runs on many threads at once; the first call of a generation draws the batch
// (its rows picked with replacement from the training split by a stream of (seed, generation)
// alone) and the others wait for it, so which thread draws it changes nothing. Only the
// latest generation's batch is kept: a run evaluates one generation at a time. This cache is
// the task's, not global: two tasks share nothing.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "experiments/tasks/image_set.hpp"

namespace convneat {

struct TrainingBatch {
  std::vector<Eigen::MatrixXf> chunks;  // examples × copies·C·H·W, at most kScoringChunk rows each
  std::vector<std::uint16_t> labels;    // of every example, chunk after chunk
};

class GenerationBatch {
 public:
  GenerationBatch(const ImageSet& train, std::size_t batch_size) : train_(train), batch_size_(batch_size) {}

  std::shared_ptr<const TrainingBatch> get(std::uint64_t seed, std::size_t generation) const;

 private:
  TrainingBatch draw(std::uint64_t seed, std::size_t generation) const;

  const ImageSet& train_;
  std::size_t batch_size_;
  mutable std::mutex mutex_;
  mutable std::uint64_t seed_ = 0;
  mutable std::size_t generation_ = 0;
  mutable std::shared_ptr<const TrainingBatch> batch_;
};

}  // namespace convneat
