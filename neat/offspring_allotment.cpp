#include "neat/offspring_allotment.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace convneat {
namespace {

std::size_t index_of_largest(const std::vector<std::size_t>& allotment) {
  // Ties go to the later species, so the oldest keep their share.
  std::size_t best = 0;
  for (std::size_t i = 1; i < allotment.size(); ++i)
    if (allotment[i] >= allotment[best]) best = i;
  return best;
}

}  // namespace

std::vector<double> species_adjusted_fitness(const std::vector<Species>& species, const std::vector<Genome>& genomes) {
  double lowest = std::numeric_limits<double>::infinity();
  for (const Species& s : species)
    for (std::size_t member : s.members) lowest = std::min(lowest, genomes[member].fitness);
  const double shift = std::min(0.0, lowest);
  std::vector<double> adjusted;
  for (const Species& s : species) {
    double sum = 0.0;
    for (std::size_t member : s.members) sum += genomes[member].fitness - shift;
    adjusted.push_back(s.members.empty() ? 0.0 : sum / static_cast<double>(s.members.size()));
  }
  return adjusted;
}

std::vector<std::size_t> allot_offspring(const std::vector<double>& weights, std::size_t population_size,
                                         std::size_t min_species_size) {
  const std::size_t count = weights.size();
  if (count == 0) return {};
  double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> share(weights);
  if (!(total > 0.0) || !std::isfinite(total)) std::fill(share.begin(), share.end(), 1.0), total = double(count);

  std::vector<std::size_t> allotment(count);
  std::vector<double> remainder(count);
  std::size_t given = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const double quota = share[i] / total * static_cast<double>(population_size);
    allotment[i] = static_cast<std::size_t>(std::floor(quota));
    remainder[i] = quota - std::floor(quota);
    given += allotment[i];
  }
  while (given > population_size) --allotment[index_of_largest(allotment)], --given;  // rounding guard
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t k = 0; given < population_size; k = (k + 1) % count) ++allotment[order[k]], ++given;

  const std::size_t minimum = std::min(min_species_size, population_size / count);
  for (std::size_t i = 0; i < count; ++i) {
    while (allotment[i] < minimum) {
      --allotment[index_of_largest(allotment)];
      ++allotment[i];
    }
  }
  return allotment;
}

}  // namespace convneat
