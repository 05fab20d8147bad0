#include "experiments/compare/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <boost/math/distributions/normal.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>

namespace convneat::compare {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double two_sided_quantile(double confidence) {
  const boost::math::normal standard_normal;
  return boost::math::quantile(boost::math::complement(standard_normal, (1.0 - confidence) / 2.0));
}

// Average (mid) ranks, 1-based, of `values`; also Σ(t³ − t) over the groups of ties.
std::vector<double> mid_ranks(const std::vector<double>& values, double& tie_sum) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  tie_sum = 0.0;
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start + 1;
    while (end < order.size() && values[order[end]] == values[order[start]]) ++end;
    const double rank = (static_cast<double>(start + 1) + static_cast<double>(end)) / 2.0;
    for (std::size_t i = start; i < end; ++i) ranks[order[i]] = rank;
    const double ties = static_cast<double>(end - start);
    tie_sum += ties * ties * ties - ties;
    start = end;
  }
  return ranks;
}

// The median of one resample of `values`, drawn with replacement.
double resampled_median_of(const std::vector<double>& values, boost::random::mt19937_64& generator) {
  boost::random::uniform_int_distribution<std::size_t> pick(0, values.size() - 1);
  std::vector<double> resample(values.size());
  for (double& value : resample) value = values[pick(generator)];
  return median(std::move(resample));
}

// The central `confidence` part of the bootstrap statistics, by the percentile method.
Interval percentile_interval(std::vector<double> statistics, double confidence) {
  std::sort(statistics.begin(), statistics.end());
  const double tail = (1.0 - confidence) / 2.0;
  const auto last = static_cast<double>(statistics.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(tail * last));
  const auto high = static_cast<std::size_t>(std::ceil((1.0 - tail) * last));
  return {statistics[low], statistics[high]};
}

}  // namespace

Interval wilson_interval(std::size_t successes, std::size_t trials, double confidence) {
  if (trials == 0) return {0.0, 1.0};
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z = two_sided_quantile(confidence);
  const double z2 = z * z;
  const double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
  const double half_width = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / (1.0 + z2 / n);
  // At k = 0 and k = n the bounds are exactly 0 and 1; rounding would miss them by an ulp.
  return {successes == 0 ? 0.0 : centre - half_width, successes == trials ? 1.0 : centre + half_width};
}

double median(std::vector<double> values) {
  if (values.empty()) return kNaN;
  const std::size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle), values.end());
  const double upper = values[middle];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle));
  return (lower + upper) / 2.0;
}

double mean(const std::vector<double>& values) {
  if (values.empty()) return kNaN;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

double standard_deviation(const std::vector<double>& values) {
  if (values.size() < 2) return kNaN;
  const double centre = mean(values);
  double squares = 0.0;
  for (double value : values) squares += (value - centre) * (value - centre);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

Interval bootstrap_median_interval(const std::vector<double>& values, std::size_t resamples, std::uint64_t seed,
                                   double confidence) {
  if (values.empty() || resamples == 0) return {kNaN, kNaN};
  boost::random::mt19937_64 generator(seed);
  std::vector<double> medians(resamples);
  for (double& resampled_median : medians) resampled_median = resampled_median_of(values, generator);
  return percentile_interval(medians, confidence);
}

Interval bootstrap_median_difference_interval(const std::vector<double>& first, const std::vector<double>& second,
                                              std::size_t resamples, std::uint64_t seed, double confidence) {
  const auto finite = [](const std::vector<double>& values) {
    return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
  };
  if (first.empty() || second.empty() || resamples == 0 || !finite(first) || !finite(second)) return {kNaN, kNaN};
  boost::random::mt19937_64 generator(seed);
  std::vector<double> differences(resamples);
  for (double& difference : differences) {
    const double first_median = resampled_median_of(first, generator);
    difference = first_median - resampled_median_of(second, generator);
  }
  return percentile_interval(differences, confidence);
}

MannWhitneyResult mann_whitney_u(const std::vector<double>& first, const std::vector<double>& second) {
  MannWhitneyResult result;
  result.first_count = first.size();
  result.second_count = second.size();
  if (first.empty() || second.empty()) {
    result.p_value = result.z = result.u_first = result.probability_first_smaller = kNaN;
    return result;
  }
  std::vector<double> pooled(first);
  pooled.insert(pooled.end(), second.begin(), second.end());
  double tie_sum = 0.0;
  const std::vector<double> ranks = mid_ranks(pooled, tie_sum);
  const double n1 = static_cast<double>(first.size()), n2 = static_cast<double>(second.size()), n = n1 + n2;
  const double rank_sum_first = std::accumulate(ranks.begin(), ranks.begin() + static_cast<std::ptrdiff_t>(first.size()), 0.0);
  result.u_first = rank_sum_first - n1 * (n1 + 1.0) / 2.0;
  result.probability_first_smaller = 1.0 - result.u_first / (n1 * n2);

  const double variance = n1 * n2 / 12.0 * ((n + 1.0) - tie_sum / (n * (n - 1.0)));
  if (variance <= 0.0) return result;  // every value tied: no evidence either way, z = 0, p = 1
  const double difference = result.u_first - n1 * n2 / 2.0;
  const double continuity = difference > 0 ? 0.5 : (difference < 0 ? -0.5 : 0.0);
  result.z = (difference - continuity) / std::sqrt(variance);
  const boost::math::normal standard_normal;
  result.p_value = std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(standard_normal, std::fabs(result.z))));
  return result;
}

std::vector<double> holm_adjust(const std::vector<double>& p_values) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p_values.size(); ++i)
    if (!std::isnan(p_values[i])) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  std::vector<double> adjusted(p_values.size(), kNaN);
  const auto family = static_cast<double>(order.size());
  double running_max = 0.0;
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const double scaled = std::min(1.0, (family - static_cast<double>(rank)) * p_values[order[rank]]);
    running_max = std::max(running_max, scaled);
    adjusted[order[rank]] = running_max;
  }
  return adjusted;
}

}  // namespace convneat::compare
