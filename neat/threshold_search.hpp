#pragma once
// The `search` threshold control: before each speciation the threshold is chosen by trial
// speciations so that the species count is the one nearest /species/target_species.
//
// Feedback control (additive, proportional) lags one generation behind the count it steers,
// and where the count is a steep function of the threshold — a population of 1,000 genomes a
// few mutations apart, as on the double pole — it swings between one species and dozens.
// Searching needs no gain and no scale: from the last threshold it doubles or halves until
// the count crosses the target, then halves the bracket on a logarithmic scale. Each trial
// is a whole speciation on a copy (merging first when /species/merge_species is on), so the
// chosen threshold gives exactly the species the real speciation then makes. δ does not depend
// on the threshold: the trials share one DistanceMemo, and only the first computes much.
#include <cstddef>
#include <vector>

#include "genome/genome.hpp"
#include "genome/genome_config.hpp"
#include "neat/species.hpp"

namespace convneat {

struct ThresholdSearch {
  std::size_t target = 8;
  double minimum = 1e-6;  // the threshold never goes below this
  bool merge = false;     // trials merge close species first, as the speciation will
};

// The threshold, found from `start`, whose speciation of `genomes` against `species` gives a
// count nearest the target (the first found of equally near ones). Deterministic: a function
// of its arguments only. The trials' distances are left in `memo`, for the speciation that
// follows (of the same genomes against the same species).
double search_threshold(const SpeciesSet& species, const std::vector<Genome>& genomes, const GenomeConfig& config,
                        const ThresholdSearch& search, double start, std::size_t generation, DistanceMemo& memo);

}  // namespace convneat
