#pragma once
// Making the next generation from the surviving species, each given its allotment:
// per-species elitism (the best members copied unchanged), then offspring of the best
// `survival_threshold` fraction — crossover with `crossover_rate` (the second parent from
// another species with `interspecies_mating_rate`), else a clone — every offspring mutated.
// Crossover and parametric mutation run in parallel; the result is the same for any number of
// threads (reproduction.cpp says how).
#include <vector>

#include "genome/innovation/innovation_policy.hpp"
#include "neat/config.hpp"
#include "neat/species.hpp"

namespace convneat {

struct ReproductionContext {
  const NeatConfig& config;
  InnovationPolicy& innovations;
  std::uint64_t seed;
  std::size_t generation;      // the parents' generation
  GenomeId& next_genome_id;    // advanced for every new offspring
  std::size_t threads = 0;     // oneTBB threads for crossover and parametric mutation (0: every core)
};

std::vector<Genome> reproduce(const std::vector<Genome>& genomes, const std::vector<Species>& species,
                              const std::vector<std::size_t>& allotment, ReproductionContext& context);

}  // namespace convneat
