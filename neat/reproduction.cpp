#include "neat/reproduction.hpp"

#include <algorithm>
#include <cmath>

#include "genome/crossover.hpp"
#include "genome/mutation.hpp"
#include "genome/mutation_schedule.hpp"

namespace convneat {
namespace {

// Members best first; ties to the lower genome id so the order never depends on chance.
std::vector<const Genome*> ranked_members(const Species& species, const std::vector<Genome>& genomes) {
  std::vector<const Genome*> ranked;
  for (std::size_t member : species.members) ranked.push_back(&genomes[member]);
  std::sort(ranked.begin(), ranked.end(), [](const Genome* a, const Genome* b) {
    return a->fitness != b->fitness ? a->fitness > b->fitness : a->id < b->id;
  });
  return ranked;
}

std::size_t survivor_count(std::size_t size, double survival_threshold) {
  const auto count = static_cast<std::size_t>(std::ceil(survival_threshold * static_cast<double>(size)));
  return std::clamp<std::size_t>(count, 1, size);
}

class SpeciesBreeder {
 public:
  SpeciesBreeder(const std::vector<std::vector<const Genome*>>& parents, ReproductionContext& context)
      : parents_(parents),
        context_(context),
        mutation_config_(with_scaled_mutate_powers(context.config.genome,
                                                   mutate_power_scale(context.config.genome, context.generation))) {}

  Genome offspring(std::size_t species_index, RandomStream& selection) {
    const auto& own = parents_[species_index];
    const Genome& first = *own[selection.index(own.size())];
    const GenomeId id = context_.next_genome_id++;
    RandomStream random(context_.seed, context_.generation, id, Purpose::reproduction);

    Genome child;
    if (selection.chance(context_.config.reproduction.crossover_rate)) {
      const Genome& second = pick_mate(species_index, selection);
      child = &first == &second ? first : crossover(first, second, context_.config.genome, random);
    } else {
      child = first;
    }
    child.id = id;
    child.fitness = 0.0;
    MutationContext mutation{mutation_config_, context_.innovations, random};
    mutate(child, mutation);
    return child;
  }

 private:
  const Genome& pick_mate(std::size_t species_index, RandomStream& selection) {
    std::size_t mate_species = species_index;
    if (parents_.size() > 1 && selection.chance(context_.config.reproduction.interspecies_mating_rate)) {
      mate_species = selection.index(parents_.size() - 1);
      if (mate_species >= species_index) ++mate_species;  // any species but this one
    }
    const auto& pool = parents_[mate_species];
    return *pool[selection.index(pool.size())];
  }

  const std::vector<std::vector<const Genome*>>& parents_;
  ReproductionContext& context_;
  const GenomeConfig mutation_config_;  // this generation's step sizes (genome/mutation_schedule.hpp)
};

}  // namespace

std::vector<Genome> reproduce(const std::vector<Genome>& genomes, const std::vector<Species>& species,
                              const std::vector<std::size_t>& allotment, ReproductionContext& context) {
  const ReproductionConfig& config = context.config.reproduction;
  std::vector<std::vector<const Genome*>> ranked, parents;
  for (const Species& s : species) {
    ranked.push_back(ranked_members(s, genomes));
    const auto& all = ranked.back();
    parents.emplace_back(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(
                                                        survivor_count(all.size(), config.survival_threshold)));
  }

  SpeciesBreeder breeder(parents, context);
  std::vector<Genome> next;
  for (std::size_t s = 0; s < species.size(); ++s) {
    std::size_t elites = 0;
    if (ranked[s].size() >= config.elitism_min_species_size)
      elites = std::min({config.elitism, allotment[s], ranked[s].size()});
    for (std::size_t e = 0; e < elites; ++e) next.push_back(*ranked[s][e]);
    RandomStream selection(context.seed, context.generation, species[s].id, Purpose::parent_selection);
    for (std::size_t k = elites; k < allotment[s]; ++k) next.push_back(breeder.offspring(s, selection));
  }
  return next;
}

}  // namespace convneat
