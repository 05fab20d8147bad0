// Mini-batches: epochs of a shuffled order without repeats, the whole set in order when the
// batch is as large, the same batches for the same stream and other ones for another.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <vector>

#include "training/minibatches.hpp"

using namespace convneat;

namespace {

std::vector<std::size_t> take(Minibatches& batches) {
  const auto batch = batches.next();
  return {batch.begin(), batch.end()};
}

}  // namespace

TEST_CASE("A batch as large as the training set is the whole set, in order, every step", "[training]") {
  RandomStream random(1, 0, 0, Purpose::training);
  Minibatches batches(4, 64, random);
  for (int step = 0; step < 3; ++step) CHECK(take(batches) == std::vector<std::size_t>{0, 1, 2, 3});
}

TEST_CASE("An epoch's batches hold distinct examples, and the next epoch is shuffled anew", "[training]") {
  RandomStream random(5, 3, 17, Purpose::training);
  Minibatches batches(10, 3, random);
  std::vector<std::size_t> first_epoch;
  for (int b = 0; b < 3; ++b) {
    const auto batch = take(batches);
    CHECK(batch.size() == 3);
    first_epoch.insert(first_epoch.end(), batch.begin(), batch.end());
  }
  CHECK(std::set<std::size_t>(first_epoch.begin(), first_epoch.end()).size() == 9);  // one left over
  CHECK(*std::max_element(first_epoch.begin(), first_epoch.end()) < 10);
  std::vector<std::size_t> second_epoch;
  for (int b = 0; b < 3; ++b) {
    const auto batch = take(batches);
    second_epoch.insert(second_epoch.end(), batch.begin(), batch.end());
  }
  CHECK(std::set<std::size_t>(second_epoch.begin(), second_epoch.end()).size() == 9);
  CHECK(second_epoch != first_epoch);
}

TEST_CASE("The batches depend on the stream alone", "[training]") {
  auto sequence = [](std::uint64_t genome) {
    RandomStream random(9, 2, genome, Purpose::training);
    Minibatches batches(100, 8, random);
    std::vector<std::size_t> all;
    for (int b = 0; b < 30; ++b) {
      const auto batch = take(batches);
      all.insert(all.end(), batch.begin(), batch.end());
    }
    return all;
  };
  CHECK(sequence(4) == sequence(4));
  CHECK(sequence(4) != sequence(5));
}

TEST_CASE("Mini-batches need examples and a batch size", "[training]") {
  RandomStream random(1, 0, 0, Purpose::training);
  CHECK_THROWS_AS(Minibatches(0, 4, random), std::invalid_argument);
  CHECK_THROWS_AS(Minibatches(4, 0, random), std::invalid_argument);
}
