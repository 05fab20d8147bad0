// What a fresh random stream costs up to its first draws, printed by Google Benchmark:
//   BM_FreshStream/engine:E/draws:D   a stream seeded and drawn from D times, E = 0 Boost's
//                                     mt19937_64 seeded the usual way (the whole seeding chain
//                                     and a whole twist first), 1 the lazily seeded engine of
//                                     RandomStream (genome/lazy_mersenne_twister.hpp).
//   BM_FreshStreams/together:T/draws:D a generation's worth (152) of fresh RandomStreams, each
//                                     drawn from D times; T = 1: their first draws readied
//                                     eight at a time first (ready_first_draws), T = 0: each
//                                     seeded where its first draw falls. Time per stream.
// Both give the same numbers (tests/test_lazy_mersenne_twister.cpp). A run derives one stream
// per genome, generation and purpose, and most draw a few dozen numbers, so on small genomes
// this fixed cost is a large share of a generation (README, "The evolution loop on small
// genomes").
#include <benchmark/benchmark.h>

#include <boost/random/mersenne_twister.hpp>
#include <cstdint>
#include <vector>

#include "genome/lazy_mersenne_twister.hpp"
#include "genome/random.hpp"

using namespace convneat;

namespace {

template <class Engine>
void draw_from_fresh_streams(benchmark::State& state) {
  const auto draws = static_cast<int>(state.range(1));
  std::uint64_t key = 0;
  for (auto _ : state) {
    Engine engine(derive_seed(7, 0, key++, Purpose::reproduction));
    std::uint64_t sum = 0;
    for (int d = 0; d < draws; ++d) sum += engine();
    benchmark::DoNotOptimize(sum);
  }
}

void BM_FreshStream(benchmark::State& state) {
  if (state.range(0) == 0)
    draw_from_fresh_streams<boost::random::mt19937_64>(state);
  else
    draw_from_fresh_streams<LazyMersenneTwister64>(state);
}
BENCHMARK(BM_FreshStream)->ArgsProduct({{0, 1}, {1, 20, 100, 400, 4000}})->ArgNames({"engine", "draws"});

void BM_FreshStreams(benchmark::State& state) {
  const bool together = state.range(0) == 1;
  const auto draws = static_cast<int>(state.range(1));
  constexpr std::uint64_t count = 152;
  std::uint64_t generation = 0;
  for (auto _ : state) {
    std::vector<RandomStream> streams;
    streams.reserve(count);
    for (std::uint64_t key = 0; key < count; ++key) streams.emplace_back(7, generation, key, Purpose::reproduction);
    ++generation;
    if (together) ready_first_draws(streams);
    std::uint64_t sum = 0;
    for (RandomStream& stream : streams)
      for (int d = 0; d < draws; ++d) sum += stream.engine()();
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(count));
}
BENCHMARK(BM_FreshStreams)->ArgsProduct({{0, 1}, {1, 20, 40}})->ArgNames({"together", "draws"});

}  // namespace
