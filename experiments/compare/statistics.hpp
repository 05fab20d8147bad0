#pragma once
// The statistics a comparison reports, each with the formula it computes. Unsolved runs
// enter rank tests as +infinity: worse than every solved run, tied with each other.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace convneat::compare {

struct Interval {
  double low = 0.0;
  double high = 0.0;
};

// Wilson score interval for a binomial proportion k/n:
//   (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n),  z = Φ⁻¹(1 − α/2).
// Unlike p ± z·sqrt(p(1−p)/n) it stays inside [0, 1] and is not empty at k = 0 or k = n.
// n = 0 gives [0, 1].
Interval wilson_interval(std::size_t successes, std::size_t trials, double confidence = 0.95);

// The middle value (mean of the two middle values for an even count); NaN when empty.
double median(std::vector<double> values);
double mean(const std::vector<double>& values);                // NaN when empty
double standard_deviation(const std::vector<double>& values);  // sample (n − 1); NaN below 2

// Percentile bootstrap interval of the median: `resamples` resamples with replacement
// drawn from a Boost.Random mt19937_64 seeded with `seed`, so the interval is a pure
// function of (values, resamples, seed). NaN bounds when `values` is empty.
Interval bootstrap_median_interval(const std::vector<double>& values, std::size_t resamples, std::uint64_t seed,
                                   double confidence = 0.95);

// Percentile bootstrap interval of median(first) − median(second): each resample draws
// both samples anew, independently and with replacement (first, then second, from one
// mt19937_64 seeded with `seed`). NaN bounds when a sample is empty or holds a non-finite
// value (an unsolved run's +infinity has no difference to speak of).
Interval bootstrap_median_difference_interval(const std::vector<double>& first, const std::vector<double>& second,
                                              std::size_t resamples, std::uint64_t seed, double confidence = 0.95);

struct MannWhitneyResult {
  std::size_t first_count = 0;
  std::size_t second_count = 0;
  double u_first = 0.0;   // pairs (x, y) with x > y, plus half the tied pairs
  double z = 0.0;         // normal approximation, tie-corrected, with continuity correction
  double p_value = 1.0;   // two-sided; NaN when a sample is empty
  // P(X < Y) + ½·P(X = Y) = 1 − U₁/(n₁n₂): how often a `first` value is the smaller.
  double probability_first_smaller = 0.5;
};

// Mann-Whitney U (Wilcoxon rank-sum) test, two-sided, by the normal approximation as R's
// wilcox.test(exact = FALSE, correct = TRUE):
//   U₁ = R₁ − n₁(n₁+1)/2, μ = n₁n₂/2, σ² = n₁n₂/12 · ((N+1) − Σ(t³−t)/(N(N−1))),
//   z = (U₁ − μ − ½·sign(U₁ − μ)) / σ, p = 2·(1 − Φ(|z|)); p = 1 when σ = 0.
// Values may be +infinity (unsolved runs): they tie with each other and rank last.
MannWhitneyResult mann_whitney_u(const std::vector<double>& first, const std::vector<double>& second);

// Holm's step-down adjustment of a family of p-values (same order as given): the i-th
// smallest becomes max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎). NaN stays NaN and is not counted.
std::vector<double> holm_adjust(const std::vector<double>& p_values);

}  // namespace convneat::compare
