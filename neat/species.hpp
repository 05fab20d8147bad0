#pragma once
// Species and the speciation step. A genome joins the species whose representative (carried
// over from the previous generation) is nearest, if nearer than the compatibility threshold;
// otherwise it founds a new species. A species' next representative is the member nearest
// to its current one, which keeps species identities stable from one generation to the next.
#include <cstdint>
#include <limits>
#include <vector>

#include <nlohmann/json.hpp>

#include "genome/genome_config.hpp"
#include "genome/genome.hpp"

namespace convneat {

struct Species {
  std::uint64_t id = 0;
  Genome representative;
  std::vector<std::size_t> members;  // indices into the population's genomes
  std::size_t created_generation = 0;
  std::size_t last_improved_generation = 0;
  double best_fitness_ever = -std::numeric_limits<double>::infinity();
  // Best member fitness when the species' champion last took the task's champion test.
  double tested_fitness = -std::numeric_limits<double>::infinity();
};

class SpeciesSet {
 public:
  // Species whose representatives are nearer than `threshold` become one, before a
  // speciation: walking the species oldest first, each joins the nearest older species kept
  // within the threshold, which keeps its id and takes the better of the two records (the
  // later improvement, the higher best fitness, the higher fitness at its last champion test). Without it a species outlives a
  // rising threshold until it stagnates; with it the threshold means the same for species as
  // for genomes.
  void merge_close_species(const GenomeConfig& config, double threshold);

  // Reassigns every genome; empty species disappear; representatives move.
  void speciate(const std::vector<Genome>& genomes, const GenomeConfig& config, double threshold,
                std::size_t generation);

  std::vector<Species>& species() { return species_; }
  const std::vector<Species>& species() const { return species_; }
  void clear() { species_.clear(); }

  nlohmann::json save_state() const;
  void load_state(const nlohmann::json& state);

 private:
  std::vector<Species> species_;  // ordered by id
  std::uint64_t next_species_id_ = 1;
};

}  // namespace convneat
