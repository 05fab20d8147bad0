#pragma once
// report.md: the method, per task a table of every variant's figures and the pairwise
// tests, the plots, and a reading of the result written from the numbers.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>


#include "experiments/compare/compare_spec.hpp"
#include "experiments/compare/summary.hpp"

namespace convneat::compare {

// `plots`: the PNG files (relative to the report) to show; empty when none were drawn.
// `software`: what ran the runs (RunStore::software()), named in the method when known.
// `run_files`: whether runs/ holds the runs' own files (comparisons made before it did do not).
std::string comparison_report(const CompareSpec& spec, const ComparisonSummary& summary,
                              const std::vector<std::string>& plots,
                              const nlohmann::json& software = nlohmann::json::array(), bool run_files = false);

// The automatic reading alone: one paragraph per task, e.g. "persistent needed fewer
// evaluations than per_generation on xor (median 2,550 vs 3,000; p = 0.004, Holm-adjusted 0.02)."
std::string comparison_reading(const CompareSpec& spec, const ComparisonSummary& summary);

}  // namespace convneat::compare
