// RandomStream seeds its engine on the first draw: its numbers must be those of the engine
// seeded at construction, whenever the stream is copied or first used.
#include <catch2/catch.hpp>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <vector>

#include "genome/random.hpp"

using namespace convneat;

namespace {

std::vector<double> draws(RandomStream& stream, int count) {
  std::vector<double> values;
  for (int i = 0; i < count; ++i) values.push_back(i % 3 == 0 ? stream.normal(0.0, 1.0) : stream.uniform());
  return values;
}

}  // namespace

TEST_CASE("a stream draws what the engine seeded with its derived seed draws", "[random]") {
  for (std::uint64_t key = 0; key < 50; ++key) {
    const std::uint64_t seed = derive_seed(7, 3, key, Purpose::reproduction);
    RandomStream stream(7, 3, key, Purpose::reproduction);
    boost::random::mt19937_64 engine(seed);
    for (int i = 0; i < 40; ++i) {
      const double expected = i % 3 == 0 ? boost::random::normal_distribution<double>(0.0, 1.0)(engine)
                                         : boost::random::uniform_real_distribution<double>(0.0, 1.0)(engine);
      const double drawn = i % 3 == 0 ? stream.normal(0.0, 1.0) : stream.uniform();
      REQUIRE(drawn == expected);
    }
  }
}

TEST_CASE("a stream copied before or after its first draw goes on as the original", "[random]") {
  RandomStream original(11, 0, 5, Purpose::evaluation);
  RandomStream unused_copy = original;  // no engine yet
  const std::vector<double> first = draws(original, 10);
  REQUIRE(draws(unused_copy, 10) == first);

  RandomStream midway = original;  // an engine already 10 draws in
  REQUIRE(draws(midway, 25) == draws(original, 25));
  REQUIRE(draws(midway, 5) != first);  // the copy did move on: not a fresh stream
}
