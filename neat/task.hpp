#pragma once
// What an experiment asks of a phenotype. Tasks live in experiments/; the engine only sees
// this interface. A task must be safe to call from several threads at once (evaluate is
// const) and must draw every random number from the stream it is given.
#include <cstddef>
#include <cstdint>
#include <string>

#include "genome/random.hpp"
#include "nets/network.hpp"

namespace convneat {

struct TaskResult {
  double fitness = 0.0;
  bool solved = false;  // the task's own success criterion
};

struct EvaluationContext {
  std::uint64_t seed;       // the run's seed, for draws shared by a whole generation
  std::size_t generation;
  GenomeId genome;
  RandomStream& random;     // this genome's own stream for this generation
};

class Task {
 public:
  virtual ~Task() = default;
  virtual std::string name() const = 0;
  virtual std::size_t input_count() const = 0;
  virtual std::size_t output_count() const = 0;
  virtual TaskResult evaluate(Network& network, EvaluationContext& context) const = 0;
};

}  // namespace convneat
