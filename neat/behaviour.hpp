#pragma once
// What a genome did, as a task describes it (Task::evaluate fills TaskResult::behaviour when
// EvaluationContext::describe_behaviour asks): the numbers novelty search compares
// (neat/novelty.hpp). Every descriptor of one task has the same length, and the task says
// how two are compared:
//   euclidean — the straight-line distance (pole tasks: the cart and pole sampled along the
//               episode; XOR: the four outputs);
//   mismatch  — the fraction of positions that differ (image tasks: the class predicted for
//               each image of a fixed probe set, where class 3 is no nearer class 4 than 9).
#include <vector>

#include "genome/name_table.hpp"

namespace convneat {

using Behaviour = std::vector<double>;

enum class BehaviourMetric { euclidean, mismatch };

inline constexpr auto kBehaviourMetrics = name_table<BehaviourMetric>({
    {BehaviourMetric::euclidean, "euclidean"},
    {BehaviourMetric::mismatch, "mismatch"},
});

// Throws std::runtime_error when the lengths differ (a task must describe every genome alike).
double behaviour_distance(const Behaviour& a, const Behaviour& b, BehaviourMetric metric);

}  // namespace convneat
