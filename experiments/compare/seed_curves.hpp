#pragma once
// Curves over seeds, the standard figure of a paper: for each variant of a task, one quantity
// per generation across its runs (their generations.csv, kept in runs/TASK/VARIANT/seed-N by
// single_run.hpp), drawn against the evaluations made so far as the median over seeds with a
// 95 % percentile-bootstrap interval of that median (the report's intervals, statistics.hpp).
//
//   best_fitness                   the generation's best fitness
//   best_validation_accuracy       the best validation accuracy of the genomes tested so far
//                                  (one a generation): the run's champion so far when it is
//                                  chosen by validation, /task/champion_selection's default
//   best_validated_test_accuracy   the test accuracy of that genome, where the run tested
//                                  every generation (/task/test_every_generation)
//
// A run that ended before the others (solved, or extinct) keeps its last value: a curve's
// median is always over every run that has reached a value.
#include <cstddef>
#include <string>
#include <vector>

#include "experiments/pictures/run_curves.hpp"

namespace convneat::compare {

enum class CurveQuantity { best_fitness, best_validation_accuracy, best_validated_test_accuracy };

struct CurvePoint {
  std::size_t generation = 0;
  double evaluations = 0.0;  // median over the runs that reached this generation
  double median = 0.0, low = 0.0, high = 0.0;
  std::size_t runs = 0;      // runs with a value here
};

// A run's value of `quantity` at each of its generations; NaN where it has none yet.
std::vector<double> run_values(const pictures::RunCurves& run, CurveQuantity quantity);

// The curve over `runs` of one variant: every generation up to the longest run's last when
// there are at most `max_points`, else evenly spaced ones and the last. Generations where no
// run has a value are left out. The bootstrap draws 1,000 resamples seeded by the generation,
// so the band is a pure function of the files.
std::vector<CurvePoint> seed_curve(const std::vector<pictures::RunCurves>& runs, CurveQuantity quantity,
                                   std::size_t max_points = 250);

}  // namespace convneat::compare
