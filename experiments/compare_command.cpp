#include "experiments/compare_command.hpp"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <tuple>

#include <boost/program_options.hpp>

#include <tbb/info.h>

#include "experiments/command_line.hpp"
#include "experiments/compare/compare_spec.hpp"
#include "experiments/compare/plot_writer.hpp"
#include "experiments/compare/report_writer.hpp"
#include "experiments/compare/run_scheduler.hpp"
#include "experiments/compare/run_store.hpp"
#include "experiments/compare/summary.hpp"
#include "experiments/run_directory.hpp"
#include "experiments/stop_signals.hpp"
#include "experiments/vector_units.hpp"
#include "neat/atomic_file.hpp"
#include "neat/software_version.hpp"

namespace convneat {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace compare;

// As many runs at once as /evaluation/threads allows threads.
constexpr std::uint64_t kMaxJobs = 4096;

po::options_description visible_options() {
  po::options_description options(
      "usage: convneat compare SPEC [options]\n\n"
      "Runs every (task, variant, seed) of a comparison spec in parallel, then writes runs.csv,\n"
      "species_curves.csv, summary.csv, pairwise.csv, report.md and plots/ to the output directory.\n"
      "Finished runs are kept: run the same command again to resume an interrupted comparison.\n"
      "Ctrl-C (SIGINT), SIGTERM or SIGHUP stop it: runs in progress end after their generation in\n"
      "hand and are dropped (they start afresh on resume); a second signal stops it at once.\n"
      "Spec format: docs/compare-spec.md; example: experiments/compare/innovation_policies.json\n\n"
      "options");
  options.add_options()("help,h", "show this help")("jobs,j", po::value<std::string>(), "runs at once (0 or default: every core)")(
      "out", po::value<std::string>(), "override the spec's \"output\" directory")(
      "report-only", "run nothing; write the report from the runs already finished");
  return options;
}

// "task/variant" → the settings its runs are made with (seed aside).
nlohmann::json group_fingerprints(const CompareSpec& spec) {
  nlohmann::json groups = nlohmann::json::object();
  for (std::size_t t = 0; t < spec.tasks.size(); ++t)
    for (std::size_t v = 0; v < spec.variants.size(); ++v)
      groups[spec.tasks[t].label + "/" + spec.variants[v].name] = group_fingerprint(run_config(spec, t, v, spec.seeds[0]));
  return groups;
}

// Spec order (task, variant, seed); rows the spec no longer names go last.
auto spec_order(const CompareSpec& spec) {
  auto rank = [&spec](const RunKey& key) {
    auto index = [](const auto& list, auto matches) {
      std::size_t i = 0;
      while (i < list.size() && !matches(list[i])) ++i;
      return i;
    };
    return std::tuple(index(spec.tasks, [&](const CompareTask& t) { return t.label == key.task; }),
                      index(spec.variants, [&](const Variant& v) { return v.name == key.variant; }),
                      index(spec.seeds, [&](std::uint64_t s) { return s == key.seed; }), key);
  };
  return [rank](const RunKey& a, const RunKey& b) { return rank(a) < rank(b); };
}

void announce(const CompareSpec& spec, std::size_t done, std::size_t planned, std::size_t jobs, const fs::path& out) {
  std::cout << "comparing " << spec.variants.size() << " variants x " << spec.tasks.size() << " tasks x "
            << spec.seeds.size() << " seeds = " << planned << " runs, " << jobs << " at once; output "
            << out.string() << '\n';
  if (done > 0) std::cout << "resuming: " << done << " of " << planned << " runs already done\n";
  std::cout << std::flush;
}

// The vector units every run of the spec is made with: a process runs on one set
// (experiments/vector_units.hpp), so a comparison's variants cannot differ in them.
VectorUnits common_vector_units(const CompareSpec& spec) {
  const VectorUnits first = variant_config(spec, 0, 0).vector_units;
  for (std::size_t t = 0; t < spec.tasks.size(); ++t)
    for (std::size_t v = 0; v < spec.variants.size(); ++v)
      if (const VectorUnits units = variant_config(spec, t, v).vector_units; units != first)
        throw ConfigError(spec.file.string() + ": /vector_units: \"" + std::string(kVectorUnits.name(units)) +
                          "\" in " + spec.tasks[t].label + "/" + spec.variants[v].name + " but \"" +
                          std::string(kVectorUnits.name(first)) +
                          "\" in others; every run of a comparison uses the same (compare each path in a spec "
                          "of its own)");
  return first;
}

void write_results(const CompareSpec& spec, RunStore& store) {
  store.rewrite_sorted(spec_order(spec));
  const ComparisonSummary summary = summarise(spec, store.finished());
  const fs::path& out = store.directory();
  write_file_atomically(out / "summary.csv", summary_csv(summary));
  write_file_atomically(out / "pairwise.csv", pairwise_csv(summary));
  const PlotOutcome plots = write_plots(out, spec, summary, store.finished());
  if (!plots.problem.empty()) std::cerr << "convneat compare: " << plots.problem << '\n';
  write_file_atomically(out / "report.md",
                        comparison_report(spec, summary, plots.images, store.software(), fs::exists(out / "runs")));
  std::cout << '\n' << comparison_reading(spec, summary) << "report written to "
            << fs::absolute(out / "report.md").lexically_normal().string() << '\n';
}

}  // namespace

int compare_command(const std::vector<std::string>& arguments, const TaskRegistry& tasks) {
  const po::options_description visible = visible_options();
  const po::variables_map values = parse_command_line(arguments, visible, "spec");
  if (const auto exit_code = help_or_usage_exit(values, visible, values.count("spec") > 0)) return *exit_code;
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t jobs_wanted =
      values.count("jobs") ? whole_number_option("--jobs", values["jobs"].as<std::string>(), 0, kMaxJobs) : 0;
  const CompareSpec spec = load_compare_spec(values["spec"].as<std::string>(), tasks);
  if (!values.count("report-only")) {  // the binary built for the runs' vector units takes over
    std::vector<std::string> command{"compare"};
    command.insert(command.end(), arguments.begin(), arguments.end());
    continue_on_vector_units(common_vector_units(spec), command, spec.file.string());
  }
  const fs::path out = values.count("out") ? values["out"].as<std::string>() : spec.output;
  const RunDirectory directory(out, "convneat compare " + spec.file.string());  // one comparison at a time writes here
  const nlohmann::json software = software_document();  // recorded when this process runs runs
  RunStore store(out, spec.document, group_fingerprints(spec), spec.file.string(),
                 values.count("report-only") ? nullptr : &software);

  const std::size_t planned = planned_runs(spec).size();
  std::size_t done = 0;
  for (const RunKey& key : planned_runs(spec)) done += store.is_finished(key);
  const std::size_t cores = static_cast<std::size_t>(tbb::info::default_concurrency());
  const std::size_t jobs = jobs_wanted > 0 ? static_cast<std::size_t>(jobs_wanted) : cores;
  announce(spec, done, planned, jobs, out);
  if (!values.count("report-only")) {
    const StopSignals signals("the comparison: runs in progress end after their generation in hand, unrecorded");
    const std::size_t ran = run_missing(spec, store, {jobs, ::isatty(STDERR_FILENO) == 1, &signals.request()}, std::cerr);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "ran " << ran << " runs in " << static_cast<long long>(seconds + 0.5) << " s\n";
    if (signals.exit_code() != 0 && done + ran < planned) {  // a signal after the last run loses nothing
      std::cout << "stopped by " << signals.signal_name() << ": " << done + ran << " of " << planned
                << " runs finished and kept in " << (out / "runs.csv").string()
                << "; run the same command again to resume\n";
      return signals.exit_code();
    }
  }
  write_results(spec, store);
  return 0;
}

}  // namespace convneat
