// Speciation: genomes join the nearest representative within the threshold, distant genomes
// found new species, representatives and ids carry over between generations.
#include <catch2/catch.hpp>

#include <limits>
#include <vector>

#include "neat/species.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

// Default coefficients: c1 = c2 = 1, c3 = 0.4, N = 1 below 20 genes.
const GenomeConfig kConfig{};
constexpr double kThreshold = 3.0;

// Innovations 1 and 2 with the given weights, plus `extra` excess genes (innovations 3…).
Genome genome_with(double w1, double w2, int extra = 0) {
  Genome g = make_genome({input(0), input(1), output(2)}, {link(1, 0, 2, w1), link(2, 1, 2, w2)});
  for (int k = 0; k < extra; ++k) {  // each extra gene leads to a hidden node of its own
    g.insert_node(hidden(NodeId(10 + k)));
    g.insert_connection(link(InnovationId(3 + k), 0, NodeId(10 + k), 1.0));
  }
  return g;
}

std::vector<std::uint64_t> ids(const SpeciesSet& set) {
  std::vector<std::uint64_t> result;
  for (const Species& s : set.species()) result.push_back(s.id);
  return result;
}

}  // namespace

TEST_CASE("Identical genomes share one species", "[speciation]") {
  SpeciesSet set;
  const std::vector<Genome> genomes(5, genome_with(0.5, -0.5));
  set.speciate(genomes, kConfig, kThreshold, 0);
  REQUIRE(set.species().size() == 1);
  const Species& s = set.species()[0];
  CHECK(s.id == 1);
  CHECK(s.members == std::vector<std::size_t>{0, 1, 2, 3, 4});
  CHECK(s.created_generation == 0);
  CHECK(s.representative == genomes[0]);
}

TEST_CASE("A genome at or beyond the threshold founds a new species", "[speciation]") {
  // genome 1 has 4 excess genes: δ = 4 ≥ 3 → new species; genome 2 has 3: δ = 3, not < 3
  // → new as well (it is also 1 gene from genome 1's species: δ = 1 < 3, so it joins that).
  // genome 3 has 2: δ = 2 < 3 to species 1 and 2 to species 2; the first nearest wins.
  const std::vector<Genome> genomes{genome_with(0.5, -0.5), genome_with(0.5, -0.5, 4), genome_with(0.5, -0.5, 3),
                                    genome_with(0.5, -0.5, 2)};
  SpeciesSet set;
  set.speciate(genomes, kConfig, kThreshold, 4);
  REQUIRE(set.species().size() == 2);
  CHECK(ids(set) == std::vector<std::uint64_t>{1, 2});
  CHECK(set.species()[0].members == std::vector<std::size_t>{0, 3});
  CHECK(set.species()[1].members == std::vector<std::size_t>{1, 2});
  CHECK(set.species()[1].created_generation == 4);
  CHECK(set.species()[1].representative == genomes[1]);
}

TEST_CASE("A genome joins the nearest representative within the threshold", "[speciation]") {
  // Representatives: species 1 = (0, 0), species 2 = (0, 0) + 5 excess (δ = 5 apart).
  // The probe with 3 excess genes is at δ = 3 from species 1 and δ = 2 from species 2.
  SpeciesSet set;
  set.speciate({genome_with(0.0, 0.0), genome_with(0.0, 0.0, 5)}, kConfig, 4.0, 0);
  REQUIRE(ids(set) == std::vector<std::uint64_t>{1, 2});
  set.speciate({genome_with(0.0, 0.0), genome_with(0.0, 0.0, 5), genome_with(0.0, 0.0, 3)}, kConfig, 4.0, 1);
  REQUIRE(ids(set) == std::vector<std::uint64_t>{1, 2});
  CHECK(set.species()[0].members == std::vector<std::size_t>{0});
  CHECK(set.species()[1].members == std::vector<std::size_t>{1, 2});
}

TEST_CASE("Species ids and creation generations stay stable across generations", "[speciation]") {
  const Genome near = genome_with(0.5, -0.5);
  const Genome far = genome_with(0.5, -0.5, 6);
  SpeciesSet set;
  set.speciate({near, far}, kConfig, kThreshold, 0);
  REQUIRE(ids(set) == std::vector<std::uint64_t>{1, 2});

  // Next generation in a different order: each genome still joins its old species.
  set.speciate({far, near, far}, kConfig, kThreshold, 1);
  REQUIRE(ids(set) == std::vector<std::uint64_t>{1, 2});
  CHECK(set.species()[0].members == std::vector<std::size_t>{1});
  CHECK(set.species()[1].members == std::vector<std::size_t>{0, 2});
  CHECK(set.species()[0].created_generation == 0);
  CHECK(set.species()[1].created_generation == 0);
}

TEST_CASE("Empty species disappear and their ids are not reused", "[speciation]") {
  SpeciesSet set;
  set.speciate({genome_with(0.0, 0.0), genome_with(0.0, 0.0, 6)}, kConfig, kThreshold, 0);
  REQUIRE(ids(set) == std::vector<std::uint64_t>{1, 2});
  set.speciate({genome_with(0.0, 0.0, 6)}, kConfig, kThreshold, 1);  // nobody near species 1
  CHECK(ids(set) == std::vector<std::uint64_t>{2});
  set.speciate({genome_with(0.0, 0.0, 6), genome_with(0.0, 0.0)}, kConfig, kThreshold, 2);
  CHECK(ids(set) == std::vector<std::uint64_t>{2, 3});  // the returning genome founds species 3
  CHECK(set.species()[1].created_generation == 2);
}

TEST_CASE("The new representative is the member nearest to the old one", "[speciation]") {
  SpeciesSet set;
  set.speciate({genome_with(1.0, 1.0)}, kConfig, kThreshold, 0);
  // Distances to the representative (1, 1): (2, 1) → 0.4·(1 + 0)/2 = 0.2; (1.5, 1) → 0.1;
  // (1, 4) → 0.4·3/2 = 0.6. The nearest, (1.5, 1), becomes the representative.
  const std::vector<Genome> next{genome_with(2.0, 1.0), genome_with(1.5, 1.0), genome_with(1.0, 4.0)};
  set.speciate(next, kConfig, kThreshold, 1);
  REQUIRE(set.species().size() == 1);
  CHECK(set.species()[0].members == std::vector<std::size_t>{0, 1, 2});
  CHECK(set.species()[0].representative == next[1]);

  // The representative carries over: from (1.5, 1), (1.5, 8) is at 0.4·7/2 = 1.4 < 3 …
  set.speciate({genome_with(1.5, 8.0)}, kConfig, kThreshold, 2);
  CHECK(ids(set) == std::vector<std::uint64_t>{1});
  // … and from (1.5, 8), the original (1, 1) is at 0.4·(0.5 + 7)/2 = 1.5, still the same species,
  // while (1, 1) + 3 excess is at 3 + 1.5 = 4.5 and founds species 2.
  set.speciate({genome_with(1.0, 1.0), genome_with(1.0, 1.0, 3)}, kConfig, kThreshold, 3);
  CHECK(ids(set) == std::vector<std::uint64_t>{1, 2});
  CHECK(set.species()[0].members == std::vector<std::size_t>{0});
}

TEST_CASE("Saved species state restores the same speciation", "[speciation]") {
  SpeciesSet set;
  set.speciate({genome_with(0.0, 0.0), genome_with(0.0, 0.0, 6)}, kConfig, kThreshold, 0);
  SpeciesSet restored;
  restored.load_state(set.save_state());
  const std::vector<Genome> next{genome_with(0.0, 0.0, 6), genome_with(0.0, 0.0, 12), genome_with(0.0, 0.0)};
  set.speciate(next, kConfig, kThreshold, 1);
  restored.speciate(next, kConfig, kThreshold, 1);
  CHECK(ids(restored) == ids(set));
  CHECK(ids(set) == std::vector<std::uint64_t>{1, 2, 3});
  for (std::size_t s = 0; s < set.species().size(); ++s)
    CHECK(restored.species()[s].members == set.species()[s].members);
}

namespace {

ThresholdController additive(double step, double minimum) {
  return {ThresholdControl::additive, 8, step, 0.5, minimum};
}

ThresholdController proportional(double gain, double minimum) {
  return {ThresholdControl::proportional, 8, 0.3, gain, minimum};
}

}  // namespace

TEST_CASE("additive control moves one step toward the target species count", "[speciation]") {
  // Too few species: lower the threshold; too many: raise it; on target: keep it.
  CHECK(additive(0.3, 0.3).steer(3.0, 5) == Approx(2.7).epsilon(1e-12));
  CHECK(additive(0.3, 0.3).steer(3.0, 10) == Approx(3.3).epsilon(1e-12));
  CHECK(additive(0.3, 0.3).steer(3.0, 8) == 3.0);
}

TEST_CASE("additive control never goes below the minimum", "[speciation]") {
  // 0.4 − 0.3 = 0.1 < 0.3 → 0.3; 0.3 − 0.3 = 0 → 0.3
  CHECK(additive(0.3, 0.3).steer(0.4, 1) == 0.3);
  CHECK(additive(0.3, 0.3).steer(0.3, 1) == 0.3);
  // Raising from below the minimum also ends at least at the minimum.
  CHECK(additive(0.1, 0.5).steer(0.1, 20) == 0.5);
}

TEST_CASE("proportional control multiplies by (count / target)^gain, at most doubling or halving", "[speciation]") {
  CHECK(proportional(0.5, 1e-9).steer(0.04, 8) == 0.04);
  CHECK(proportional(0.5, 1e-9).steer(0.04, 18) == Approx(0.04 * 1.5).epsilon(1e-12));  // √(18/8) = 1.5
  CHECK(proportional(0.5, 1e-9).steer(0.04, 2) == Approx(0.04 * 0.5).epsilon(1e-12));   // √(2/8) = 0.5
  CHECK(proportional(1.0, 1e-9).steer(0.04, 6) == Approx(0.03).epsilon(1e-12));
  CHECK(proportional(0.5, 1e-9).steer(0.04, 1) == 0.02);   // √(1/8) < 1/2: halved
  CHECK(proportional(0.5, 1e-9).steer(0.04, 80) == 0.08);  // √10 > 2: doubled
  CHECK(proportional(0.5, 0.03).steer(0.04, 1) == 0.03);   // the floor
  CHECK(proportional(0.0, 1e-9).steer(0.04, 80) == 0.04);  // gain 0: a fixed threshold
}

TEST_CASE("merging joins a species to the nearest older one within the threshold, keeping the older id and the "
          "better records", "[speciation]") {
  SpeciesSet set;
  // Three species: weights far apart (δ = 0.4·|Δw| with no structural difference).
  set.speciate({genome_with(0.0, 0.0), genome_with(5.0, 5.0), genome_with(10.0, 10.0)}, kConfig, 1.0, 0);
  REQUIRE(ids(set) == std::vector<std::uint64_t>{1, 2, 3});
  set.species()[1].last_improved_generation = 7;
  set.species()[1].best_fitness_ever = 3.5;
  set.species()[0].best_fitness_ever = 1.0;
  set.merge_close_species(kConfig, 1.0);  // δ = 2 between neighbours: nothing joins
  CHECK(ids(set) == std::vector<std::uint64_t>{1, 2, 3});
  set.merge_close_species(kConfig, 2.5);  // 2 joins 1; 3 is 2 from 2's representative but 4 from 1's
  REQUIRE(ids(set) == std::vector<std::uint64_t>{1, 3});
  CHECK(set.species()[0].last_improved_generation == 7);
  CHECK(set.species()[0].best_fitness_ever == 3.5);
  CHECK(set.species()[0].representative.connections[0].weight == 0.0);
  set.merge_close_species(kConfig, 4.5);
  CHECK(ids(set) == std::vector<std::uint64_t>{1});
}

TEST_CASE("a merging species joins the nearest older species, not the first within the threshold",
          "[speciation]") {
  SpeciesSet set;
  set.speciate({genome_with(0.0, 0.0), genome_with(10.0, 10.0), genome_with(6.0, 6.0)}, kConfig, 0.3, 0);
  REQUIRE(ids(set) == std::vector<std::uint64_t>{1, 2, 3});
  set.species()[1].tested_fitness = 0.25;
  set.species()[2].tested_fitness = 0.75;
  // Threshold 3: δ(2, 1) = 4 keeps 2 apart; 3 is within it of both, 2.4 from 1 and 1.6 from 2.
  set.merge_close_species(kConfig, 3.0);
  REQUIRE(ids(set) == std::vector<std::uint64_t>{1, 2});
  CHECK(set.species()[1].tested_fitness == 0.75);  // 3's record went to 2
  CHECK(set.species()[0].tested_fitness == -std::numeric_limits<double>::infinity());
}
