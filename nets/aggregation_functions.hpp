#pragma once
// The functions behind genome/aggregation.hpp's names, over one node's weighted inputs
// (its terms w_e · x_e, in edge order), and their partial derivatives for the backward pass.
#include <span>

#include <Eigen/Core>

#include "genome/aggregation.hpp"

namespace convneat {

// agg(terms); an empty list gives 1 for product and 0 otherwise. `terms` may be reordered
// (median sorts it).
double aggregate(Aggregation aggregation, std::span<double> terms);

// ∂agg/∂term_e for each term, given the terms in edge order. Where agg picks one term the
// slope 1 goes to one of the tied terms and 0 to the others, as PyTorch gives a tie to one
// element: to the first in edge order for max, min and maxabs, and for the median to the term
// at the middle position of a stable sort (the even median splits 1/2, 1/2).
void aggregation_slopes(Aggregation aggregation, std::span<const double> terms, std::span<double> slopes);

}  // namespace convneat
