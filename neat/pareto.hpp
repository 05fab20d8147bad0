#pragma once
// NSGA-II's ranking (Deb, Pratap, Agarwal & Meyarivan 2002): points sorted into fronts of
// non-domination, and within a front the crowding distance — how far apart its neighbours
// along each objective lie — so that selection prefers the better front, then the lonelier
// point in it. Every objective is maximised (negate one to minimise it).
#include <cstddef>
#include <vector>

namespace convneat {

using ObjectiveVector = std::vector<double>;

// a dominates b: no worse in every objective, better in at least one.
bool dominates(const ObjectiveVector& a, const ObjectiveVector& b);

// The front of each point: 0 for the non-dominated, 1 for those dominated only by front 0, …
std::vector<std::size_t> pareto_fronts(const std::vector<ObjectiveVector>& points);

// The crowding distance of each point within its own front: the sum over objectives of the gap
// between its two neighbours along that objective, divided by the front's range of it (0 when
// the range is 0); the extremes of each objective get +infinity.
std::vector<double> crowding_distances(const std::vector<ObjectiveVector>& points,
                                       const std::vector<std::size_t>& fronts);

// One number per point that orders points as NSGA-II's crowded comparison does: a better front
// always scores higher, and within a front the larger crowding distance. With F fronts, a point
// of front r scores F − r + ½ · k / d, where d is the number of distinct crowding distances in
// its front and k the place of its own among them (0 for the smallest; extremes, at infinity,
// last). All scores are ≥ 1: usable where NEAT uses fitness (sharing within species, offspring
// allotment, parents' ranking).
std::vector<double> crowded_scores(const std::vector<ObjectiveVector>& points);

}  // namespace convneat
