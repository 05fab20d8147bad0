#include "experiments/run_command.hpp"

#include <filesystem>
#include <iostream>
#include <optional>
#include <set>

#include <boost/program_options.hpp>

#include "experiments/command_line.hpp"
#include "experiments/config_file.hpp"
#include "experiments/experiment_run.hpp"
#include "experiments/stop_signals.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "experiments/vector_units.hpp"
#include "genome/message_excerpt.hpp"
#include "neat/checkpoint.hpp"
#include "neat/config_document.hpp"
#include "neat/json_limits.hpp"
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
      "(and selection.csv when /selection/objective is not fitness, pareto_front.csv with pareto)\n"
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

// The run, and the task it points to (made once: a dataset task reads its files when made).
struct PreparedRun {
  ExperimentRun run;
  std::unique_ptr<const Task> task;
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
  ExperimentRun run{std::move(config), std::move(checkpoint), {}, values.count("overwrite") > 0, {}, true,
                    node_names(*task)};
  if (values.count("resume")) run.resumed_from = values["resume"].as<std::string>();
  return {std::move(run), std::move(task)};
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

int run_on_mpi_ranks(const PreparedRun& prepared, const std::string& holder, const TaskRegistry& tasks) {
  // No MPI_Abort on an exception: rank 0's errors must reach main's one-line message.
  const boost::mpi::environment environment(/*abort_on_exception=*/false);
  const boost::mpi::communicator world;
  const StopSignals signals =
      mpi_stop_signals(prepared.run.config.output_directory, prepared.run.config.checkpoint_format, world.rank() == 0);
  if (world.rank() != 0) {  // workers build the task from the section rank 0 sends them
    serve_evaluations(world, [&tasks](const nlohmann::json& task) { return tasks.make(task, "/task from rank 0"); });
    return 0;
  }
  const NeatConfig& config = prepared.run.config;
  MpiEvaluator evaluator(world, *prepared.task,
                         {config.task, evaluation_settings(config)},
                         {config.mpi_slice_timeout_seconds,
                          how_to_resume(config.output_directory, config.checkpoint_format)});
  std::cout << "evaluating on " << world.size() << " MPI rank" << (world.size() > 1 ? "s" : "") << '\n';
  try {
    return run_experiment(prepared.run, evaluator, signals, holder);
  } catch (const MpiEvaluationError& error) {
    throw MpiEvaluationError(std::string(error.what()) + ".\n" + how_to_resume(config.output_directory, config.checkpoint_format));
  }
}
#else
int run_on_mpi_ranks(const PreparedRun&, const std::string&, const TaskRegistry&) {
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
  const NeatConfig& config = prepared.run.config;
  std::string holder = "convneat run";
  for (const std::string& argument : arguments) holder += " " + argument;
  if (config.backend == EvaluatorBackend::mpi) return run_on_mpi_ranks(prepared, holder, tasks);
  const StopSignals signals("after the generation in hand and writing a checkpoint");
  TbbEvaluator evaluator(*prepared.task, evaluation_settings(config));
  return run_experiment(prepared.run, evaluator, signals, holder);
}

}  // namespace convneat
