#include "experiments/compare/seed_curves.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "experiments/compare/statistics.hpp"

namespace convneat::compare {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

// Generations 0 … last, or `count` of them evenly spaced, the first and the last included.
std::vector<std::size_t> sampled_generations(std::size_t last, std::size_t count) {
  std::vector<std::size_t> generations;
  if (last + 1 <= count) {
    for (std::size_t g = 0; g <= last; ++g) generations.push_back(g);
    return generations;
  }
  for (std::size_t i = 0; i < count; ++i)
    generations.push_back(static_cast<std::size_t>(std::llround(static_cast<double>(i) * static_cast<double>(last) /
                                                                static_cast<double>(count - 1))));
  generations.erase(std::unique(generations.begin(), generations.end()), generations.end());
  return generations;
}

// The tested genome with the best validation accuracy yet at each generation (a later one
// replaces it only when strictly better): its validation accuracy, or its test accuracy.
std::vector<double> best_validated_values(const pictures::RunCurves& run, bool test) {
  std::vector<double> values;
  double best_validation = -std::numeric_limits<double>::infinity();
  double value = kMissing;
  for (const pictures::GenerationPoint& point : run.points) {
    if (point.validation_accuracy && *point.validation_accuracy > best_validation) {
      best_validation = *point.validation_accuracy;
      value = test ? point.test_accuracy.value_or(kMissing) : best_validation;
    }
    values.push_back(value);
  }
  return values;
}

}  // namespace

std::vector<double> run_values(const pictures::RunCurves& run, CurveQuantity quantity) {
  switch (quantity) {
    case CurveQuantity::best_fitness: {
      std::vector<double> values;
      for (const pictures::GenerationPoint& point : run.points) values.push_back(point.best_fitness);
      return values;
    }
    case CurveQuantity::best_validation_accuracy: return best_validated_values(run, false);
    case CurveQuantity::best_validated_test_accuracy: return best_validated_values(run, true);
  }
  return {};
}

std::vector<CurvePoint> seed_curve(const std::vector<pictures::RunCurves>& runs, CurveQuantity quantity,
                                   std::size_t max_points) {
  std::vector<std::vector<double>> values;
  std::size_t longest = 0;
  for (const pictures::RunCurves& run : runs) {
    values.push_back(run_values(run, quantity));
    longest = std::max(longest, run.points.size());
  }
  std::vector<CurvePoint> curve;
  if (longest == 0) return curve;
  for (std::size_t generation : sampled_generations(longest - 1, std::max<std::size_t>(max_points, 2))) {
    std::vector<double> here, evaluations;
    for (std::size_t r = 0; r < runs.size(); ++r) {
      if (values[r].empty()) continue;
      const double value = values[r][std::min(generation, values[r].size() - 1)];  // an ended run keeps its last
      if (!std::isnan(value)) here.push_back(value);
      if (generation < runs[r].points.size())
        evaluations.push_back(static_cast<double>(runs[r].points[generation].evaluations));
    }
    if (here.empty()) continue;
    const Interval band = bootstrap_median_interval(here, 1000, generation);
    curve.push_back({generation, median(evaluations), median(here), band.low, band.high, here.size()});
  }
  return curve;
}

}  // namespace convneat::compare
