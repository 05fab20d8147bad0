#include "nets/aggregation_functions.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace convneat {
namespace {

double sum_of(std::span<const double> terms) {
  double sum = 0.0;
  for (double t : terms) sum += t;
  return sum;
}

double product_of(std::span<const double> terms) {
  double product = 1.0;
  for (double t : terms) product *= t;
  return product;
}

// The index of the term agg picks: the first largest, smallest or largest in magnitude.
std::size_t picked_term(Aggregation aggregation, std::span<const double> terms) {
  std::size_t best = 0;
  for (std::size_t e = 1; e < terms.size(); ++e) {
    const bool better = aggregation == Aggregation::max   ? terms[e] > terms[best]
                        : aggregation == Aggregation::min ? terms[e] < terms[best]
                                                          : std::abs(terms[e]) > std::abs(terms[best]);
    if (better) best = e;
  }
  return best;
}

// The middle term's (terms') indices in edge order: one for an odd count, two for an even one.
// A stable sort of the indices by value, so equal terms keep their edge order.
std::vector<std::size_t> median_terms(std::span<const double> terms) {
  std::vector<std::size_t> order(terms.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return terms[a] < terms[b]; });
  const std::size_t half = terms.size() / 2;
  if (terms.size() % 2 == 1) return {order[half]};
  return {order[half - 1], order[half]};
}

}  // namespace

double aggregate(Aggregation aggregation, std::span<double> terms) {
  if (terms.empty()) return aggregation == Aggregation::product ? 1.0 : 0.0;
  switch (aggregation) {
    case Aggregation::sum: return sum_of(terms);
    case Aggregation::product: return product_of(terms);
    case Aggregation::max:
    case Aggregation::min:
    case Aggregation::maxabs: return terms[picked_term(aggregation, terms)];
    case Aggregation::median: {
      const std::size_t half = terms.size() / 2;
      std::sort(terms.begin(), terms.end());
      return terms.size() % 2 == 1 ? terms[half] : (terms[half - 1] + terms[half]) / 2.0;
    }
    case Aggregation::mean: return sum_of(terms) / static_cast<double>(terms.size());
  }
  return sum_of(terms);
}

void aggregation_slopes(Aggregation aggregation, std::span<const double> terms, std::span<double> slopes) {
  const std::size_t count = terms.size();
  std::fill(slopes.begin(), slopes.end(), 0.0);
  if (count == 0) return;
  switch (aggregation) {
    case Aggregation::sum: std::fill(slopes.begin(), slopes.end(), 1.0); return;
    case Aggregation::mean: std::fill(slopes.begin(), slopes.end(), 1.0 / static_cast<double>(count)); return;
    case Aggregation::product: {
      // Π of the other terms, from prefix and suffix products: exact where a term is 0.
      double prefix = 1.0;
      for (std::size_t e = 0; e < count; ++e) slopes[e] = prefix, prefix *= terms[e];
      double suffix = 1.0;
      for (std::size_t e = count; e-- > 0;) slopes[e] *= suffix, suffix *= terms[e];
      return;
    }
    case Aggregation::max:
    case Aggregation::min:
    case Aggregation::maxabs: slopes[picked_term(aggregation, terms)] = 1.0; return;
    case Aggregation::median: {
      const std::vector<std::size_t> middle = median_terms(terms);
      for (std::size_t e : middle) slopes[e] = 1.0 / static_cast<double>(middle.size());
      return;
    }
  }
}

}  // namespace convneat
