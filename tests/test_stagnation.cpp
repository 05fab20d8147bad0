// Stagnation: last_improved moves only on strict improvement; stagnant species are removed
// except the species_elitism best by current fitness.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "neat/stagnation.hpp"

using namespace convneat;

namespace {

Species make_species(std::uint64_t id, std::vector<std::size_t> members, std::size_t last_improved) {
  Species s;
  s.id = id;
  s.members = std::move(members);
  s.last_improved_generation = last_improved;
  return s;
}

std::vector<Genome> genomes_with_fitness(const std::vector<double>& fitness) {
  std::vector<Genome> genomes(fitness.size());
  for (std::size_t i = 0; i < fitness.size(); ++i) genomes[i].fitness = fitness[i];
  return genomes;
}

SpeciesConfig stagnation_config(std::size_t max_stagnation, std::size_t elitism) {
  SpeciesConfig config;
  config.max_stagnation = max_stagnation;
  config.species_elitism = elitism;
  return config;
}

std::vector<std::uint64_t> ids(const std::vector<Species>& species) {
  std::vector<std::uint64_t> result;
  for (const Species& s : species) result.push_back(s.id);
  return result;
}

}  // namespace

TEST_CASE("The best member fitness of a species is the maximum over its members", "[stagnation]") {
  const std::vector<Genome> genomes = genomes_with_fitness({3.0, -1.0, 7.5, 2.0});
  CHECK(best_member_fitness(make_species(1, {0, 1, 3}, 0), genomes) == 3.0);
  CHECK(best_member_fitness(make_species(2, {1, 2}, 0), genomes) == 7.5);
  CHECK(std::isinf(best_member_fitness(make_species(3, {}, 0), genomes)));
}

TEST_CASE("record_species_fitness moves last_improved only on a strict improvement", "[stagnation]") {
  std::vector<Species> species{make_species(1, {0, 1}, 0)};
  std::vector<Genome> genomes = genomes_with_fitness({5.0, 2.0});

  record_species_fitness(species, genomes, 1);  // −∞ → 5: improved at 1
  CHECK(species[0].best_fitness_ever == 5.0);
  CHECK(species[0].last_improved_generation == 1);

  genomes[1].fitness = 5.0;  // best is 5 again: equal is not an improvement
  record_species_fitness(species, genomes, 2);
  CHECK(species[0].last_improved_generation == 1);

  genomes[0].fitness = 6.0;  // 6 > 5: improved at 3
  record_species_fitness(species, genomes, 3);
  CHECK(species[0].best_fitness_ever == 6.0);
  CHECK(species[0].last_improved_generation == 3);

  genomes[0].fitness = 4.0, genomes[1].fitness = 4.0;  // worse: the record stays 6 from gen 3
  record_species_fitness(species, genomes, 4);
  CHECK(species[0].best_fitness_ever == 6.0);
  CHECK(species[0].last_improved_generation == 3);
}

TEST_CASE("record_species_fitness treats every species on its own", "[stagnation]") {
  std::vector<Species> species{make_species(1, {0}, 0), make_species(2, {1}, 0)};
  species[0].best_fitness_ever = 10.0;  // already better than its current member
  species[1].best_fitness_ever = 1.0;
  const std::vector<Genome> genomes = genomes_with_fitness({9.0, 1.5});
  record_species_fitness(species, genomes, 7);
  CHECK(species[0].best_fitness_ever == 10.0);
  CHECK(species[0].last_improved_generation == 0);
  CHECK(species[1].best_fitness_ever == 1.5);
  CHECK(species[1].last_improved_generation == 7);
}

TEST_CASE("A species stagnant for max_stagnation generations is removed", "[stagnation]") {
  // Current best: species 1 → 10 (elite), 2 → 5, 3 → 1. Species 2 last improved at 0,
  // species 3 at 10.
  const std::vector<Genome> genomes = genomes_with_fitness({10.0, 5.0, 1.0});
  const SpeciesConfig config = stagnation_config(15, 1);

  std::vector<Species> at_14{make_species(1, {0}, 0), make_species(2, {1}, 0), make_species(3, {2}, 10)};
  // generation 14: 14 − 0 = 14 < 15, nobody is removed yet
  CHECK(remove_stagnant_species(at_14, genomes, config, 14) == 0);
  CHECK(ids(at_14) == std::vector<std::uint64_t>{1, 2, 3});

  std::vector<Species> at_15{make_species(1, {0}, 0), make_species(2, {1}, 0), make_species(3, {2}, 10)};
  // generation 15: species 2 has 15 − 0 = 15 ≥ 15 → removed; species 3 has 5 < 15;
  // species 1 is just as stagnant but is the single elite
  CHECK(remove_stagnant_species(at_15, genomes, config, 15) == 1);
  CHECK(ids(at_15) == std::vector<std::uint64_t>{1, 3});
  CHECK(at_15[0].members == std::vector<std::size_t>{0});  // survivors keep their data
  CHECK(at_15[1].last_improved_generation == 10);
}

TEST_CASE("The species_elitism best species survive however stagnant they are", "[stagnation]") {
  // All four stagnant since generation 0; current bests 4, 9, 1, 7 → ranking 2, 4, 1, 3 (by id)
  const std::vector<Genome> genomes = genomes_with_fitness({4.0, 9.0, 1.0, 7.0});
  auto all = [] {
    return std::vector<Species>{make_species(1, {0}, 0), make_species(2, {1}, 0), make_species(3, {2}, 0),
                                make_species(4, {3}, 0)};
  };
  std::vector<Species> elitism_two = all();
  CHECK(remove_stagnant_species(elitism_two, genomes, stagnation_config(5, 2), 20) == 2);
  CHECK(ids(elitism_two) == std::vector<std::uint64_t>{2, 4});

  std::vector<Species> elitism_zero = all();
  CHECK(remove_stagnant_species(elitism_zero, genomes, stagnation_config(5, 0), 20) == 4);
  CHECK(elitism_zero.empty());

  std::vector<Species> elitism_many = all();  // more elites than species: nothing removed
  CHECK(remove_stagnant_species(elitism_many, genomes, stagnation_config(5, 10), 20) == 0);
  CHECK(ids(elitism_many) == std::vector<std::uint64_t>{1, 2, 3, 4});
}

TEST_CASE("Elites are ranked by current best fitness with ties going to the older species", "[stagnation]") {
  // Species 1 once reached 100 but its members now score 2; species 2 and 3 both score 6 now.
  const std::vector<Genome> genomes = genomes_with_fitness({2.0, 6.0, 6.0});
  std::vector<Species> species{make_species(1, {0}, 0), make_species(2, {1}, 0), make_species(3, {2}, 0)};
  species[0].best_fitness_ever = 100.0;
  // One elite: the current ranking is 2 (6, older), 3 (6), 1 (2); species 1 and 3 go.
  CHECK(remove_stagnant_species(species, genomes, stagnation_config(3, 1), 3) == 2);
  CHECK(ids(species) == std::vector<std::uint64_t>{2});
}

TEST_CASE("Species that improved recently are never removed", "[stagnation]") {
  const std::vector<Genome> genomes = genomes_with_fitness({1.0, 2.0, 3.0});
  std::vector<Species> species{make_species(1, {0}, 8), make_species(2, {1}, 9), make_species(3, {2}, 10)};
  // generation 10, max 3: ages 2, 1, 0 are all < 3
  CHECK(remove_stagnant_species(species, genomes, stagnation_config(3, 0), 10) == 0);
  CHECK(ids(species) == std::vector<std::uint64_t>{1, 2, 3});
}
