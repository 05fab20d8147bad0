// The search threshold control on hand-made populations whose distances are known: genomes
// that differ only in one connection's weight, so δ = c3·|Δw| exactly.
#include <catch2/catch.hpp>

#include <cmath>

#include "genome/initial_genome.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/mutation.hpp"
#include "genome/node_layout.hpp"
#include "neat/species.hpp"
#include "neat/threshold_search.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

// `count` genomes with weights 0, 1, 2, ... (δ between genomes i and j is |i − j| with c3 = 1).
std::vector<Genome> weights_on_a_line(std::size_t count) {
  std::vector<Genome> genomes;
  for (std::size_t i = 0; i < count; ++i)
    genomes.push_back(make_genome({input(0), output(1)}, {link(1, 0, 1, static_cast<double>(i))}));
  return genomes;
}

GenomeConfig weight_distance() {
  GenomeConfig config;
  config.weight_coefficient = 1.0;
  return config;
}

GenomeConfig xor_genome() {
  GenomeConfig config;
  config.num_inputs = 2;
  config.num_outputs = 1;
  config.add_node_rate = 0.3;
  config.add_connection_rate = 0.5;
  return config;
}

// `count` start genomes, each mutated `rounds` times: structure and weights differ.
std::vector<Genome> mutated_population(std::size_t count, int rounds) {
  const GenomeConfig config = xor_genome();
  auto policy = make_innovation_policy(InnovationPolicyKind::persistent, NodeLayout(config).first_free_node);
  RandomStream random(3, 0, 0, Purpose::reproduction);
  std::vector<Genome> genomes;
  for (GenomeId id = 0; id < count; ++id) {
    genomes.push_back(make_initial_genome(id, config, *policy, random));
    MutationContext context{config, *policy, random};
    for (int i = 0; i < rounds; ++i) mutate(genomes.back(), context);
  }
  return genomes;
}

// The search with a memo of its own, as a population's speciation starts one.
double search(const SpeciesSet& species, const std::vector<Genome>& genomes, const GenomeConfig& config,
              const ThresholdSearch& settings, double start, std::size_t generation) {
  DistanceMemo memo;
  return search_threshold(species, genomes, config, settings, start, generation, memo);
}

std::size_t species_at(const SpeciesSet& species, const std::vector<Genome>& genomes, double threshold, bool merge) {
  SpeciesSet trial = species;
  if (merge) trial.merge_close_species(weight_distance(), threshold);
  trial.speciate(genomes, weight_distance(), threshold, 0);
  return trial.species().size();
}

}  // namespace

TEST_CASE("search finds a threshold giving exactly the target, from below and from above", "[speciation]") {
  // 40 genomes on a line, speciated in order: a threshold t in (m − 1, m] makes ceil(40 / m)
  // species (each founder takes the next m − 1), so the counts 1, 2, 4, 5, 8, 10, 20 and 40 are
  // reachable (9, 11–13 and 15–19 are not).
  const std::vector<Genome> genomes = weights_on_a_line(40);
  const SpeciesSet empty;
  for (const std::size_t target : {1u, 2u, 4u, 5u, 8u, 10u, 20u, 40u})
    for (const double start : {1e-3, 0.7, 3.0, 1e4}) {
      INFO("target " << target << ", start " << start);
      const double threshold = search(empty, genomes, weight_distance(), {target, 1e-6, false}, start, 0);
      CHECK(species_at(empty, genomes, threshold, false) == target);
      CHECK(threshold >= 1e-6);
    }
}

TEST_CASE("search leaves a threshold that already gives the target where it is", "[speciation]") {
  const std::vector<Genome> genomes = weights_on_a_line(40);
  const SpeciesSet empty;
  REQUIRE(species_at(empty, genomes, 5.5, false) == 7);
  CHECK(search(empty, genomes, weight_distance(), {7, 1e-6, false}, 5.5, 0) == 5.5);
}

TEST_CASE("an unreachable target gives the nearest count, within the threshold's floor", "[speciation]") {
  const std::vector<Genome> genomes = weights_on_a_line(5);
  const SpeciesSet empty;
  // More species than genomes: every genome alone.
  const double many = search(empty, genomes, weight_distance(), {8, 0.25, false}, 3.0, 0);
  CHECK(species_at(empty, genomes, many, false) == 5);
  // Five species need a threshold of at most 1, below the floor 1.5: the floor is the answer,
  // whether the search starts above it or below it (a start below the floor is raised to it).
  for (const double start : {3.0, 0.5})
    CHECK(search(empty, genomes, weight_distance(), {5, 1.5, false}, start, 0) == 1.5);
  // Without merging, species carried over cannot be fewer than those that keep members.
  SpeciesSet carried;
  carried.speciate(genomes, weight_distance(), 0.5, 0);  // five species
  const double few = search(carried, genomes, weight_distance(), {1, 1e-6, false}, 0.5, 1);
  CHECK(species_at(carried, genomes, few, false) == 5);
  // Merging first lets a high threshold join them: one species.
  const double merged = search(carried, genomes, weight_distance(), {1, 1e-6, true}, 0.5, 1);
  CHECK(species_at(carried, genomes, merged, true) == 1);
}

TEST_CASE("search against carried species finds the target with merging, from either side", "[speciation]") {
  const std::vector<Genome> genomes = weights_on_a_line(30);
  for (const double carried_threshold : {0.5, 2.5, 12.0}) {
    SpeciesSet species;
    species.speciate(genomes, weight_distance(), carried_threshold, 0);
    const double threshold = search(species, genomes, weight_distance(), {6, 1e-6, true}, carried_threshold, 1);
    INFO("carried from threshold " << carried_threshold << ", found " << threshold);
    CHECK(species_at(species, genomes, threshold, true) == 6);
  }
}

TEST_CASE("a speciation served from the distance memo makes the species one without it makes", "[speciation]") {
  // Mutated XOR genomes, speciated against species carried from a first speciation, at several
  // thresholds with one memo (as a search does), and each time without one.
  const std::vector<Genome> genomes = mutated_population(60, 7);
  const GenomeConfig config = xor_genome();
  SpeciesSet carried;
  carried.speciate(std::vector<Genome>(genomes.begin(), genomes.begin() + 20), config, 1.5, 0);
  DistanceMemo memo;
  for (const double threshold : {0.4, 1.0, 2.5, 1.0, 0.4}) {
    SpeciesSet with = carried, without = carried;
    with.merge_close_species(config, threshold, &memo);
    with.speciate(genomes, config, threshold, 1, &memo);
    without.merge_close_species(config, threshold);
    // Merging must move a carried species to another place in the list at some threshold, or a
    // memo keyed by place rather than id would pass.
    if (threshold == 2.5) {
      bool moved = false;
      for (std::size_t i = 0; i < without.species().size(); ++i)
        moved = moved || without.species()[i].id != carried.species()[i].id;
      REQUIRE(moved);
    }
    without.speciate(genomes, config, threshold, 1);
    INFO("threshold " << threshold << ": " << without.species().size() << " species");
    CHECK(with.species().size() > 1);
    CHECK(with.save_state() == without.save_state());
  }
}
