// Curves over seeds (experiments/compare/seed_curves.hpp): each variant's median over its runs
// per generation, runs that ended keeping their last value, the best validation accuracy so far,
// and the bootstrap band around the median.
#include <catch2/catch.hpp>

#include <cmath>
#include <optional>
#include <vector>

#include "experiments/compare/seed_curves.hpp"

using namespace convneat;
using namespace convneat::compare;
using pictures::GenerationPoint;
using pictures::RunCurves;

namespace {

// A run of one generation per value, 10 evaluations per generation.
RunCurves run_of(const std::vector<double>& best) {
  RunCurves run;
  for (std::size_t g = 0; g < best.size(); ++g)
    run.points.push_back({g, best[g], 0.0, 0.0, std::nullopt, std::nullopt, 10 * (g + 1)});
  return run;
}

}  // namespace

TEST_CASE("a curve over seeds is the median per generation, an ended run keeping its last value") {
  const std::vector<RunCurves> runs{run_of({1, 2, 3, 4}), run_of({2, 2}), run_of({0, 5, 6, 7})};
  const std::vector<CurvePoint> curve = seed_curve(runs, CurveQuantity::best_fitness);
  REQUIRE(curve.size() == 4);
  CHECK(curve[0].median == 1.0);  // {1, 2, 0}
  CHECK(curve[1].median == 2.0);  // {2, 2, 5}
  CHECK(curve[3].median == 4.0);  // {4, 2 kept, 7}
  CHECK(curve[3].runs == 3);
  CHECK(curve[3].evaluations == 40.0);  // of the runs still running
  for (const CurvePoint& point : curve) {
    CHECK(point.low <= point.median);
    CHECK(point.median <= point.high);
  }
  CHECK(curve[1].low >= 2.0);  // every resample of {2, 2, 5} has a median of 2 or 5
  // The band is a pure function of the values: the same again.
  const std::vector<CurvePoint> again = seed_curve(runs, CurveQuantity::best_fitness);
  CHECK(again[2].low == curve[2].low);
  CHECK(again[2].high == curve[2].high);
}

TEST_CASE("a long curve is thinned to evenly spaced generations, the first and the last kept") {
  std::vector<double> values(1000);
  for (std::size_t g = 0; g < values.size(); ++g) values[g] = static_cast<double>(g);
  const std::vector<CurvePoint> curve = seed_curve({run_of(values)}, CurveQuantity::best_fitness, 100);
  REQUIRE(curve.size() == 100);
  CHECK(curve.front().generation == 0);
  CHECK(curve.back().generation == 999);
  CHECK(curve.back().median == 999.0);
  CHECK(curve[50].generation == 505);  // round(50 · 999 / 99)
}

TEST_CASE("the best validation accuracy so far, and the test accuracy of the genome that reached it") {
  RunCurves run = run_of({0, 0, 0, 0, 0});
  const std::vector<std::optional<double>> validation{std::nullopt, 0.5, 0.4, 0.5, 0.7};
  const std::vector<std::optional<double>> test{std::nullopt, 0.45, 0.9, 0.6, 0.65};
  for (std::size_t g = 0; g < 5; ++g) run.points[g].validation_accuracy = validation[g], run.points[g].test_accuracy = test[g];
  const std::vector<double> champion = run_values(run, CurveQuantity::best_validation_accuracy);
  REQUIRE(champion.size() == 5);
  CHECK(std::isnan(champion[0]));
  CHECK(champion[1] == 0.5);
  CHECK(champion[2] == 0.5);  // 0.4 is worse
  CHECK(champion[3] == 0.5);  // a tie does not replace the champion
  CHECK(champion[4] == 0.7);
  const std::vector<double> tested = run_values(run, CurveQuantity::best_validated_test_accuracy);
  CHECK(tested[2] == 0.45);  // generation 2's 0.9 belongs to a genome that was not the champion
  CHECK(tested[3] == 0.45);
  CHECK(tested[4] == 0.65);
  // Where no run has a value yet, no point is drawn.
  const std::vector<CurvePoint> curve = seed_curve({run}, CurveQuantity::best_validation_accuracy);
  REQUIRE(curve.size() == 4);
  CHECK(curve.front().generation == 1);
  CHECK(seed_curve({run_of({1, 2})}, CurveQuantity::best_validated_test_accuracy).empty());
}
