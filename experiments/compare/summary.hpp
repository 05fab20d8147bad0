#pragma once
// Figures per (task, variant) and pairwise tests between variants, computed from the runs
// of a comparison. Everything here is a pure function of the run rows (wall time aside).
#include <map>
#include <string>
#include <vector>

#include "experiments/compare/compare_spec.hpp"
#include "experiments/compare/run_record.hpp"
#include "experiments/compare/statistics.hpp"

namespace convneat::compare {

constexpr std::size_t kBootstrapResamples = 10000;
constexpr std::uint64_t kBootstrapSeed = 2002;  // fixed: the report is reproducible
constexpr double kSignificance = 0.05;

struct GroupSummary {
  std::string task, variant;
  std::size_t runs = 0, solved = 0;
  Interval success;                           // Wilson 95%
  std::vector<double> evaluations_to_solve;   // of the solved runs, sorted
  double evaluations_mean = 0, evaluations_median = 0;
  Interval evaluations_median_interval;       // bootstrap 95%
  double final_species_mean = 0, final_species_sd = 0, run_species_mean = 0;
  double champion_nodes_mean = 0, champion_hidden_nodes_mean = 0, champion_connections_mean = 0;
  double generations_mean = 0, wall_seconds_mean = 0, wall_seconds_total = 0;
  double evaluations_run_mean = 0;         // evaluations per run, solved or not
  double champion_parameters_mean = 0;
  // Held-out test accuracy of each run's champion, for tasks that measure it (else empty).
  std::vector<double> test_accuracy;        // sorted
  double test_accuracy_mean = 0, test_accuracy_median = 0;
  Interval test_accuracy_median_interval;   // bootstrap 95%
  // Mean species count per generation over the runs still running then; NaN from the
  // generation on which fewer than a quarter of the runs are still running.
  std::vector<double> species_curve;
};

struct PairwiseTest {
  std::string task, measure;  // "evaluations_to_solve", "final_species" or "test_error" (1 − test accuracy)
  std::string first, second;  // variant names
  MannWhitneyResult test;
  double p_holm = 0.0;        // Holm-adjusted within (task, measure)
  // median(A) − median(B) of the measure, with its bootstrap 95% interval (NaN when a
  // sample is empty or holds an unsolved run's +infinity).
  double median_difference = 0.0;
  Interval median_difference_interval;
};

struct ComparisonSummary {
  std::vector<GroupSummary> groups;  // spec order: task, then variant
  std::vector<PairwiseTest> tests;
  std::size_t runs_planned = 0;
  std::size_t runs_done = 0;
};

ComparisonSummary summarise(const CompareSpec& spec, const std::map<RunKey, RunRecord>& finished);
const GroupSummary& group_of(const ComparisonSummary& summary, const std::string& task, const std::string& variant);

std::string summary_csv(const ComparisonSummary& summary);
std::string pairwise_csv(const ComparisonSummary& summary);

}  // namespace convneat::compare
