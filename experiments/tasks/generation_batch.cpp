#include "experiments/tasks/generation_batch.hpp"

#include <algorithm>

#include "genome/random.hpp"

namespace convneat {

std::shared_ptr<const TrainingBatch> GenerationBatch::get(std::uint64_t seed, std::size_t generation) const {
  const std::lock_guard lock(mutex_);
  if (!batch_ || seed_ != seed || generation_ != generation) {
    batch_ = std::make_shared<const TrainingBatch>(draw(seed, generation));
    seed_ = seed;
    generation_ = generation;
  }
  return batch_;
}

TrainingBatch GenerationBatch::draw(std::uint64_t seed, std::size_t generation) const {
  RandomStream stream(seed, generation, 0, Purpose::task_data);
  TrainingBatch batch;
  batch.labels.resize(batch_size_);
  for (std::size_t first = 0; first < batch_size_; first += kScoringChunk) {
    Eigen::MatrixXf& chunk = batch.chunks.emplace_back(
        static_cast<Eigen::Index>(std::min(kScoringChunk, batch_size_ - first)), train_.images.cols());
    for (Eigen::Index row = 0; row < chunk.rows(); ++row) {
      const std::size_t pick = stream.index(train_.size());
      chunk.row(row) = train_.images.row(static_cast<Eigen::Index>(pick));
      batch.labels[first + static_cast<std::size_t>(row)] = train_.labels[pick];
    }
  }
  return batch;
}

}  // namespace convneat
