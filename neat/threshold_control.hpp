#pragma once
// The dynamic compatibility threshold: after each speciation the threshold moves toward the
// value that gives /species/target_species species.
//
// additive (Stanley's NEAT code): ± threshold_step a generation, never below threshold_min.
//   The step is in δ's own units, so it suits one scale of distance: on XOR it overshoots
//   (species founded at once when the threshold falls outlive its rise, and the threshold
//   keeps climbing meanwhile), on image genomes, whose δ between relatives is a few
//   hundredths, it sits at the floor and every genome is one species.
// proportional: multiplied by (species / target)^threshold_gain, the factor kept within
//   [1/2, 2], never below threshold_min. Scale-free: it finds δ's scale in a few generations
//   whatever the task (halving from 3.0 reaches 0.01 in 9), and it moves less the nearer the
//   count is to the target — once threshold_min is below that scale (its default 0.3 is
//   additive control's; image genomes need about 0.01–0.1, so 1e-6 is a safe floor). It
//   needs /species/merge_species: species founded while the threshold was low otherwise
//   outlive its rise, the count stays high and the threshold climbs without bound.
// search: no feedback; before each speciation the threshold giving the count nearest the
//   target is found by trial speciations (neat/threshold_search.hpp). steer() leaves it be.
#include <cstddef>

#include "genome/name_table.hpp"

namespace convneat {

enum class ThresholdControl { additive, proportional, search };

inline constexpr auto kThresholdControls = name_table<ThresholdControl>({
    {ThresholdControl::additive, "additive"},
    {ThresholdControl::proportional, "proportional"},
    {ThresholdControl::search, "search"},
});

struct ThresholdController {
  ThresholdControl kind = ThresholdControl::additive;
  std::size_t target = 8;  // species
  double step = 0.3;       // additive: δ per generation
  double gain = 1.0;       // proportional: the exponent of species / target
  double minimum = 0.3;    // the floor of all three

  // The threshold for the next generation, after one with `species_count` species.
  double steer(double threshold, std::size_t species_count) const;
};

}  // namespace convneat
