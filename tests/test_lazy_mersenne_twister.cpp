// The lazily seeded engine must be Boost's mt19937_64 draw for draw: every committed result
// rests on these numbers. The draw counts cross the places where its lazy first block changes
// what it computes (it twists eight words at a time, draw 156 needs the whole seeding chain and
// twists the rest of the block at once, draw 312 starts the ordinary twists).
#include <catch2/catch.hpp>

#include <boost/random/mersenne_twister.hpp>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "genome/lazy_mersenne_twister.hpp"
#include "genome/random.hpp"

using namespace convneat;

namespace {

std::vector<std::uint64_t> seeds_to_check() {
  std::vector<std::uint64_t> seeds{0, 1, 2, 5489, std::numeric_limits<std::uint64_t>::max(), 1ULL << 63,
                                   (1ULL << 31) - 1, 1ULL << 31};
  for (std::uint64_t key = 0; key < 200; ++key)
    seeds.push_back(derive_seed(20261207, key % 7, key, Purpose::reproduction));
  return seeds;
}

}  // namespace

TEST_CASE("the lazy engine draws what Boost's mt19937_64 draws, through four blocks", "[random]") {
  for (const std::uint64_t seed : seeds_to_check()) {
    LazyMersenneTwister64 lazy(seed);
    boost::random::mt19937_64 boost_engine(seed);
    for (int draw = 0; draw < 4 * 312 + 7; ++draw) {
      INFO("seed " << seed << ", draw " << draw);
      REQUIRE(lazy() == boost_engine());
    }
  }
}

TEST_CASE("a lazy engine copied at any point of its first blocks goes on as Boost's", "[random]") {
  const std::uint64_t seed = derive_seed(3, 1, 4, Purpose::evaluation);
  for (const int copied_after : {0, 1, 2, 7, 8, 9, 16, 150, 154, 155, 156, 157, 310, 311, 312, 313, 623, 624, 700}) {
    LazyMersenneTwister64 original(seed);
    boost::random::mt19937_64 boost_engine(seed);
    for (int draw = 0; draw < copied_after; ++draw) REQUIRE(original() == boost_engine());
    LazyMersenneTwister64 copy(original);
    LazyMersenneTwister64 assigned(std::uint64_t{99});
    assigned();  // a state of its own, overwritten by the assignment
    assigned = original;
    for (int draw = 0; draw < 700; ++draw) {
      INFO("copied after " << copied_after << ", draw " << draw);
      const std::uint64_t expected = boost_engine();
      REQUIRE(copy() == expected);
      REQUIRE(assigned() == expected);
      REQUIRE(original() == expected);
    }
  }
}

TEST_CASE("streams readied together draw what Boost's mt19937_64 draws", "[random]") {
  // 21 streams: two full groups of eight and five left over; three of them already drawn from
  // (once, eight times and 200 times), which ready_first_draws must leave as they are.
  std::vector<std::uint64_t> seeds;
  for (std::uint64_t key = 0; key < 21; ++key) seeds.push_back(derive_seed(20261208, 3, key, Purpose::reproduction));
  std::vector<RandomStream> streams;
  std::vector<boost::random::mt19937_64> expected;
  for (const std::uint64_t seed : seeds) {
    streams.emplace_back(seed);
    expected.emplace_back(seed);
  }
  for (const auto& [index, draws] : {std::pair<std::size_t, int>{2, 1}, {9, 8}, {17, 200}})
    for (int draw = 0; draw < draws; ++draw) REQUIRE(streams[index].engine()() == expected[index]());

  ready_first_draws(streams);
  ready_first_draws(streams);  // a second call finds nothing untouched
  for (std::size_t s = 0; s < streams.size(); ++s) {
    REQUIRE_FALSE(streams[s].engine().untouched());
    // Through the places the lazy first block changes what it computes, and into the second.
    for (int draw = 0; draw < 330; ++draw) {
      INFO("stream " << s << ", draw " << draw);
      REQUIRE(streams[s].engine()() == expected[s]());
    }
  }
}

TEST_CASE("a stream readied for its first draw and then copied goes on as Boost's", "[random]") {
  const std::uint64_t seed = derive_seed(5, 2, 7, Purpose::parent_selection);
  std::vector<RandomStream> streams{RandomStream(seed)};
  REQUIRE(streams[0].engine().untouched());
  ready_first_draws(streams);
  RandomStream copy = streams[0];
  boost::random::mt19937_64 boost_engine(seed);
  for (int draw = 0; draw < 400; ++draw) {
    const std::uint64_t want = boost_engine();
    REQUIRE(copy.engine()() == want);
    REQUIRE(streams[0].engine()() == want);
  }
}
