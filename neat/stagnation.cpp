#include "neat/stagnation.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace convneat {

double best_member_fitness(const Species& species, const std::vector<Genome>& genomes) {
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t member : species.members) best = std::max(best, genomes[member].fitness);
  return best;
}

void record_species_fitness(std::vector<Species>& species, const std::vector<Genome>& genomes,
                            std::size_t generation) {
  for (Species& s : species) {
    const double best = best_member_fitness(s, genomes);
    if (best > s.best_fitness_ever) {
      s.best_fitness_ever = best;
      s.last_improved_generation = generation;
    }
  }
}

std::size_t remove_stagnant_species(std::vector<Species>& species, const std::vector<Genome>& genomes,
                                    const SpeciesConfig& config, std::size_t generation) {
  // Rank by current best fitness, ties to the older species (lower id).
  std::vector<std::size_t> rank(species.size());
  std::iota(rank.begin(), rank.end(), 0);
  std::vector<double> best(species.size());
  for (std::size_t s = 0; s < species.size(); ++s) best[s] = best_member_fitness(species[s], genomes);
  std::stable_sort(rank.begin(), rank.end(), [&](std::size_t a, std::size_t b) { return best[a] > best[b]; });

  std::vector<bool> remove(species.size(), false);
  for (std::size_t position = config.species_elitism; position < rank.size(); ++position) {
    const Species& s = species[rank[position]];
    remove[rank[position]] = generation - s.last_improved_generation >= config.max_stagnation;
  }
  std::size_t removed = 0;
  std::vector<Species> kept;
  for (std::size_t s = 0; s < species.size(); ++s) {
    if (remove[s])
      ++removed;
    else
      kept.push_back(std::move(species[s]));
  }
  species = std::move(kept);
  return removed;
}

}  // namespace convneat
