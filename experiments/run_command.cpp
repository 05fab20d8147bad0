#include "experiments/run_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>

#include <boost/program_options.hpp>

#include "experiments/command_line.hpp"
#include "experiments/config_file.hpp"
#include "experiments/run_directory.hpp"
#include "experiments/stop_signals.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "experiments/vector_units.hpp"
#include "export/dot_writer.hpp"
#include "genome/genome_json.hpp"
#include "genome/message_excerpt.hpp"
#include "neat/atomic_file.hpp"
#include "neat/checkpoint.hpp"
#include "neat/config_document.hpp"
#include "neat/console_reporter.hpp"
#include "neat/json_limits.hpp"
#include "neat/population.hpp"
#include "neat/software_version.hpp"
#include "neat/statistics_reporter.hpp"
#include "neat/tbb_evaluator.hpp"
#ifdef CONVNEAT_HAS_MPI
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>

#include "neat/mpi_evaluator.hpp"
#endif

namespace convneat {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

po::options_description visible_options() {
  po::options_description options(
      "usage: convneat run CONFIG [options]\n"
      "       convneat run [CONFIG] --resume CHECKPOINT [options]\n\n"
      "Runs an experiment; writes config.json, generations.csv, species.csv, checkpoint.cbor\n"
      "(checkpoint.json with output.checkpoint_format=json), champion.json and champion.dot\n"
      "to the output directory, which no other run may use at the same time. Ctrl-C (SIGINT),\n"
      "SIGTERM or SIGHUP stop it after the generation in hand with a checkpoint to resume from;\n"
      "a second signal stops it at once.\n\noptions");
  options.add_options()("help,h", "show this help")("seed", po::value<std::string>(), "override /seed")(
      "threads", po::value<std::string>(), "override /evaluation/threads (0: every core)")(
      "evaluator", po::value<std::string>(),
      "override /evaluation/backend: tbb, or mpi under `mpirun -np N` (docs/mpi.md)")(
      "out", po::value<std::string>(), "override /output/directory")(
      "generations", po::value<std::string>(), "override /stop/max_generations")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override one key, e.g. --set population.size=300 (repeatable)")(
      "resume", po::value<std::string>(), "continue the run saved in a checkpoint, bit-exactly")(
      "overwrite", "replace the run found in the output directory (without it, such a directory is refused)");
  return options;
}

// Applies --set and the shortcut options through the config table, so they are validated
// like the file. Returns the JSON pointers of the keys they set.
std::set<std::string> apply_command_line(NeatConfig& config, const po::variables_map& values) {
  std::set<std::string> keys;
  if (values.count("set"))
    for (const std::string& assignment : values["set"].as<std::vector<std::string>>()) {
      const auto equals = assignment.find('=');
      if (equals == std::string::npos) throw ConfigError("--set " + excerpt(assignment) + ": expected KEY=VALUE");
      keys.insert(apply_override(config, assignment.substr(0, equals), assignment.substr(equals + 1)));
    }
  const std::pair<const char*, const char*> shortcuts[] = {
      {"seed", "/seed"},
      {"threads", "/evaluation/threads"},
      {"evaluator", "/evaluation/backend"},
      {"generations", "/stop/max_generations"}};
  for (const auto& [option, pointer] : shortcuts)
    if (values.count(option))
      keys.insert(apply_override(config, pointer, values[option].as<std::string>(), std::string("--") + option));
  if (values.count("out")) {  // a directory name is a string even when it looks like a number
    if (!is_valid_utf8(values["out"].as<std::string>()))
      throw ConfigError("--out: the directory name is not valid UTF-8 (configs and checkpoints hold it as JSON text)");
    keys.insert(apply_override(config, "/output/directory", nlohmann::json(values["out"].as<std::string>()).dump(),
                               "--out"));
  }
  return keys;
}

// A resumed run may change when it stops, where it writes and how many threads it uses —
// nothing that would make it a different run.
bool may_change_on_resume(const std::string& path) {
  return path.starts_with("/stop/") || path.starts_with("/evaluation/") || path.starts_with("/output/");
}

void check_same_run(const NeatConfig& wanted, const NeatConfig& saved, const std::string& source) {
  const nlohmann::json a = config_to_json(wanted), b = config_to_json(saved);
  for (const Setting& setting : config_settings()) {
    const nlohmann::json::json_pointer pointer(setting.path);
    if (!may_change_on_resume(setting.path) && a[pointer] != b[pointer])
      throw ConfigError(source + ": " + setting.path + ": the checkpoint was made with " + excerpt(b[pointer].dump()) +
                        ", got " + excerpt(a[pointer].dump()) +
                        "; a resumed run may change only /stop, /evaluation and /output");
  }
  if (a["task"] != b["task"]) throw ConfigError(source + ": /task: differs from the checkpoint's task");
  // An annealed learning rate is spread over the run's length: another length would give the
  // generations still to come other rates than the straight run's, and break the curve.
  if (saved.training.mode != TrainingMode::off && saved.training.schedule.kind != LearningRateSchedule::constant &&
      wanted.stop.max_generations != saved.stop.max_generations)
    throw ConfigError(source + ": /stop/max_generations: the checkpoint's run anneals its learning rate over " +
                      std::to_string(saved.stop.max_generations) + " generations (/training/schedule " +
                      std::string(kLearningRateSchedules.name(saved.training.schedule.kind)) + "), got " +
                      std::to_string(wanted.stop.max_generations) + "; a resumed run must keep its length");
}

nlohmann::json champion_document(const RunResult& result, const NeatConfig& config) {
  return {{"format", "convneat-champion"},
          {"version", 1},
          {"task", config.task},
          {"feed_forward", config.genome.feed_forward},
          {"vector_units", kVectorUnits.name(config.vector_units)},
          {"solved", result.solved},
          {"generations", result.generations},
          {"evaluations", result.evaluations},
          {"evaluations_to_solve",
           result.evaluations_to_solve ? nlohmann::json(*result.evaluations_to_solve) : nlohmann::json(nullptr)},
          {"genome", genome_to_json(result.champion)},
          {"software", software_document()}};
}

// The figures of the champion's final test ("champion_test" in champion.json): with the
// figures only reported (an image task's test accuracy) besides those that decide.
nlohmann::json champion_test_document(const ChampionTestResult& test) {
  nlohmann::json figures = nlohmann::json::object();
  for (const auto& [name, value] : test.figures) figures[name] = value;
  return {{"passed", test.solved}, {"figures", figures}};
}

void write_champion(const fs::path& out, const RunResult& result, const NeatConfig& config,
                    const std::optional<ChampionTestResult>& final_test = std::nullopt) {
  nlohmann::json champion = champion_document(result, config);
  if (final_test) champion["champion_test"] = champion_test_document(*final_test);
  write_file_atomically(out / "champion.json", champion.dump(2) + "\n");
  write_file_atomically(out / "champion.dot", genome_to_dot(result.champion, "champion"));
}

RunResult champion_so_far(const Population& population) {
  RunResult result;
  if (population.champion()) result.champion = *population.champion();
  result.generations = population.generation() + 1;
  result.evaluations = population.evaluations();
  return result;
}

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

struct PreparedRun {
  NeatConfig config;
  std::optional<LoadedCheckpoint> checkpoint;
  std::unique_ptr<const Task> task;  // made once: a dataset task reads its files when made
};

PreparedRun prepare(const po::variables_map& values, const std::vector<std::string>& arguments,
                    const TaskRegistry& tasks) {
  std::optional<LoadedCheckpoint> checkpoint;
  if (values.count("resume")) checkpoint.emplace(read_checkpoint(values["resume"].as<std::string>()));

  NeatConfig config;
  nlohmann::json document = nlohmann::json::object();
  std::string source = "--resume";
  if (values.count("config")) {
    const fs::path path(values["config"].as<std::string>());
    LoadedExperiment experiment = load_experiment(path);
    config = std::move(experiment.config);
    document = std::move(experiment.document);
    source = path.string();
  } else if (checkpoint) {
    config = checkpoint->population.config();
    document = config_to_json(config);
  }
  const std::set<std::string> command_line_keys = apply_command_line(config, values);
  for (const std::string& key : command_line_keys)  // the document now lists every key the user chose
    document[nlohmann::json::json_pointer(key)] = true;
  if (checkpoint && !command_line_keys.contains("/output/directory"))  // a resumed run writes beside its checkpoint
    config.output_directory = fs::absolute(values["resume"].as<std::string>()).parent_path().string();
  // Before any data is read or MPI starts: the binary built for the run's vector units takes over
  // (a resume on other units than its checkpoint's is refused here, as check_same_run would).
  if (checkpoint && config.vector_units != checkpoint->population.config().vector_units)
    throw ConfigError(source + ": /vector_units: the checkpoint was made with \"" +
                      std::string(kVectorUnits.name(checkpoint->population.config().vector_units)) + "\", got \"" +
                      std::string(kVectorUnits.name(config.vector_units)) +
                      "\"; a resumed run stays on its vector units (its results depend on them)");
  std::vector<std::string> command{"run"};
  command.insert(command.end(), arguments.begin(), arguments.end());
  continue_on_vector_units(config.vector_units, command, source);
  std::unique_ptr<const Task> task = tasks.make(config.task, source);
  fit_genome_to_task(config, document, *task, source);
  if (checkpoint) check_same_run(config, checkpoint->population.config(), source);
  return {std::move(config), std::move(checkpoint), std::move(task)};
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
                                           bool overwrite) {
  if (checkpoint.statistics.is_null()) return folder;  // written before checkpoints held fingerprints
  const std::string unmatched = StatisticsReporter::unmatched_file(folder, checkpoint.statistics);
  if (unmatched.empty()) return folder;
  const std::string first = std::to_string(checkpoint.population.generation());
  if (!overwrite)
    throw ConfigError((folder / unmatched).string() +
                      ": does not begin with the rows written before this checkpoint (changed, cut short or written "
                      "over by another run since); restore it, or add --overwrite to resume with statistics files "
                      "that start at generation " + first);
  std::cout << (folder / unmatched).string() << " does not hold this run's rows: the statistics files start at generation "
            << first << '\n';
  return std::nullopt;
}

// Takes the output directory for this run: a fresh run (or a resume into another folder)
// must not mix its files with an earlier run's. Returns where earlier statistics come from.
std::optional<fs::path> claim_output(const PreparedRun& prepared, const po::variables_map& values, const fs::path& out) {
  const bool overwrite = values.count("overwrite") > 0;
  if (!prepared.checkpoint) {
    claim_for_new_run(out, overwrite);
    return std::nullopt;
  }
  const fs::path folder = fs::path(values["resume"].as<std::string>()).parent_path();
  if (same_directory(out, folder)) return statistics_history(*prepared.checkpoint, folder, overwrite);
  // A checkpoint copied elsewhere and resumed into its run's own directory: that run's files
  // are this run's rows, not another run's.
  const nlohmann::json& fingerprints = prepared.checkpoint->statistics;
  if (!fingerprints.is_null() && StatisticsReporter::unmatched_file(out, fingerprints).empty()) return out;
  claim_for_new_run(out, overwrite);
  return statistics_history(*prepared.checkpoint, folder, overwrite);
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
  throw std::runtime_error("no genome was scored: all " + std::to_string(result.evaluations) +
                           " evaluations failed (reasons in the progress lines above), so no champion was written; "
                           "fix the cause (e.g. --set evaluation.time_limit_seconds=...) and resume: " +
                           resume_command(out, config));
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

// Everything of a run after its config is settled, whatever evaluates the genomes. Only
// this process writes: with MPI it runs on rank 0 alone.
int evolve(const PreparedRun& prepared, const po::variables_map& values, Evaluator& evaluator,
           const StopSignals& signals, const std::string& holder) {
  const NeatConfig& config = prepared.config;
  Population population = prepared.checkpoint ? Population::restore(config, prepared.checkpoint->population.save_state())
                                              : Population(config);
  if (prepared.checkpoint) check_limits_ahead(population, config);
  const RunDirectory directory(config.output_directory, holder);
  const fs::path& out = directory.path();
  const std::optional<fs::path> history = claim_output(prepared, values, out);
  nlohmann::json written = config_to_json(config);
  written["software"] = software_document();  // read back, it is ignored: not part of the run
  write_file_atomically(out / "config.json", written.dump(2) + "\n");

  const double seconds_before = prepared.checkpoint ? prepared.checkpoint->seconds : 0.0;
  if (prepared.checkpoint)
    std::cout << "resuming at generation " << population.generation() << " from " << values["resume"].as<std::string>()
              << '\n';

  if (config.vector_units != VectorUnits::portable)
    std::cout << "vector units: " << kVectorUnits.name(config.vector_units) << '\n';
  ConsoleReporter console(std::cout);
  StatisticsReporter statistics(out, population.generation(), history);
  CheckpointReporter checkpoints(out, {config.checkpoint_interval, config.checkpoint_seconds}, seconds_before,
                                 &statistics, config.checkpoint_format);
  RunResult result;
  try {
    result = population.run(evaluator, {&console, &statistics, &checkpoints}, seconds_before, &signals.request());
  } catch (const ExtinctionError&) {
    write_champion(out, champion_so_far(population), config);  // keep the best genome found
    throw;
  }
  if (result.scored_evaluations > 0) write_champion(out, result, config, final_champion_test(result, evaluator));
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
  std::cout << "results written to " << fs::absolute(out).lexically_normal().string() << '\n';
  return 0;
}

#ifdef CONVNEAT_HAS_MPI
std::string how_to_resume(const fs::path& out, CheckpointFormat format) {
  const std::string checkpoint = fs::absolute(out / checkpoint_file_name(format)).lexically_normal().string();
  return "The last checkpoint written, " + checkpoint +
         " (if any: /output/checkpoint_seconds and checkpoint_interval set how often), is intact; resume with\n"
         "  mpirun -np N convneat run --resume " + checkpoint + " --evaluator mpi";
}

// mpirun answers Ctrl-C, SIGTERM, or a rank that died by sending SIGTERM to every rank and
// SIGKILL a second later (Open MPI's odls_base_sigkill_timeout). Every rank takes the first
// signal as a request to stop after the generation in hand — workers go on serving until rank
// 0 sends them home — and rank 0 says at once where the last checkpoint is, in case the
// SIGKILL comes before the generation ends (or never ends, a rank having died).
StopSignals mpi_stop_signals(const fs::path& out, CheckpointFormat format, bool rank_zero) {
  if (!rank_zero) return StopSignals("when rank 0 says so");
  return StopSignals("after the generation in hand and writing a checkpoint",
                     ". If mpirun ends the job first (another rank died, or Ctrl-C on mpirun, which kills every rank a "
                     "second later):\n" + how_to_resume(out, format));
}

int run_on_mpi_ranks(const PreparedRun& prepared, const po::variables_map& values, const std::string& holder,
                     const TaskRegistry& tasks) {
  // No MPI_Abort on an exception: rank 0's errors must reach main's one-line message.
  const boost::mpi::environment environment(/*abort_on_exception=*/false);
  const boost::mpi::communicator world;
  const StopSignals signals =
      mpi_stop_signals(prepared.config.output_directory, prepared.config.checkpoint_format, world.rank() == 0);
  if (world.rank() != 0) {  // workers build the task from the section rank 0 sends them
    serve_evaluations(world, [&tasks](const nlohmann::json& task) { return tasks.make(task, "/task from rank 0"); });
    return 0;
  }
  const NeatConfig& config = prepared.config;
  MpiEvaluator evaluator(world, *prepared.task,
                         {config.task, evaluation_settings(config)},
                         {config.mpi_slice_timeout_seconds,
                          how_to_resume(config.output_directory, config.checkpoint_format)});
  std::cout << "evaluating on " << world.size() << " MPI rank" << (world.size() > 1 ? "s" : "") << '\n';
  try {
    return evolve(prepared, values, evaluator, signals, holder);
  } catch (const MpiEvaluationError& error) {
    throw MpiEvaluationError(std::string(error.what()) + ".\n" + how_to_resume(config.output_directory, config.checkpoint_format));
  }
}
#else
int run_on_mpi_ranks(const PreparedRun&, const po::variables_map&, const std::string&, const TaskRegistry&) {
  throw ConfigError(
      "/evaluation/backend \"mpi\" (--evaluator mpi): this convneat was built without MPI support; install "
      "libboost-mpi-dev and openmpi-bin and rebuild (CMake option CONVNEAT_WITH_MPI), or use --evaluator tbb");
}
#endif

}  // namespace

int run_command(const std::vector<std::string>& arguments, const TaskRegistry& tasks) {
  const po::options_description visible = visible_options();
  const po::variables_map values = parse_command_line(arguments, visible, "config");
  const bool complete = values.count("config") || values.count("resume");
  if (const auto exit_code = help_or_usage_exit(values, visible, complete)) return *exit_code;

  // Under MPI every rank gets here with the same arguments and reads the same config (and
  // checkpoint), so every rank agrees on the back end; only rank 0 goes on to write.
  const PreparedRun prepared = prepare(values, arguments, tasks);
  const NeatConfig& config = prepared.config;
  std::string holder = "convneat run";
  for (const std::string& argument : arguments) holder += " " + argument;
  if (config.backend == EvaluatorBackend::mpi) return run_on_mpi_ranks(prepared, values, holder, tasks);
  const StopSignals signals("after the generation in hand and writing a checkpoint");
  TbbEvaluator evaluator(*prepared.task, evaluation_settings(config));
  return evolve(prepared, values, evaluator, signals, holder);
}

}  // namespace convneat
