#include "neat/threshold_search.hpp"

#include <algorithm>
#include <cmath>

namespace convneat {
namespace {

// Doublings or halvings tried before the count is taken as out of reach: 2^60 spans any δ.
constexpr int kMostBracketSteps = 60;
// Halvings of the bracket's logarithm: 2^(1/256) apart at the end, finer than any count needs.
constexpr int kBisections = 8;
constexpr double kLargestThreshold = 1e12;

class Trials {
 public:
  Trials(const SpeciesSet& species, const std::vector<Genome>& genomes, const GenomeConfig& config,
         const ThresholdSearch& search, std::size_t generation, DistanceMemo& memo)
      : species_(species), genomes_(genomes), config_(config), search_(search), generation_(generation), memo_(memo) {}

  // The species a speciation at `threshold` makes; remembers the threshold nearest the target.
  std::size_t count(double threshold) {
    SpeciesSet trial = species_;
    if (search_.merge) trial.merge_close_species(config_, threshold, &memo_);
    trial.speciate(genomes_, config_, threshold, generation_, &memo_);
    const std::size_t count = trial.species().size();
    const std::size_t gap = count > search_.target ? count - search_.target : search_.target - count;
    if (gap < best_gap_) best_gap_ = gap, best_ = threshold;
    return count;
  }
  bool exact() const { return best_gap_ == 0; }
  double best() const { return best_; }

 private:
  const SpeciesSet& species_;
  const std::vector<Genome>& genomes_;
  const GenomeConfig& config_;
  const ThresholdSearch& search_;
  std::size_t generation_;
  DistanceMemo& memo_;
  std::size_t best_gap_ = static_cast<std::size_t>(-1);
  double best_ = 0.0;
};

}  // namespace

double search_threshold(const SpeciesSet& species, const std::vector<Genome>& genomes, const GenomeConfig& config,
                        const ThresholdSearch& search, double start, std::size_t generation, DistanceMemo& memo) {
  Trials trials(species, genomes, config, search, generation, memo);
  double threshold = std::clamp(start, search.minimum, kLargestThreshold);
  const bool too_many = trials.count(threshold) > search.target;
  if (trials.exact()) return trials.best();

  // Bracket: `low` gives at least the target, `high` at most (a higher threshold, fewer species).
  double low = threshold, high = threshold;
  bool bracketed = false;
  for (int step = 0; step < kMostBracketSteps && !bracketed; ++step) {
    const double next =
        too_many ? std::min(threshold * 2.0, kLargestThreshold) : std::max(threshold / 2.0, search.minimum);
    if (next == threshold) break;  // at a bound: the nearest count found is the answer
    const std::size_t count = trials.count(next);
    if (trials.exact()) return trials.best();
    bracketed = too_many ? count < search.target : count > search.target;
    (too_many ? low : high) = threshold;
    (too_many ? high : low) = next;
    threshold = next;
  }
  if (!bracketed) return trials.best();

  for (int i = 0; i < kBisections; ++i) {
    const double middle = std::sqrt(low * high);
    const std::size_t count = trials.count(middle);
    if (trials.exact()) break;
    (count > search.target ? low : high) = middle;
  }
  return trials.best();
}

}  // namespace convneat
