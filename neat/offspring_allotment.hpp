#pragma once
// How many offspring each species gets: in proportion to the sum of its members' adjusted
// (shared) fitness f_i / |species| — explicit fitness sharing, Stanley & Miikkulainen 2002,
// eq. 2 — with every species given at least `min_species_size`, summing exactly to the
// population size.
//
// Fitness may be negative: adjusted fitness is computed from f_i − min(0, min_j f_j), so
// the worst genome of the population counts as 0 and proportions stay meaningful; when all
// fitness is non-negative nothing is shifted and the paper's formula holds as written.
#include <cstddef>
#include <vector>

#include "neat/species.hpp"

namespace convneat {

// Σ over members of (f − shift) / size, per species.
std::vector<double> species_adjusted_fitness(const std::vector<Species>& species, const std::vector<Genome>& genomes);

// Largest-remainder apportionment of `population_size` by `weights` (all ≥ 0; all zero
// means equal shares), then raised to the minimum by taking from the largest allotments.
// The minimum is lowered to population_size / species when it cannot be met.
std::vector<std::size_t> allot_offspring(const std::vector<double>& weights, std::size_t population_size,
                                         std::size_t min_species_size);

}  // namespace convneat
