#include "experiments/experiment_run.hpp"

#include <iostream>

#include "experiments/champion_file.hpp"
#include "experiments/config_file.hpp"
#include "experiments/pareto_front_file.hpp"
#include "experiments/run_directory.hpp"
#include "export/dot_writer.hpp"
#include "genome/genome_json.hpp"
#include "neat/atomic_file.hpp"
#include "neat/config_document.hpp"
#include "neat/config_schema.hpp"
#include "neat/console_reporter.hpp"
#include "neat/population.hpp"
#include "neat/software_version.hpp"
#include "neat/statistics_reporter.hpp"

namespace convneat {
namespace {

namespace fs = std::filesystem;

// The final checkpoint holds the next generation, ready to resume with higher limits (or,
// after a signal, to go on as if the run had never stopped). Returns whether it was written:
// a population that dies out in that last reproduction has no next generation.
bool write_final_checkpoint(const fs::path& out, Population& population, double seconds,
                            const StatisticsReporter& statistics, CheckpointFormat format) {
  try {
    population.advance();
  } catch (const ExtinctionError& extinction) {
    std::cout << "no final checkpoint: " << extinction.what() << '\n';
    return false;
  }
  write_checkpoint(out / checkpoint_file_name(format), population, seconds, statistics.fingerprints(), format);
  remove_superseded_checkpoint(out, format);
  return true;
}

// A resumed run must have somewhere to go: its limits beyond the checkpoint's position.
void check_limits_ahead(const Population& population, const NeatConfig& config) {
  if (population.generation() >= config.stop.max_generations)
    throw ConfigError("--resume: the checkpoint holds generation " + std::to_string(population.generation()) +
                      "; /stop/max_generations (" + std::to_string(config.stop.max_generations) +
                      ") must be greater, e.g. --generations " + std::to_string(population.generation() + 10));
  if (config.stop.max_evaluations > 0 && population.evaluations() >= config.stop.max_evaluations)
    throw ConfigError("--resume: the checkpoint has made " + std::to_string(population.evaluations()) +
                      " evaluations; /stop/max_evaluations (" + std::to_string(config.stop.max_evaluations) +
                      ") must be greater");
}

bool same_directory(const fs::path& a, const fs::path& b) {
  std::error_code ignored;
  return fs::equivalent(a.empty() ? "." : a, b.empty() ? "." : b, ignored);
}

// Where a resumed run's earlier statistics rows come from: the checkpoint's folder, when its
// files still begin with the rows the checkpoint was written after. Rows that another run
// wrote there since, or a file cut short, are refused — or, with --overwrite, left behind:
// the run's files then start at the checkpoint's generation.
std::optional<fs::path> statistics_history(const LoadedCheckpoint& checkpoint, const fs::path& folder,
                                           bool overwrite, bool tell) {
  if (checkpoint.statistics.is_null()) return folder;  // written before checkpoints held fingerprints
  const std::string unmatched = StatisticsReporter::unmatched_file(folder, checkpoint.statistics);
  if (unmatched.empty()) return folder;
  const std::string first = std::to_string(checkpoint.population.generation());
  if (!overwrite)
    throw ConfigError((folder / unmatched).string() +
                      ": does not begin with the rows written before this checkpoint (changed, cut short or written "
                      "over by another run since); restore it, or add --overwrite to resume with statistics files "
                      "that start at generation " + first);
  if (tell)
    std::cout << (folder / unmatched).string()
              << " does not hold this run's rows: the statistics files start at generation " << first << '\n';
  return std::nullopt;
}

// Takes the output directory for this run: a fresh run (or a resume into another folder)
// must not mix its files with an earlier run's. Returns where earlier statistics come from.
std::optional<fs::path> claim_output(const ExperimentRun& run, const fs::path& out) {
  const bool overwrite = run.overwrite;
  if (!run.checkpoint) {
    claim_for_new_run(out, overwrite);
    return std::nullopt;
  }
  const fs::path folder = run.resumed_from.parent_path();
  if (same_directory(out, folder)) return statistics_history(*run.checkpoint, folder, overwrite, run.progress);
  // A checkpoint copied elsewhere and resumed into its run's own directory: that run's files
  // are this run's rows, not another run's.
  const nlohmann::json& fingerprints = run.checkpoint->statistics;
  if (!fingerprints.is_null() && StatisticsReporter::unmatched_file(out, fingerprints).empty()) return out;
  claim_for_new_run(out, overwrite);
  return statistics_history(*run.checkpoint, folder, overwrite, run.progress);
}

std::string resume_command(const fs::path& out, const NeatConfig& config) {
  const std::string checkpoint = (out / checkpoint_file_name(config.checkpoint_format)).string();
  return config.backend == EvaluatorBackend::mpi ? "mpirun -np N convneat run --resume " + checkpoint + " --evaluator mpi"
                                                 : "convneat run --resume " + checkpoint;
}

// What a run stopped by a signal leaves: "checkpoint and champion written", or less.
std::string written_on_stop(bool checkpoint, bool champion) {
  if (checkpoint && champion) return "checkpoint and champion written";
  if (checkpoint) return "checkpoint written (no genome scored yet, so no champion)";
  if (champion) return "champion written (the population died out: no checkpoint)";
  return "nothing to write (the population died out before any genome was scored)";
}

// A run whose every evaluation failed has no champion worth the name; its checkpoint is kept,
// since a resume may change /evaluation (e.g. a time limit set too low).
[[noreturn]] void refuse_unscored_run(const fs::path& out, const RunResult& result, const NeatConfig& config) {
  throw UnscoredRunError("no genome was scored: all " + std::to_string(result.evaluations) +
                             " evaluations failed (reasons in the progress lines above), so no champion was written; "
                             "fix the cause (e.g. --set evaluation.time_limit_seconds=...) and resume: " +
                             resume_command(out, config),
                         result.evaluations);
}

// The run's champion takes the task's final champion test (an image task's test split is
// scored here, once per run), unless a signal stopped the run: a stop should not wait for it.
std::optional<ChampionTestResult> final_champion_test(const RunResult& result, Evaluator& evaluator) {
  if (result.reason == StopReason::interrupted || result.scored_evaluations == 0 || !evaluator.has_champion_test())
    return std::nullopt;
  ChampionTestResult test = evaluator.test_champion(result.champion, ChampionTestScope::final);
  std::cout << "champion test:";
  for (const auto& [name, value] : test.figures) std::cout << ' ' << name << ' ' << value;
  std::cout << (test.solved ? " passed" : " failed") << '\n';
  return test;
}

}  // namespace

int run_experiment(const ExperimentRun& run, Evaluator& evaluator, const StopSignals& signals,
                   const std::string& holder) {
  if (run.checkpoint && run.resumed_from.empty())
    throw std::invalid_argument("run_experiment: a resumed run needs resumed_from, the checkpoint's file");
  const NeatConfig& config = run.config;
  Population population =
      run.checkpoint ? Population::restore(config, run.checkpoint->population.save_state()) : Population(config);
  if (run.checkpoint) check_limits_ahead(population, config);
  const RunDirectory directory(config.output_directory, holder);
  const fs::path& out = directory.path();
  const std::optional<fs::path> history = claim_output(run, out);
  nlohmann::json written = config_to_json(config);
  written["software"] = software_document();  // read back, it is ignored: not part of the run
  write_file_atomically(out / "config.json", written.dump(2) + "\n");

  const double seconds_before = run.checkpoint ? run.checkpoint->seconds : 0.0;
  if (run.checkpoint && run.progress)
    std::cout << "resuming at generation " << population.generation() << " from " << run.resumed_from.string() << '\n';

  if (config.vector_units != VectorUnits::portable && run.progress)
    std::cout << "vector units: " << kVectorUnits.name(config.vector_units) << '\n';
  ConsoleReporter console(std::cout, {config.stop.max_generations, config.stop.max_evaluations, config.progress_every});
  StatisticsReporter statistics(out, population.generation(), history,
                                config.selection.objective != SelectionObjective::fitness);
  CheckpointReporter checkpoints(out, {config.checkpoint_interval, config.checkpoint_seconds}, seconds_before,
                                 &statistics, config.checkpoint_format);
  std::vector<Reporter*> reporters{&statistics, &checkpoints};
  if (run.progress) reporters.insert(reporters.begin(), &console);
  reporters.insert(reporters.end(), run.observers.begin(), run.observers.end());
  RunResult result;
  try {
    result = population.run(evaluator, reporters, seconds_before, &signals.request());
  } catch (const ExtinctionError&) {
    write_champion(out, champion_so_far(population), config, run.names);  // keep the best genome found
    throw;
  }
  if (result.scored_evaluations > 0)
    write_champion(out, result, config, run.names, final_champion_test(result, evaluator));
  if (config.selection.objective == SelectionObjective::pareto) write_pareto_front(out / kParetoFrontFile, population);
  const bool checkpointed =
      write_final_checkpoint(out, population, checkpoints.seconds(), statistics, config.checkpoint_format);
  if (result.reason == StopReason::interrupted) {
    std::cout << "stopped by " << signals.signal_name() << " after generation " << result.generations - 1 << ": "
              << written_on_stop(checkpointed, result.scored_evaluations > 0);
    if (checkpointed) std::cout << "; resume with: " << resume_command(out, config);
    std::cout << '\n';
    return signals.exit_code();
  }
  if (result.scored_evaluations == 0) refuse_unscored_run(out, result, config);
  if (run.progress) std::cout << "results written to " << fs::absolute(out).lexically_normal().string() << '\n';
  return 0;
}

}  // namespace convneat
