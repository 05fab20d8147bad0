#include "experiments/compare/report_writer.hpp"

#include <algorithm>
#include <sstream>

#include "experiments/compare/report_format.hpp"

namespace convneat::compare {
namespace {

std::vector<const PairwiseTest*> tests_of(const ComparisonSummary& summary, const std::string& task, const std::string& measure) {
  std::vector<const PairwiseTest*> tests;
  for (const PairwiseTest& test : summary.tests)
    if (test.task == task && test.measure == measure) tests.push_back(&test);
  return tests;
}

// The entry's text field `key`, or "" (records written before it existed, or edited by hand).
std::string text_field(const nlohmann::json& entry, const char* key) {
  return entry.contains(key) && entry[key].is_string() ? entry[key].get<std::string>() : std::string();
}

// "convneat 0.2.0 (commit 1a2b…), built by GCC 12.2.0 (Release: -O3 -DNDEBUG), on AMD EPYC …"
// for each software document, joined; older records hold only the version and commit.
std::string software_names(const nlohmann::json& software) {
  std::string names;
  for (const nlohmann::json& entry : software) {
    if (!entry.is_object() || text_field(entry, "convneat").empty()) continue;  // edited by hand
    if (!names.empty()) names += "; ";
    names += "convneat " + text_field(entry, "convneat");
    if (const std::string commit = text_field(entry, "commit"); !commit.empty()) names += " (commit " + commit + ")";
    if (const std::string compiler = text_field(entry, "compiler"); !compiler.empty()) {
      names += ", built by " + compiler;
      if (const std::string build = text_field(entry, "build"); !build.empty()) names += " (" + build + ")";
    }
    if (const std::string machine = text_field(entry, "machine"); !machine.empty()) names += ", on " + machine;
  }
  return names;
}

// Whether any run of the task met its solve criterion. When none did, success rates and
// evaluations to solve say nothing (every run ties at "unsolved") and are left out.
bool any_solved(const ComparisonSummary& summary, const std::string& task) {
  return std::any_of(summary.groups.begin(), summary.groups.end(),
                     [&](const GroupSummary& g) { return g.task == task && g.solved > 0; });
}

void write_method(std::ostream& out, const CompareSpec& spec, const ComparisonSummary& summary,
                  const nlohmann::json& software) {
  const std::string spec_name = spec.file.filename().string();
  const bool solving = std::any_of(spec.tasks.begin(), spec.tasks.end(),
                                   [&](const CompareTask& task) { return any_solved(summary, task.label); });
  out << "## Method\n\n"
      << "- Each run is what `convneat run TASK_CONFIG --seed S --set KEY=VALUE...` runs with the variant's keys "
         "(one evaluation thread; runs go in parallel). " << summary.runs_done << " of " << summary.runs_planned
      << " planned runs are done.\n"
      << "- **Regenerate**: `convneat compare " << spec_name << " --out DIR`, DIR this folder (" << spec_name
      << " is the spec; ConvNEAT's own are in experiments/compare/), runs what is missing and rewrites this "
         "report; with `--report-only` it redraws the report and plots from the files already here.\n";
  if (const std::string names = software_names(software); !names.empty())
    out << "- **Software** that ran them: " << names << ".\n";
  if (solving)
    out << "- **Success rate**: solved runs / runs, with a Wilson score 95% interval.\n"
        << "- **Evaluations to solve** count whole generations (solved in generation g: (g + 1) × population). "
           "Mean and median are over the solved runs; the median's 95% interval is a percentile bootstrap ("
        << kBootstrapResamples << " resamples, Boost.Random mt19937_64 seed " << kBootstrapSeed << ").\n";
  out << "- **Pairwise tests**: two-sided Mann-Whitney U, normal approximation with tie correction and continuity "
         "correction (as R's `wilcox.test(exact = FALSE)`), p from `boost::math::normal`. "
      << (solving ? "For evaluations to solve, **an unsolved run counts as +infinity evaluations**: worse than every "
                    "solved run and tied with the other unsolved runs, so the test weighs success and speed together. "
                  : "")
      << "p-values are Holm-adjusted within each task and measure; a difference is called significant when the "
         "adjusted p < "
      << fixed(kSignificance, 2) << ". P(A lower) is the probability that a run of A has the lower value "
         "(ties count half), 1 − U_A/(n_A n_B).\n"
      << "- **Species**: the final count is that of the last evaluated generation (a solved run stops early); the "
         "mean is over every generation of a run. The curves average the runs still running at each generation, "
         "drawn while at least a quarter of the runs are.\n"
      << "- **Test accuracy** (image tasks): each run's champion — the tested genome with the best validation "
         "accuracy, or the one with the best training-batch fitness where the task sets `champion_selection: "
         "training_fitness` — classifies the task's held-out test split once, after the run; the median's interval is the "
         "same bootstrap, and the pairwise tables give the difference of two variants' medians with a percentile "
         "bootstrap interval that resamples both variants' runs independently (an interval excluding 0 is the "
         "difference the data support). Parameters count spatial kernels, biases, centroids and shape matrices, enabled "
         "connection weights and node biases.\n\n";
}

void write_group_table(std::ostream& out, const ComparisonSummary& summary, const std::string& task) {
  const bool solving = any_solved(summary, task);
  out << "| variant | " << (solving ? "solved | success [95% CI] | evaluations mean | median [95% CI] | " : "")
      << "final species mean ± sd | species mean over run | champion nodes (hidden) | champion connections | "
         "generations | wall s/run |\n"
      << (solving ? "|---|---|---|---|---|" : "|---|") << "---|---|---|---|---|---|\n";
  for (const GroupSummary& g : summary.groups) {
    if (g.task != task) continue;
    out << "| " << g.variant << " | ";
    if (solving)
      out << g.solved << "/" << g.runs << " | "
          << fixed(g.runs ? static_cast<double>(g.solved) / static_cast<double>(g.runs) : NAN, 2) << " ["
          << fixed(g.success.low, 2) << ", " << fixed(g.success.high, 2) << "] | " << with_separators(g.evaluations_mean)
          << " | " << with_separators(g.evaluations_median) << " [" << with_separators(g.evaluations_median_interval.low)
          << ", " << with_separators(g.evaluations_median_interval.high) << "] | ";
    out << fixed(g.final_species_mean, 1)
        << " ± " << fixed(g.final_species_sd, 1) << " | " << fixed(g.run_species_mean, 1) << " | "
        << fixed(g.champion_nodes_mean, 1) << " (" << fixed(g.champion_hidden_nodes_mean, 1) << ") | "
        << fixed(g.champion_connections_mean, 1) << " | " << fixed(g.generations_mean, 1) << " | "
        << fixed(g.wall_seconds_mean, 3) << " |\n";
  }
  out << '\n';
}

// For tasks with a held-out test split: what the comparison of sharing modes asks for.
void write_accuracy_table(std::ostream& out, const ComparisonSummary& summary, const std::string& task) {
  const bool measured = std::any_of(summary.groups.begin(), summary.groups.end(), [&](const GroupSummary& g) {
    return g.task == task && !g.test_accuracy.empty();
  });
  if (!measured) return;
  out << "| variant | champion test accuracy mean | median [95% CI] | champion parameters | evaluations per run | "
         "wall s/run |\n|---|---|---|---|---|---|\n";
  for (const GroupSummary& g : summary.groups) {
    if (g.task != task) continue;
    out << "| " << g.variant << " | " << fixed(g.test_accuracy_mean, 3) << " | " << fixed(g.test_accuracy_median, 3)
        << " [" << fixed(g.test_accuracy_median_interval.low, 3) << ", "
        << fixed(g.test_accuracy_median_interval.high, 3) << "] | " << with_separators(g.champion_parameters_mean)
        << " | " << with_separators(g.evaluations_run_mean) << " | " << fixed(g.wall_seconds_mean, 2) << " |\n";
  }
  out << '\n';
}

// The measure's median difference A − B with its bootstrap interval, as the table shows it
// (B − A when `reversed`). Test error is shown as the accuracy difference (its negation), the
// figure readers want.
std::string difference_text(const PairwiseTest& t, bool reversed = false) {
  const bool accuracy = t.measure == "test_error";
  const double sign = (accuracy ? -1.0 : 1.0) * (reversed ? -1.0 : 1.0);
  const Interval& interval = t.median_difference_interval;
  const double low = sign * (sign < 0 ? interval.high : interval.low);
  const double high = sign * (sign < 0 ? interval.low : interval.high);
  const int decimals = accuracy ? 3 : 1;
  return fixed(sign * t.median_difference, decimals) + " [" + fixed(low, decimals) + ", " + fixed(high, decimals) + "]";
}

std::string difference_heading(const std::string& measure) {
  return measure == "test_error" ? "test accuracy A − B, medians [95% CI]" : "median A − B [95% CI]";
}

void write_test_table(std::ostream& out, const ComparisonSummary& summary, const std::string& task,
                      const std::string& measure, const std::string& title) {
  const auto tests = tests_of(summary, task, measure);
  if (tests.empty()) return;
  out << "**" << title << "** (Mann-Whitney U, two-sided; difference of medians with a bootstrap 95% interval)\n\n"
      << "| A | B | U_A | z | p | Holm p | P(A lower) | " << difference_heading(measure)
      << " |\n|---|---|---|---|---|---|---|---|\n";
  for (const PairwiseTest* t : tests)
    out << "| " << t->first << " | " << t->second << " | " << fixed(t->test.u_first, 1) << " | " << fixed(t->test.z, 2)
        << " | " << p_value_text(t->test.p_value) << " | " << p_value_text(t->p_holm) << " | "
        << fixed(t->test.probability_first_smaller, 2) << " | " << difference_text(*t) << " |\n";
  out << '\n';
}

std::string success_sentence(const ComparisonSummary& summary, const std::string& task) {
  std::vector<const GroupSummary*> groups;
  for (const GroupSummary& g : summary.groups)
    if (g.task == task) groups.push_back(&g);
  if (std::all_of(groups.begin(), groups.end(), [](const GroupSummary* g) { return g->runs > 0 && g->solved == g->runs; }))
    return "Every variant solved every run on " + task + ".";
  if (!any_solved(summary, task))
    return "No run met " + task + "'s solve criterion, so success rates and evaluations to solve are left out.";
  std::string text = "Runs solved on " + task + ": ";
  for (std::size_t i = 0; i < groups.size(); ++i)
    text += (i ? ", " : "") + groups[i]->variant + " " + std::to_string(groups[i]->solved) + "/" + std::to_string(groups[i]->runs);
  return text + ".";
}

// "A needed fewer evaluations than B on xor (median 2,550 vs 3,000; p = 0.004, Holm-adjusted 0.02)."
std::string difference_sentence(const ComparisonSummary& summary, const PairwiseTest& t, const std::string& verb) {
  const bool first_lower = t.test.probability_first_smaller >= 0.5;
  const std::string &lower = first_lower ? t.first : t.second, &higher = first_lower ? t.second : t.first;
  const GroupSummary &a = group_of(summary, t.task, lower), &b = group_of(summary, t.task, higher);
  const std::string figures = t.measure == "final_species"
                                  ? "mean " + fixed(a.final_species_mean, 1) + " vs " + fixed(b.final_species_mean, 1)
                              : t.measure == "test_error"
                                  ? "median test accuracy " + fixed(a.test_accuracy_median, 3) + " vs " +
                                        fixed(b.test_accuracy_median, 3) + ", difference " +
                                        difference_text(t, !first_lower)
                                  : "median " + with_separators(a.evaluations_median) + " vs " +
                                        with_separators(b.evaluations_median) + ", solved " + std::to_string(a.solved) +
                                        "/" + std::to_string(a.runs) + " vs " + std::to_string(b.solved) + "/" +
                                        std::to_string(b.runs);
  return lower + " " + verb + " than " + higher + " on " + t.task + " (" + figures + "; p = " +
         p_value_text(t.test.p_value) + ", Holm-adjusted " + p_value_text(t.p_holm) + ").";
}

std::string measure_sentences(const ComparisonSummary& summary, const std::string& task, const std::string& measure,
                              const std::string& verb, const std::string& what) {
  auto tests = tests_of(summary, task, measure);
  std::erase_if(tests, [](const PairwiseTest* t) { return std::isnan(t->test.p_value); });
  if (tests.empty()) return "";
  std::ostringstream text;
  for (const PairwiseTest* t : tests)
    if (t->p_holm < kSignificance) text << ' ' << difference_sentence(summary, *t, verb);
  if (!text.str().empty()) return text.str();
  text << " No difference in " << what << " on " << task << " was significant (Holm-adjusted p >= "
       << fixed(kSignificance, 2) << " for all " << tests.size() << " pairs)";
  // A pair with P(A lower) = 1/2 (every run unsolved, one species everywhere, or wins that
  // cancel) has no direction: naming one variant "fewer" or "higher" would read as a finding.
  std::erase_if(tests, [](const PairwiseTest* t) { return t->test.probability_first_smaller == 0.5; });
  if (tests.empty()) {
    text << "; no pair leans either way (P(A lower) = 0.50).";
    return text.str();
  }
  const PairwiseTest* closest = *std::min_element(tests.begin(), tests.end(), [](auto* a, auto* b) {
    return a->test.p_value < b->test.p_value;
  });
  text << "; the largest difference: " << difference_sentence(summary, *closest, verb);
  return text.str();
}

}  // namespace

std::string comparison_reading(const CompareSpec& spec, const ComparisonSummary& summary) {
  std::string reading;
  for (const CompareTask& task : spec.tasks)
    reading += success_sentence(summary, task.label) +
               (any_solved(summary, task.label)
                    ? measure_sentences(summary, task.label, "evaluations_to_solve", "needed fewer evaluations",
                                        "evaluations to solve")
                    : std::string()) +
               measure_sentences(summary, task.label, "final_species", "ended with fewer species", "final species count") +
               measure_sentences(summary, task.label, "test_error", "reached a higher test accuracy",
                                 "champion test accuracy") +
               "\n\n";
  return reading;
}

std::string comparison_report(const CompareSpec& spec, const ComparisonSummary& summary, const std::vector<std::string>& plots,
                              const nlohmann::json& software, bool run_files) {
  std::ostringstream out;
  out << "# Comparison: " << spec.file.filename().string() << "\n\n";
  if (spec.document.contains("description") && spec.document["description"].is_string())
    out << spec.document["description"].get<std::string>() << "\n\n";
  out << "## Reading\n\n" << comparison_reading(spec, summary);
  write_method(out, spec, summary, software);
  for (const CompareTask& task : spec.tasks) {
    out << "## Task " << task.label << " (" << task.source << ", " << spec.seeds.size() << " seeds)\n\n";
    write_group_table(out, summary, task.label);
    write_accuracy_table(out, summary, task.label);
    if (any_solved(summary, task.label))
      write_test_table(out, summary, task.label, "evaluations_to_solve", "Evaluations to solve (unsolved = +infinity)");
    write_test_table(out, summary, task.label, "final_species", "Final species count");
    write_test_table(out, summary, task.label, "test_error", "Champion test error, 1 − accuracy (A lower: A more accurate)");
    for (const std::string kind : {"curves_", "evaluations_", "test_accuracy_", "fronts_", "species_"}) {
      const std::string plot = "plots/" + kind + task.label + ".png";
      if (std::find(plots.begin(), plots.end(), plot) != plots.end()) out << "![" << plot << "](" << plot << ")\n\n";
    }
  }
  out << "Files: runs.csv (every run), species_curves.csv, summary.csv, pairwise.csv, plots/ (data, gnuplot script, "
         "PNG and SVG)"
      << (run_files ? ", runs/TASK/VARIANT/seed-N/ (each run's files as `convneat run` writes them — generations.csv, "
                      "species.csv, the champion, selection.csv and pareto_front.csv where selection uses them; a "
                      "comparison shipped in docs/results keeps only pareto_front.csv)"
                    : "")
      << ".\n";
  return out.str();
}

}  // namespace convneat::compare
