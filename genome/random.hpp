#pragma once
// Reproducible randomness. A run never shares one generator between parts: every draw
// comes from a stream derived from (seed, generation, key, purpose), so the order in which
// threads or ranks touch genomes cannot change any result. Boost.Random distributions are
// used because, unlike std::*_distribution, they give the same numbers on every standard
// library.
#include <cstddef>
#include <cstdint>
#include <span>

#include "genome/lazy_mersenne_twister.hpp"

namespace convneat {

// What a stream is used for; part of the derivation so that two uses of the same genome in
// the same generation never see correlated numbers.
enum class Purpose : std::uint64_t {
  initial_population = 1,
  speciation = 2,
  parent_selection = 3,
  reproduction = 4,
  evaluation = 5,
  task_data = 6,
  reference_batch = 7,  // the images that fix virtual batch norm statistics, once per run
  training = 8,         // the mini-batches of gradient training (training/minibatches.hpp)
  novelty_archive = 9,  // the random archive rule's draw for each genome (neat/novelty.hpp)
};

// SplitMix64 finaliser: a bijective 64-bit mix, used to derive seeds and hashed ids.
std::uint64_t mix64(std::uint64_t value);
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t generation, std::uint64_t key, Purpose purpose);

// The engine is Boost's mt19937_64, number for number, seeded only as far as the draws reach
// (genome/lazy_mersenne_twister.hpp): most streams a generation derives (one per genome and
// purpose) draw a few numbers or none, e.g. a deterministic task's evaluation stream.
class RandomStream {
 public:
  explicit RandomStream(std::uint64_t derived_seed) : engine_(derived_seed) {}
  RandomStream(std::uint64_t seed, std::uint64_t generation, std::uint64_t key, Purpose purpose)
      : RandomStream(derive_seed(seed, generation, key, purpose)) {}

  double uniform();                          // [0, 1)
  double uniform(double low, double high);   // [low, high)
  double normal(double mean, double stdev);
  bool chance(double probability);           // true with the given probability
  std::size_t index(std::size_t count);      // uniform in [0, count), count > 0

  LazyMersenneTwister64& engine() { return engine_; }

 private:
  LazyMersenneTwister64 engine_;
};

// Readies the first draw of every stream here not yet drawn from, streams_readied_together at
// a time (LazyMersenneTwister64::ready_first_draws): for streams that will all draw, as a
// generation's offspring streams do, a third of what their first draws cost one by one
// (bench/random_stream_bench.cpp, BM_FreshStreams). Changes no number any stream gives.
inline constexpr std::size_t streams_readied_together = 8;
void ready_first_draws(std::span<RandomStream> streams);

}  // namespace convneat
