// Offspring allotment: largest-remainder apportionment with a per-species minimum, and the
// shared (adjusted) fitness that weighs it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <vector>

#include "genome/random.hpp"
#include "neat/offspring_allotment.hpp"

using namespace convneat;

using Allotment = std::vector<std::size_t>;

namespace {

Species species_of(std::vector<std::size_t> members) {
  Species s;
  s.members = std::move(members);
  return s;
}

std::vector<Genome> genomes_with_fitness(const std::vector<double>& fitness) {
  std::vector<Genome> genomes(fitness.size());
  for (std::size_t i = 0; i < fitness.size(); ++i) genomes[i].fitness = fitness[i];
  return genomes;
}

}  // namespace

TEST_CASE("Offspring are proportional to the weights when the quotas are whole", "[allotment]") {
  // 1 : 1 : 2 of 8 → quotas 2, 2, 4 exactly
  CHECK(allot_offspring({1.0, 1.0, 2.0}, 8, 0) == Allotment{2, 2, 4});
  CHECK(allot_offspring({1.0, 1.0, 2.0}, 8, 2) == Allotment{2, 2, 4});
  // 0.5 : 1.5 : 3 of 100 → 10, 30, 60
  CHECK(allot_offspring({0.5, 1.5, 3.0}, 100, 2) == Allotment{10, 30, 60});
}

TEST_CASE("The remaining offspring go to the largest remainders", "[allotment]") {
  // 1 : 2 of 10 → quotas 3.33, 6.67 → floors 3, 6; the one left goes to remainder 0.67
  CHECK(allot_offspring({1.0, 2.0}, 10, 0) == Allotment{3, 7});
  // 3 : 3 : 1 of 10 → 4.29, 4.29, 1.43 → 4, 4, 1; remainders .29 .29 .43 → third gets it
  CHECK(allot_offspring({3.0, 3.0, 1.0}, 10, 0) == Allotment{4, 4, 2});
}

TEST_CASE("All-zero weights give equal shares", "[allotment]") {
  CHECK(allot_offspring({0.0, 0.0, 0.0, 0.0}, 12, 0) == Allotment{3, 3, 3, 3});
  // 10 / 4 = 2.5 each: floors 2, remainders tie at 0.5, so the earlier species get the two left
  CHECK(allot_offspring({0.0, 0.0, 0.0, 0.0}, 10, 0) == Allotment{3, 3, 2, 2});
}

TEST_CASE("Every species gets at least min_species_size, taken from the largest", "[allotment]") {
  // 10 : 0.1 : 0.1 of 20 → quotas 19.61, 0.20, 0.20 → 19, 0, 0 + 1 → 20, 0, 0
  // then species 1 takes 3 from species 0 (17), species 2 takes 3 more (14)
  CHECK(allot_offspring({10.0, 0.1, 0.1}, 20, 3) == Allotment{14, 3, 3});
  // A zero weight also gets the minimum.
  CHECK(allot_offspring({1.0, 0.0}, 10, 2) == Allotment{8, 2});
}

TEST_CASE("The minimum is lowered when the species cannot all have it", "[allotment]") {
  // 4 species × 5 > 10: minimum becomes 10 / 4 = 2. 1:0:0:0 → 10,0,0,0 → 8,2,0,0 → 6,2,2,0 → 4,2,2,2
  CHECK(allot_offspring({1.0, 0.0, 0.0, 0.0}, 10, 5) == Allotment{4, 2, 2, 2});
  // 3 species × 4 > 9: minimum 3, so every species gets exactly 3
  CHECK(allot_offspring({5.0, 1.0, 0.0}, 9, 4) == Allotment{3, 3, 3});
}

TEST_CASE("No species means no allotment", "[allotment]") { CHECK(allot_offspring({}, 50, 2).empty()); }

TEST_CASE("Allotments always sum to the population size and respect the minimum", "[allotment]") {
  RandomStream random(0xA110CA7E);
  for (int trial = 0; trial < 3000; ++trial) {
    const std::size_t count = 1 + random.index(12);
    const std::size_t population = random.index(count + 200);  // sometimes fewer than the species
    const std::size_t min_size = random.index(6);
    std::vector<double> weights(count);
    for (double& w : weights) w = random.chance(0.2) ? 0.0 : random.uniform(0.0, 10.0);
    if (random.chance(0.05)) std::fill(weights.begin(), weights.end(), 0.0);

    const Allotment allotment = allot_offspring(weights, population, min_size);
    INFO("trial " << trial << ": " << count << " species, population " << population << ", min " << min_size);
    REQUIRE(allotment.size() == count);
    REQUIRE(std::accumulate(allotment.begin(), allotment.end(), std::size_t{0}) == population);
    const std::size_t minimum = std::min(min_size, population / count);
    for (std::size_t a : allotment) REQUIRE(a >= minimum);
  }
}

TEST_CASE("Adjusted fitness is the mean member fitness when no fitness is negative", "[allotment]") {
  // species 0: {2, 4} → (2 + 4) / 2 = 3; species 1: {10} → 10; no shift since min = 2 ≥ 0
  const std::vector<Genome> genomes = genomes_with_fitness({2.0, 4.0, 10.0});
  const std::vector<Species> species{species_of({0, 1}), species_of({2})};
  CHECK(species_adjusted_fitness(species, genomes) == std::vector<double>{3.0, 10.0});
}

TEST_CASE("Adjusted fitness shifts negative fitness by the population minimum", "[allotment]") {
  // min = −2, so every fitness is raised by 2: species 0: {−2, 4} → (0 + 6) / 2 = 3;
  // species 1: {1} → 3; species 2: {−1, −1, 2} → (1 + 1 + 4) / 3 = 2
  const std::vector<Genome> genomes = genomes_with_fitness({-2.0, 4.0, 1.0, -1.0, -1.0, 2.0});
  const std::vector<Species> species{species_of({0, 1}), species_of({2}), species_of({3, 4, 5})};
  CHECK(species_adjusted_fitness(species, genomes) == std::vector<double>{3.0, 3.0, 2.0});
}

TEST_CASE("An empty species weighs zero and does not change the shift", "[allotment]") {
  // min = −4, so the shift is +4: species 0: {−4, 0} → (0 + 4) / 2 = 2; species 1: empty → 0
  const std::vector<Genome> genomes = genomes_with_fitness({-4.0, 0.0});
  const std::vector<Species> species{species_of({0, 1}), species_of({})};
  CHECK(species_adjusted_fitness(species, genomes) == std::vector<double>{2.0, 0.0});
}
