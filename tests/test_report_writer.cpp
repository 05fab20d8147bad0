// The "Reading" paragraph of a comparison report: what it claims for significant, directional
// and tied pairs of variants, on summaries built by hand so every figure is known.
#include <catch2/catch.hpp>

#include "experiments/compare/report_writer.hpp"

using namespace convneat::compare;

namespace {

GroupSummary group(const std::string& variant, std::size_t solved, double evaluations_median) {
  GroupSummary g;
  g.task = "xor";
  g.variant = variant;
  g.runs = 4;
  g.solved = solved;
  g.evaluations_median = evaluations_median;
  g.final_species_mean = 1.0;
  return g;
}

PairwiseTest evaluations_test(double p, double p_holm, double probability_first_smaller) {
  MannWhitneyResult test;
  test.first_count = test.second_count = 4;
  test.p_value = p;
  test.probability_first_smaller = probability_first_smaller;
  return {.task = "xor", .measure = "evaluations_to_solve", .first = "a", .second = "b", .test = test, .p_holm = p_holm,
          .median_difference = 0.0, .median_difference_interval = {}};
}

PairwiseTest tied_species_test() {
  PairwiseTest t = evaluations_test(1.0, 1.0, 0.5);
  t.measure = "final_species";
  return t;
}

CompareSpec xor_spec() {
  CompareSpec spec;
  spec.tasks.emplace_back();
  spec.tasks.back().label = "xor";
  spec.tasks.back().source = "xor.json";
  return spec;
}

std::string reading_of(const ComparisonSummary& summary) { return comparison_reading(xor_spec(), summary); }

}  // namespace

TEST_CASE("the reading names no direction for pairs that lean neither way", "[compare][report]") {
  ComparisonSummary summary;
  summary.groups = {group("a", 1, 4000.0), group("b", 1, 4000.0)};
  summary.tests = {evaluations_test(1.0, 1.0, 0.5), tied_species_test()};
  const std::string reading = reading_of(summary);
  CHECK(reading ==
        "Runs solved on xor: a 1/4, b 1/4."
        " No difference in evaluations to solve on xor was significant (Holm-adjusted p >= 0.05 for all 1 pairs);"
        " no pair leans either way (P(A lower) = 0.50)."
        " No difference in final species count on xor was significant (Holm-adjusted p >= 0.05 for all 1 pairs);"
        " no pair leans either way (P(A lower) = 0.50).\n\n");
}

TEST_CASE("when no run met the solve criterion, success and evaluations to solve are left out", "[compare][report]") {
  ComparisonSummary summary;
  summary.groups = {group("a", 0, 0.0), group("b", 0, 0.0)};
  summary.tests = {evaluations_test(1.0, 1.0, 0.5), tied_species_test()};
  CHECK(reading_of(summary) ==
        "No run met xor's solve criterion, so success rates and evaluations to solve are left out."
        " No difference in final species count on xor was significant (Holm-adjusted p >= 0.05 for all 1 pairs);"
        " no pair leans either way (P(A lower) = 0.50).\n\n");
  const std::string report = comparison_report(xor_spec(), summary, {}, nlohmann::json::array(), false);
  CHECK_THAT(report, Catch::Contains("| variant | final species mean ± sd | species mean over run |"));
  CHECK_THAT(report, !Catch::Contains("| solved |"));
  CHECK_THAT(report, !Catch::Contains("Evaluations to solve (unsolved"));
  CHECK_THAT(report, !Catch::Contains("**Success rate**"));  // the method says nothing of them either
  CHECK_THAT(report, !Catch::Contains("+infinity evaluations"));
  summary.groups[1].solved = 1;  // one solved run: both come back
  const std::string solved = comparison_report(xor_spec(), summary, {}, nlohmann::json::array(), false);
  CHECK_THAT(solved, Catch::Contains("| variant | solved | success [95% CI] |"));
  CHECK_THAT(solved, Catch::Contains("Evaluations to solve (unsolved = +infinity)"));
  CHECK_THAT(solved, Catch::Contains("- **Success rate**: solved runs / runs"));
}

TEST_CASE("the report names the command that regenerates it and the software, compiler, flags and machine",
          "[compare][report]") {
  CompareSpec spec = xor_spec();
  spec.file = "/somewhere/specs/xor_policies.json";
  ComparisonSummary summary;
  summary.groups = {group("a", 1, 4000.0)};
  const nlohmann::json software = nlohmann::json::array(
      {{{"convneat", "0.2.0"}, {"commit", "abc"}, {"compiler", "GCC 12.2.0"}, {"build", "Release: -O3"},
        {"machine", "AMD EPYC, 2 logical cores, Linux 6.1 x86_64"}},
       {{"convneat", "0.1.0"}}});  // an older record: version only
  const std::string report = comparison_report(spec, summary, {}, software, false);
  CHECK_THAT(report, Catch::Contains("- **Regenerate**: `convneat compare xor_policies.json --out DIR`, DIR this "
                                     "folder (xor_policies.json is the spec;"));
  CHECK_THAT(report, Catch::Contains("with `--report-only` it redraws the report and plots from the files already here"));
  CHECK_THAT(report, !Catch::Contains("/somewhere"));  // no paths of the machine that wrote it
  CHECK_THAT(report, Catch::Contains("- **Software** that ran them: convneat 0.2.0 (commit abc), built by GCC 12.2.0 "
                                     "(Release: -O3), on AMD EPYC, 2 logical cores, Linux 6.1 x86_64; convneat 0.1.0.\n"));
}

TEST_CASE("the reading names the closest pair when no difference is significant", "[compare][report]") {
  ComparisonSummary summary;
  summary.groups = {group("a", 2, 3000.0), group("b", 3, 2550.0)};
  summary.tests = {evaluations_test(0.2, 0.2, 0.3)};  // b lower more often than not
  CHECK_THAT(reading_of(summary),
             Catch::Contains("was significant (Holm-adjusted p >= 0.05 for all 1 pairs); the largest difference: "
                             "b needed fewer evaluations than a on xor (median 2,550 vs 3,000, solved 3/4 vs 2/4;"));
}

TEST_CASE("the reading states each significant difference with its figures", "[compare][report]") {
  ComparisonSummary summary;
  summary.groups = {group("a", 4, 2550.0), group("b", 1, 9000.0)};
  summary.tests = {evaluations_test(0.004, 0.02, 0.9)};
  const std::string reading = reading_of(summary);
  CHECK_THAT(reading, Catch::Contains("a needed fewer evaluations than b on xor (median 2,550 vs 9,000, solved 4/4 vs 1/4;"));
  CHECK_THAT(reading, !Catch::Contains("No difference in evaluations"));
}
