#include "genome/random.hpp"

#include <array>

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

namespace convneat {

std::uint64_t mix64(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t generation, std::uint64_t key, Purpose purpose) {
  std::uint64_t h = mix64(seed);
  h = mix64(h ^ generation);
  h = mix64(h ^ key);
  return mix64(h ^ static_cast<std::uint64_t>(purpose));
}

double RandomStream::uniform() { return boost::random::uniform_real_distribution<double>(0.0, 1.0)(engine()); }

double RandomStream::uniform(double low, double high) {
  return boost::random::uniform_real_distribution<double>(low, high)(engine());
}

double RandomStream::normal(double mean, double stdev) {
  if (stdev <= 0.0) return mean;
  return boost::random::normal_distribution<double>(mean, stdev)(engine());
}

bool RandomStream::chance(double probability) {
  if (probability <= 0.0) return false;
  if (probability >= 1.0) return true;
  return boost::random::bernoulli_distribution<double>(probability)(engine());
}

std::size_t RandomStream::index(std::size_t count) {
  return boost::random::uniform_int_distribution<std::size_t>(0, count - 1)(engine());
}

void ready_first_draws(std::span<RandomStream> streams) {
  constexpr std::size_t lanes = streams_readied_together;
  std::array<LazyMersenneTwister64*, lanes> group{};
  std::size_t filled = 0;
  for (RandomStream& stream : streams) {
    if (!stream.engine().untouched()) continue;
    group[filled++] = &stream.engine();
    if (filled == lanes) {
      LazyMersenneTwister64::ready_first_draws(group);
      filled = 0;
    }
  }
  for (std::size_t i = 0; i < filled; ++i) LazyMersenneTwister64::ready_first_draws(std::array{group[i]});
}

}  // namespace convneat
