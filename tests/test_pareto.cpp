// NSGA-II's ranking (neat/pareto.hpp): fronts of non-domination, crowding distances and the
// scores that order genomes as the crowded comparison does.
#include <catch2/catch.hpp>

#include <limits>

#include "genome/random.hpp"
#include "neat/pareto.hpp"

using namespace convneat;

TEST_CASE("domination: no worse anywhere and better somewhere") {
  CHECK(dominates({2, 2}, {1, 2}));
  CHECK_FALSE(dominates({2, 2}, {2, 2}));
  CHECK_FALSE(dominates({3, 1}, {1, 3}));
}

TEST_CASE("fronts and crowding of a small set, by hand") {
  // Maximise both. Front 0: (4,1) (3,3) (1,4); front 1: (2,2) (1,1)... (1,1) is dominated by (2,2).
  const std::vector<ObjectiveVector> points{{4, 1}, {3, 3}, {1, 4}, {2, 2}, {1, 1}};
  const std::vector<std::size_t> fronts = pareto_fronts(points);
  CHECK(fronts == std::vector<std::size_t>{0, 0, 0, 1, 2});
  const std::vector<double> crowding = crowding_distances(points, fronts);
  const double infinity = std::numeric_limits<double>::infinity();
  CHECK(crowding[0] == infinity);
  CHECK(crowding[2] == infinity);
  // (3,3) between (1,4) and (4,1): (4-1)/3 along the first objective + (4-1)/3 along the second.
  CHECK(crowding[1] == 2.0);
  CHECK(crowding[3] == infinity);  // alone in its front
  const std::vector<double> scores = crowded_scores(points);
  // Front 0 has two distinct distances, 2 and infinity: places 0 and 1 of 2.
  CHECK(scores[0] == 3.25);
  CHECK(scores[1] == 3.0);
  CHECK(scores[2] == 3.25);
  CHECK(scores[3] == 2.0);
  CHECK(scores[4] == 1.0);
}

TEST_CASE("on random points every front is dominated only by earlier fronts, and scores follow the ranking") {
  RandomStream random(11, 0, 0, Purpose::task_data);
  std::vector<ObjectiveVector> points(200, ObjectiveVector(3));
  for (ObjectiveVector& p : points)
    for (double& x : p) x = static_cast<double>(random.index(12));  // ties on purpose
  const std::vector<std::size_t> fronts = pareto_fronts(points);
  const std::vector<double> crowding = crowding_distances(points, fronts);
  const std::vector<double> scores = crowded_scores(points);
  for (std::size_t p = 0; p < points.size(); ++p) {
    bool dominated_by_previous = fronts[p] == 0;
    for (std::size_t q = 0; q < points.size(); ++q) {
      if (dominates(points[q], points[p])) CHECK(fronts[q] < fronts[p]);
      if (fronts[q] + 1 == fronts[p] && dominates(points[q], points[p])) dominated_by_previous = true;
    }
    CHECK(dominated_by_previous);
    for (std::size_t q = 0; q < points.size(); ++q) {
      if (fronts[p] < fronts[q]) CHECK(scores[p] > scores[q]);
      if (fronts[p] == fronts[q] && crowding[p] > crowding[q]) CHECK(scores[p] > scores[q]);
    }
  }
}
