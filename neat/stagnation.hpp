#pragma once
// Stagnation: a species whose best fitness has not improved for `max_stagnation`
// generations is removed, except the `species_elitism` species with the best current
// fitness, which are always kept (so a run never loses its leaders to stagnation alone).
#include <vector>

#include "neat/config.hpp"
#include "neat/species.hpp"

namespace convneat {

// Records this generation's best fitness of every species (updating last_improved).
void record_species_fitness(std::vector<Species>& species, const std::vector<Genome>& genomes,
                            std::size_t generation);

// Removes stagnant species; returns how many were removed.
std::size_t remove_stagnant_species(std::vector<Species>& species, const std::vector<Genome>& genomes,
                                    const SpeciesConfig& config, std::size_t generation);

double best_member_fitness(const Species& species, const std::vector<Genome>& genomes);

}  // namespace convneat
