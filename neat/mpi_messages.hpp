#pragma once
// The messages between rank 0 and the worker ranks of the MPI evaluator, as JSON text. They
// are plain functions with no MPI in them, so they build and are tested without MPI.
// Genomes travel in their lossless JSON form (genome_json.hpp); a fitness travels as the bit
// pattern of its double, so every value — NaN and infinities of failed evaluations included —
// arrives bit-identical and rank 0 sees exactly what a TbbEvaluator would have computed.
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "neat/evaluator.hpp"

namespace convneat {

// A message that cannot be decoded: what was expected and what was wrong.
class MessageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What every worker needs once, before any work: how to build the task and evaluate.
struct EvaluationSetup {
  nlohmann::json task;  // the config's /task section
  EvaluationSettings settings;  // as on rank 0; `threads` are each rank's own
};

// A contiguous slice of one generation: genomes[first, first + genomes.size()).
struct WorkItem {
  std::size_t generation = 0;
  std::size_t first = 0;
  std::vector<Genome> genomes;
};

struct WorkResult {
  std::size_t first = 0;
  std::vector<Evaluation> evaluations;
};

std::string encode_setup(const EvaluationSetup& setup);
EvaluationSetup decode_setup(const std::string& text);

std::string encode_work(std::size_t generation, std::size_t first, std::span<const Genome> genomes);
WorkItem decode_work(const std::string& text);

std::string encode_result(std::size_t first, const std::vector<Evaluation>& evaluations);
WorkResult decode_result(const std::string& text);

}  // namespace convneat
