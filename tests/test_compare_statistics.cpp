// The statistics of `convneat compare` against textbook and hand-computed values (the
// Mann-Whitney figures agree with R's wilcox.test(x, y, exact = FALSE)).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "experiments/compare/progress_display.hpp"
#include "experiments/compare/statistics.hpp"

using namespace convneat::compare;

namespace {
constexpr double kUnsolved = std::numeric_limits<double>::infinity();
}

TEST_CASE("the Wilson interval matches the published values", "[compare]") {
  const Interval eight_of_ten = wilson_interval(8, 10);
  CHECK(eight_of_ten.low == Approx(0.4902).margin(5e-5));
  CHECK(eight_of_ten.high == Approx(0.9433).margin(5e-5));

  SECTION("no success still gives a non-empty interval from 0") {
    const Interval none = wilson_interval(0, 10);
    CHECK(none.low == 0.0);
    CHECK(none.high == Approx(0.2775).margin(5e-5));
  }
  SECTION("all successes give an interval ending at 1") {
    const Interval all = wilson_interval(10, 10);
    CHECK(all.low == Approx(0.7225).margin(5e-5));
    CHECK(all.high == 1.0);
  }
  SECTION("no trials: nothing is known") {
    CHECK(wilson_interval(0, 0).low == 0.0);
    CHECK(wilson_interval(0, 0).high == 1.0);
  }
}

TEST_CASE("median, mean and standard deviation", "[compare]") {
  CHECK(median({3, 1, 2}) == 2.0);
  CHECK(median({4, 1, 3, 2}) == 2.5);
  CHECK(std::isnan(median({})));
  CHECK(mean({1, 2, 6}) == 3.0);
  CHECK(standard_deviation({2, 4, 4, 4, 5, 5, 7, 9}) == Approx(2.13809).epsilon(1e-5));
}

TEST_CASE("Mann-Whitney U: separated samples, textbook value", "[compare]") {
  const MannWhitneyResult result = mann_whitney_u({1, 2, 3}, {4, 5, 6});
  CHECK(result.u_first == 0.0);
  CHECK(result.z == Approx(-1.745743).epsilon(1e-6));
  CHECK(result.p_value == Approx(0.0808556).epsilon(1e-5));  // R: W = 0, p-value = 0.08086
  CHECK(result.probability_first_smaller == 1.0);
  const MannWhitneyResult reversed = mann_whitney_u({4, 5, 6}, {1, 2, 3});
  CHECK(reversed.u_first == 9.0);
  CHECK(reversed.p_value == Approx(result.p_value));
}

TEST_CASE("Mann-Whitney U: ties and unsolved runs (+infinity) use mid-ranks and the tie correction", "[compare]") {
  // Pooled: 1 | 2 2 2 | 3 | inf inf inf → ranks 1 | 3 3 3 | 5 | 7 7 7.
  // R1 = 1 + 3 + 3 + 7 = 14, U1 = 14 − 4·5/2 = 4; σ² = 16/12 · (9 − (24 + 24)/56) = 10.857;
  // z = (4 − 8 + 0.5)/σ = −1.06221, p = 0.28814.
  const MannWhitneyResult result = mann_whitney_u({1, 2, 2, kUnsolved}, {2, 3, kUnsolved, kUnsolved});
  CHECK(result.u_first == 4.0);
  CHECK(result.z == Approx(-1.062210).epsilon(1e-5));
  CHECK(result.p_value == Approx(0.288140).epsilon(1e-5));
  CHECK(result.probability_first_smaller == Approx(0.75));

  SECTION("an unsolved run is worse than every solved run") {
    const MannWhitneyResult solved_vs_unsolved = mann_whitney_u({100000}, {kUnsolved});
    CHECK(solved_vs_unsolved.u_first == 0.0);
  }
  SECTION("everything tied: no evidence, p = 1") {
    const MannWhitneyResult tied = mann_whitney_u({kUnsolved, kUnsolved}, {kUnsolved, kUnsolved, kUnsolved});
    CHECK(tied.z == 0.0);
    CHECK(tied.p_value == 1.0);
  }
  SECTION("an empty sample gives no p-value") { CHECK(std::isnan(mann_whitney_u({}, {1, 2}).p_value)); }
}

TEST_CASE("Holm's adjustment is step-down and monotone", "[compare]") {
  const std::vector<double> adjusted = holm_adjust({0.01, 0.04, 0.03});
  CHECK(adjusted[0] == Approx(0.03));
  CHECK(adjusted[1] == Approx(0.06));  // 0.04·1 raised to the previous step's 0.06
  CHECK(adjusted[2] == Approx(0.06));  // 0.03·2
  const std::vector<double> with_nan = holm_adjust({0.5, std::nan(""), 0.9});
  CHECK(with_nan[0] == Approx(1.0));
  CHECK(std::isnan(with_nan[1]));
  CHECK(with_nan[2] == Approx(1.0));
}

TEST_CASE("the bootstrap interval of the median is deterministic and contains the median", "[compare]") {
  const std::vector<double> values{1500, 1650, 1800, 2100, 2250, 2550, 2700, 3000, 3300, 4500, 6000, 7500};
  const Interval first = bootstrap_median_interval(values, 2000, 2002);
  const Interval again = bootstrap_median_interval(values, 2000, 2002);
  CHECK(first.low == again.low);
  CHECK(first.high == again.high);
  CHECK(first.low <= median(values));
  CHECK(first.high >= median(values));
  CHECK(first.low >= values.front());
  CHECK(first.high <= values.back());
  CHECK(first.low < first.high);
  const Interval single = bootstrap_median_interval({42}, 100, 1);
  CHECK((single.low == 42 && single.high == 42));
  CHECK(std::isnan(bootstrap_median_interval({}, 100, 1).low));
}

TEST_CASE("the bootstrap interval of a difference of medians brackets the shift between two samples", "[compare]") {
  const std::vector<double> lower{0.51, 0.55, 0.56, 0.58, 0.60, 0.61, 0.63, 0.66};
  std::vector<double> shifted;
  for (double value : lower) shifted.push_back(value + 0.10);
  const Interval difference = bootstrap_median_difference_interval(shifted, lower, 4000, 2002);
  const Interval again = bootstrap_median_difference_interval(shifted, lower, 4000, 2002);
  CHECK((difference.low == again.low && difference.high == again.high));
  // Every resampled median lies within a sample's range, so the difference lies within
  // [min(shifted) − max(lower), max(shifted) − min(lower)] = [−0.05, 0.25]; the true shift
  // 0.10 is inside, and the interval is narrower than that bound.
  CHECK(difference.low <= 0.10);
  CHECK(difference.high >= 0.10);
  CHECK(difference.low >= 0.61 - 0.66 - 1e-12);
  CHECK(difference.high <= 0.76 - 0.51 + 1e-12);
  CHECK(difference.high - difference.low < 0.30);

  // Constant samples: every resample gives the same difference, exactly.
  const Interval constant = bootstrap_median_difference_interval({3, 3, 3}, {1, 1}, 500, 7);
  CHECK((constant.low == 2 && constant.high == 2));
  // Well-separated samples give an interval that excludes 0 on the right side.
  const Interval separated = bootstrap_median_difference_interval({10, 11, 12, 13}, {1, 2, 3, 4}, 1000, 1);
  CHECK(separated.low > 0);
  const Interval reversed = bootstrap_median_difference_interval({1, 2, 3, 4}, {10, 11, 12, 13}, 1000, 1);
  CHECK(reversed.high < 0);
  // No difference to speak of: an empty sample, or an unsolved run's +infinity.
  CHECK(std::isnan(bootstrap_median_difference_interval({}, {1}, 100, 1).low));
  CHECK(std::isnan(bootstrap_median_difference_interval({1, std::numeric_limits<double>::infinity()}, {1}, 100, 1).high));
}

TEST_CASE("the progress line extrapolates the pace of this session's runs", "[compare]") {
  CHECK(ProgressDisplay::line(37, 0, 240, 12.0) == "runs 37/240, elapsed 12 s, about 66 s left");
  CHECK(ProgressDisplay::line(110, 100, 200, 10.0) == "runs 110/200, elapsed 10 s, about 90 s left");
  CHECK(ProgressDisplay::line(10, 0, 100, 20.0) == "runs 10/100, elapsed 20 s, about 3 min 0 s left");
  CHECK(ProgressDisplay::line(240, 0, 240, 70.0) == "runs 240/240, elapsed 70 s");
  CHECK(ProgressDisplay::line(100, 100, 240, 0.0) == "runs 100/240, elapsed 0 s");
}

TEST_CASE("the progress line names the runs in progress and counts each by the share of its generations done",
          "[compare]") {
  // 1 run done and two halves in 20 s: 2 runs' worth, 10 s each; 10 − 1 − 1 left: 80 s.
  const std::map<std::string, RunningRun> two{{"xor/a/seed-2", {50, 100}}, {"xor/b/seed-2", {25, 50}}};
  CHECK(ProgressDisplay::line(1, 0, 10, 20.0, two) ==
        "runs 1/10, elapsed 20 s, about 80 s left, running xor/a/seed-2 gen 50/100, xor/b/seed-2 gen 25/50");
  // Nothing finished yet, but a run half done already gives a pace.
  CHECK(ProgressDisplay::line(0, 0, 4, 5.0, {{"t/v/seed-1", {10, 20}}}) ==
        "runs 0/4, elapsed 5 s, about 35 s left, running t/v/seed-1 gen 10/20");
  std::map<std::string, RunningRun> five;
  for (int seed = 1; seed <= 5; ++seed) five["t/v/seed-" + std::to_string(seed)] = {1, 10};
  CHECK_THAT(ProgressDisplay::line(0, 0, 5, 1.0, five),
             Catch::EndsWith("running t/v/seed-1 gen 1/10, t/v/seed-2 gen 1/10, t/v/seed-3 gen 1/10 and 2 more"));
}
