#pragma once
// Species and the speciation step. A genome joins the species whose representative (carried
// over from the previous generation) is nearest, if nearer than the compatibility threshold;
// otherwise it founds a new species. A species' next representative is the member nearest
// to its current one, which keeps species identities stable from one generation to the next.
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "genome/genome_config.hpp"
#include "genome/genome.hpp"
#include "genome/genome_json.hpp"

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

// Distances a speciation has computed, kept for the next speciation of the same genomes
// against the same species set: the search threshold control speciates the one population
// some ten times at different thresholds, and δ does not depend on the threshold. A
// representative is known by its species id when it was carried into the speciation, or by
// the index of the genome that founded its species there. Valid for one population and one
// species set only; the distances are the very values compatibility_distance returns, with
// the arguments in the same order, so a speciation gives the same species with or without it.
class DistanceMemo {
 public:
  enum class Pair : std::uint8_t {
    genome_to_carried,  // a genome's index, a carried species' id
    genome_to_founder,  // a genome's index, its species' founder's index
    carried_to_carried  // merging: a species' id, an older species' id
  };

  template <class Compute>
  double get(Pair pair, std::uint64_t first, std::uint64_t second, Compute compute) {
    const Key key{pair, first, second};
    if (const auto found = distances_.find(key); found != distances_.end()) return found->second;
    const double distance = compute();
    if (distances_.size() < kMostDistances) distances_.emplace(key, distance);
    return distance;
  }

 private:
  struct Key {
    Pair pair;
    std::uint64_t first, second;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const {
      const std::uint64_t mixed = (key.first * 0x9E3779B97F4A7C15ull) ^ (key.second + 0x632BE59BD9B4E019ull) ^
                                  static_cast<std::uint64_t>(key.pair);
      return std::hash<std::uint64_t>()(mixed);
    }
  };
  // A trial at a low threshold makes every genome a species of its own, and a population of
  // N such genomes N²/2 distances; past this many (some 300 MB) distances are computed again
  // rather than kept, which costs time, never a different answer.
  static constexpr std::size_t kMostDistances = std::size_t{1} << 22;
  std::unordered_map<Key, double, KeyHash> distances_;
};

class SpeciesSet {
 public:
  // Species whose representatives are nearer than `threshold` become one, before a
  // speciation: walking the species oldest first, each joins the nearest older species kept
  // within the threshold, which keeps its id and takes the better of the two records (the
  // later improvement, the higher best fitness, the higher fitness at its last champion test). Without it a species outlives a
  // rising threshold until it stagnates; with it the threshold means the same for species as
  // for genomes.
  void merge_close_species(const GenomeConfig& config, double threshold, DistanceMemo* memo = nullptr);

  // Reassigns every genome; empty species disappear; representatives move. `memo`, when given,
  // serves and keeps the distances (see DistanceMemo).
  void speciate(const std::vector<Genome>& genomes, const GenomeConfig& config, double threshold,
                std::size_t generation, DistanceMemo* memo = nullptr);

  std::vector<Species>& species() { return species_; }
  const std::vector<Species>& species() const { return species_; }
  void clear() { species_.clear(); }
  std::uint64_t next_species_id() const { return next_species_id_; }

  // Representatives' gene lists as `lists` says (packed in binary checkpoints).
  nlohmann::json save_state(GeneLists lists = GeneLists::objects) const;
  void load_state(const nlohmann::json& state);

 private:
  std::vector<Species> species_;  // ordered by id
  std::uint64_t next_species_id_ = 1;
};

}  // namespace convneat
