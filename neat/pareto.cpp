#include "neat/pareto.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace convneat {

bool dominates(const ObjectiveVector& a, const ObjectiveVector& b) {
  bool better_somewhere = false;
  for (std::size_t m = 0; m < a.size(); ++m) {
    if (a[m] < b[m]) return false;
    if (a[m] > b[m]) better_somewhere = true;
  }
  return better_somewhere;
}

// Deb et al.'s fast non-dominated sort: O(M N²).
std::vector<std::size_t> pareto_fronts(const std::vector<ObjectiveVector>& points) {
  const std::size_t n = points.size();
  std::vector<std::vector<std::size_t>> dominated_by(n);  // points each one dominates
  std::vector<std::size_t> dominating_count(n, 0);
  for (std::size_t p = 0; p < n; ++p)
    for (std::size_t q = p + 1; q < n; ++q) {
      if (dominates(points[p], points[q])) dominated_by[p].push_back(q), ++dominating_count[q];
      else if (dominates(points[q], points[p])) dominated_by[q].push_back(p), ++dominating_count[p];
    }
  std::vector<std::size_t> front(n, 0), current;
  for (std::size_t p = 0; p < n; ++p)
    if (dominating_count[p] == 0) current.push_back(p);
  for (std::size_t rank = 0; !current.empty(); ++rank) {
    std::vector<std::size_t> next;
    for (std::size_t p : current) {
      front[p] = rank;
      for (std::size_t q : dominated_by[p])
        if (--dominating_count[q] == 0) next.push_back(q);
    }
    current = std::move(next);
  }
  return front;
}

std::vector<double> crowding_distances(const std::vector<ObjectiveVector>& points,
                                       const std::vector<std::size_t>& fronts) {
  const double infinity = std::numeric_limits<double>::infinity();
  std::vector<double> crowding(points.size(), 0.0);
  const std::size_t front_count = points.empty() ? 0 : *std::max_element(fronts.begin(), fronts.end()) + 1;
  const std::size_t objectives = points.empty() ? 0 : points.front().size();
  for (std::size_t r = 0; r < front_count; ++r) {
    std::vector<std::size_t> members;
    for (std::size_t p = 0; p < points.size(); ++p)
      if (fronts[p] == r) members.push_back(p);
    for (std::size_t m = 0; m < objectives; ++m) {
      // Along objective m, ties to the lower index so the result never depends on chance.
      std::stable_sort(members.begin(), members.end(),
                       [&](std::size_t a, std::size_t b) { return points[a][m] < points[b][m]; });
      const double range = points[members.back()][m] - points[members.front()][m];
      crowding[members.front()] = crowding[members.back()] = infinity;
      if (range <= 0.0) continue;
      for (std::size_t i = 1; i + 1 < members.size(); ++i)
        crowding[members[i]] += (points[members[i + 1]][m] - points[members[i - 1]][m]) / range;
    }
  }
  return crowding;
}

std::vector<double> crowded_scores(const std::vector<ObjectiveVector>& points) {
  if (points.empty()) return {};
  const std::vector<std::size_t> fronts = pareto_fronts(points);
  const std::vector<double> crowding = crowding_distances(points, fronts);
  const std::size_t front_count = *std::max_element(fronts.begin(), fronts.end()) + 1;
  std::vector<double> scores(points.size());
  for (std::size_t r = 0; r < front_count; ++r) {
    // The distinct crowding distances of the front, smallest first: a point's place among them
    // is its share of the front's half unit. Places, not the distances themselves, since a
    // distance added to the front's whole number could round away (and infinity has no share).
    std::vector<double> distinct;
    for (std::size_t p = 0; p < points.size(); ++p)
      if (fronts[p] == r) distinct.push_back(crowding[p]);
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (std::size_t p = 0; p < points.size(); ++p) {
      if (fronts[p] != r) continue;
      const auto place = std::lower_bound(distinct.begin(), distinct.end(), crowding[p]) - distinct.begin();
      scores[p] = static_cast<double>(front_count - r) +
                  0.5 * static_cast<double>(place) / static_cast<double>(distinct.size());
    }
  }
  return scores;
}

}  // namespace convneat
