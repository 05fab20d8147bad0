#include "experiments/compare/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace convneat::compare {
namespace {

constexpr double kUnsolved = std::numeric_limits<double>::infinity();

std::vector<const RunRecord*> runs_of(const CompareSpec& spec, const std::map<RunKey, RunRecord>& finished,
                                      const std::string& task, const std::string& variant) {
  std::vector<const RunRecord*> runs;
  for (std::uint64_t seed : spec.seeds)
    if (auto found = finished.find({task, variant, seed}); found != finished.end()) runs.push_back(&found->second);
  return runs;
}

double mean_of(const std::vector<const RunRecord*>& runs, auto field) {
  std::vector<double> values;
  for (const RunRecord* run : runs) values.push_back(static_cast<double>(field(*run)));
  return mean(values);
}

std::vector<double> species_curve(const std::vector<const RunRecord*>& runs) {
  const std::size_t quorum = std::max<std::size_t>(1, (runs.size() + 3) / 4);
  std::vector<double> curve;
  for (std::size_t generation = 0;; ++generation) {
    double sum = 0.0;
    std::size_t running = 0;
    for (const RunRecord* run : runs)
      if (generation < run->species_curve.size()) sum += static_cast<double>(run->species_curve[generation]), ++running;
    if (running < quorum) return curve;
    curve.push_back(sum / static_cast<double>(running));
  }
}

GroupSummary summarise_group(const std::vector<const RunRecord*>& runs, const std::string& task, const std::string& variant) {
  GroupSummary g;
  g.task = task;
  g.variant = variant;
  g.runs = runs.size();
  std::vector<double> final_species;
  for (const RunRecord* run : runs) {
    if (run->solved) ++g.solved, g.evaluations_to_solve.push_back(static_cast<double>(*run->evaluations_to_solve));
    final_species.push_back(static_cast<double>(run->final_species));
    g.wall_seconds_total += run->wall_seconds;
  }
  std::sort(g.evaluations_to_solve.begin(), g.evaluations_to_solve.end());
  g.success = wilson_interval(g.solved, g.runs);
  g.evaluations_mean = mean(g.evaluations_to_solve);
  g.evaluations_median = median(g.evaluations_to_solve);
  g.evaluations_median_interval = bootstrap_median_interval(g.evaluations_to_solve, kBootstrapResamples, kBootstrapSeed);
  g.final_species_mean = mean(final_species);
  g.final_species_sd = standard_deviation(final_species);
  g.run_species_mean = mean_of(runs, [](const RunRecord& r) { return r.mean_species; });
  g.champion_nodes_mean = mean_of(runs, [](const RunRecord& r) { return r.champion_nodes; });
  g.champion_hidden_nodes_mean = mean_of(runs, [](const RunRecord& r) { return r.champion_hidden_nodes; });
  g.champion_connections_mean = mean_of(runs, [](const RunRecord& r) { return r.champion_connections; });
  g.generations_mean = mean_of(runs, [](const RunRecord& r) { return r.generations; });
  g.wall_seconds_mean = mean_of(runs, [](const RunRecord& r) { return r.wall_seconds; });
  g.species_curve = species_curve(runs);
  g.evaluations_run_mean = mean_of(runs, [](const RunRecord& r) { return r.evaluations; });
  g.champion_parameters_mean = mean_of(runs, [](const RunRecord& r) { return r.champion_parameters; });
  for (const RunRecord* run : runs)
    if (run->champion_test_accuracy) g.test_accuracy.push_back(*run->champion_test_accuracy);
  std::sort(g.test_accuracy.begin(), g.test_accuracy.end());
  g.test_accuracy_mean = mean(g.test_accuracy);
  g.test_accuracy_median = median(g.test_accuracy);
  g.test_accuracy_median_interval = bootstrap_median_interval(g.test_accuracy, kBootstrapResamples, kBootstrapSeed);
  return g;
}

// Lower is better for every measure: evaluations to solve with unsolved runs at +infinity
// (worse than every solved run), final species, and test error (runs without a test
// accuracy are left out).
std::vector<double> measure_values(const std::vector<const RunRecord*>& runs, const std::string& measure) {
  std::vector<double> values;
  for (const RunRecord* run : runs) {
    if (measure == "final_species")
      values.push_back(static_cast<double>(run->final_species));
    else if (measure == "test_error") {
      if (run->champion_test_accuracy) values.push_back(1.0 - *run->champion_test_accuracy);
    } else
      values.push_back(run->solved ? static_cast<double>(*run->evaluations_to_solve) : kUnsolved);
  }
  return values;
}

PairwiseTest pairwise_test(const std::string& task, const std::string& measure, const std::string& first,
                           const std::string& second, const std::vector<double>& first_values,
                           const std::vector<double>& second_values) {
  PairwiseTest test{task, measure, first, second, mann_whitney_u(first_values, second_values), 0.0, NAN, {NAN, NAN}};
  test.median_difference_interval =
      bootstrap_median_difference_interval(first_values, second_values, kBootstrapResamples, kBootstrapSeed);
  if (!std::isnan(test.median_difference_interval.low))
    test.median_difference = median(first_values) - median(second_values);
  return test;
}

void add_pairwise_tests(ComparisonSummary& summary, const CompareSpec& spec, const std::map<RunKey, RunRecord>& finished) {
  for (const CompareTask& task : spec.tasks)
    for (const std::string measure : {"evaluations_to_solve", "final_species", "test_error"}) {
      const std::size_t family_start = summary.tests.size();
      for (std::size_t a = 0; a < spec.variants.size(); ++a)
        for (std::size_t b = a + 1; b < spec.variants.size(); ++b) {
          const std::string &first = spec.variants[a].name, &second = spec.variants[b].name;
          summary.tests.push_back(pairwise_test(task.label, measure, first, second,
                                                measure_values(runs_of(spec, finished, task.label, first), measure),
                                                measure_values(runs_of(spec, finished, task.label, second), measure)));
        }
      if (measure == "test_error" && std::all_of(summary.tests.begin() + static_cast<std::ptrdiff_t>(family_start),
                                                 summary.tests.end(),
                                                 [](const PairwiseTest& t) { return t.test.first_count == 0; })) {
        summary.tests.resize(family_start);  // the task measures no test accuracy
        continue;
      }
      std::vector<double> p_values;
      for (std::size_t i = family_start; i < summary.tests.size(); ++i) p_values.push_back(summary.tests[i].test.p_value);
      const std::vector<double> adjusted = holm_adjust(p_values);
      for (std::size_t i = family_start; i < summary.tests.size(); ++i) summary.tests[i].p_holm = adjusted[i - family_start];
    }
}

std::string number(double value) {
  if (std::isnan(value)) return "";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

}  // namespace

ComparisonSummary summarise(const CompareSpec& spec, const std::map<RunKey, RunRecord>& finished) {
  ComparisonSummary summary;
  for (const CompareTask& task : spec.tasks)
    for (const Variant& variant : spec.variants) {
      summary.groups.push_back(summarise_group(runs_of(spec, finished, task.label, variant.name), task.label, variant.name));
      summary.runs_done += summary.groups.back().runs;
      summary.runs_planned += spec.seeds.size();
    }
  add_pairwise_tests(summary, spec, finished);
  return summary;
}

const GroupSummary& group_of(const ComparisonSummary& summary, const std::string& task, const std::string& variant) {
  for (const GroupSummary& group : summary.groups)
    if (group.task == task && group.variant == variant) return group;
  throw std::logic_error("no group " + task + "/" + variant);
}

std::string summary_csv(const ComparisonSummary& summary) {
  std::ostringstream out;
  out << "task,variant,runs,solved,success_rate,success_low95,success_high95,evaluations_mean,evaluations_median,"
         "evaluations_median_low95,evaluations_median_high95,final_species_mean,final_species_sd,run_species_mean,"
         "champion_nodes_mean,champion_hidden_nodes_mean,champion_connections_mean,generations_mean,"
         "evaluations_run_mean,champion_parameters_mean,test_accuracy_mean,test_accuracy_median,"
         "test_accuracy_median_low95,test_accuracy_median_high95,wall_seconds_mean,wall_seconds_total\n";
  for (const GroupSummary& g : summary.groups)
    out << g.task << ',' << g.variant << ',' << g.runs << ',' << g.solved << ','
        << number(g.runs ? static_cast<double>(g.solved) / static_cast<double>(g.runs) : NAN) << ','
        << number(g.success.low) << ',' << number(g.success.high) << ',' << number(g.evaluations_mean) << ','
        << number(g.evaluations_median) << ',' << number(g.evaluations_median_interval.low) << ','
        << number(g.evaluations_median_interval.high) << ',' << number(g.final_species_mean) << ','
        << number(g.final_species_sd) << ',' << number(g.run_species_mean) << ',' << number(g.champion_nodes_mean)
        << ',' << number(g.champion_hidden_nodes_mean) << ',' << number(g.champion_connections_mean) << ','
        << number(g.generations_mean) << ',' << number(g.evaluations_run_mean) << ','
        << number(g.champion_parameters_mean) << ',' << number(g.test_accuracy_mean) << ','
        << number(g.test_accuracy_median) << ',' << number(g.test_accuracy_median_interval.low) << ','
        << number(g.test_accuracy_median_interval.high) << ',' << number(g.wall_seconds_mean) << ','
        << number(g.wall_seconds_total) << '\n';
  return out.str();
}

std::string pairwise_csv(const ComparisonSummary& summary) {
  std::ostringstream out;
  out << "task,measure,variant_a,variant_b,n_a,n_b,u_a,z,p,p_holm,probability_a_lower,median_difference,"
         "median_difference_low95,median_difference_high95\n";
  for (const PairwiseTest& t : summary.tests)
    out << t.task << ',' << t.measure << ',' << t.first << ',' << t.second << ',' << t.test.first_count << ','
        << t.test.second_count << ',' << number(t.test.u_first) << ',' << number(t.test.z) << ','
        << number(t.test.p_value) << ',' << number(t.p_holm) << ',' << number(t.test.probability_first_smaller) << ','
        << number(t.median_difference) << ',' << number(t.median_difference_interval.low) << ','
        << number(t.median_difference_interval.high) << '\n';
  return out.str();
}

}  // namespace convneat::compare
