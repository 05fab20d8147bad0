#include "experiments/run_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>

#include <boost/program_options.hpp>

#include "experiments/command_line.hpp"
#include "experiments/config_file.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "genome/genome_json.hpp"
#include "neat/atomic_file.hpp"
#include "neat/checkpoint.hpp"
#include "neat/config_schema.hpp"
#include "neat/console_reporter.hpp"
#include "neat/population.hpp"
#include "neat/statistics_reporter.hpp"
#include "neat/tbb_evaluator.hpp"
#ifdef CONVNEAT_HAS_MPI
#include <signal.h>
#include <unistd.h>

#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>

#include "neat/mpi_evaluator.hpp"
#endif
#include "nets/dot_writer.hpp"

namespace convneat {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

po::options_description visible_options() {
  po::options_description options(
      "usage: convneat run CONFIG [options]\n"
      "       convneat run [CONFIG] --resume CHECKPOINT [options]\n\n"
      "Runs an experiment; writes config.json, generations.csv, species.csv, checkpoint.json,\n"
      "champion.json and champion.dot to the output directory.\n\noptions");
  options.add_options()("help,h", "show this help")("seed", po::value<std::string>(), "override /seed")(
      "threads", po::value<std::string>(), "override /evaluation/threads (0: every core)")(
      "evaluator", po::value<std::string>(),
      "override /evaluation/backend: tbb, or mpi under `mpirun -np N` (docs/mpi.md)")(
      "out", po::value<std::string>(), "override /output/directory")(
      "generations", po::value<std::string>(), "override /stop/max_generations")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override one key, e.g. --set population.size=300 (repeatable)")(
      "resume", po::value<std::string>(), "continue the run saved in a checkpoint, bit-exactly");
  return options;
}

// Applies --set and the shortcut options through the config table, so they are validated
// like the file. Returns the JSON pointers of the keys they set.
std::set<std::string> apply_command_line(NeatConfig& config, const po::variables_map& values) {
  std::set<std::string> keys;
  if (values.count("set"))
    for (const std::string& assignment : values["set"].as<std::vector<std::string>>()) {
      const auto equals = assignment.find('=');
      if (equals == std::string::npos) throw ConfigError("--set " + assignment + ": expected KEY=VALUE");
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
  if (values.count("out"))  // a directory name is a string even when it looks like a number
    keys.insert(apply_override(config, "/output/directory", nlohmann::json(values["out"].as<std::string>()).dump(),
                               "--out"));
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
      throw ConfigError(source + ": " + setting.path + ": the checkpoint was made with " + b[pointer].dump() +
                        ", got " + a[pointer].dump() + "; a resumed run may change only /stop, /evaluation and /output");
  }
  if (a["task"] != b["task"]) throw ConfigError(source + ": /task: differs from the checkpoint's task");
}

fs::path prepare_output_directory(const std::string& directory) {
  const fs::path path(directory);
  std::error_code error;
  fs::create_directories(path, error);
  if (error || !fs::is_directory(path))
    throw std::runtime_error(directory + ": cannot create the output directory" +
                             (error ? ": " + error.message() : std::string()));
  write_file_atomically(path / ".write-test", "");  // fails now, with a clear message, if not writable
  fs::remove(path / ".write-test", error);
  return path;
}

nlohmann::json champion_document(const RunResult& result, const NeatConfig& config) {
  return {{"format", "convneat-champion"},
          {"version", 1},
          {"task", config.task},
          {"feed_forward", config.genome.feed_forward},
          {"solved", result.solved},
          {"generations", result.generations},
          {"evaluations", result.evaluations},
          {"evaluations_to_solve",
           result.evaluations_to_solve ? nlohmann::json(*result.evaluations_to_solve) : nlohmann::json(nullptr)},
          {"genome", genome_to_json(result.champion)}};
}

void write_champion(const fs::path& out, const RunResult& result, const NeatConfig& config) {
  write_file_atomically(out / "champion.json", champion_document(result, config).dump(2) + "\n");
  write_file_atomically(out / "champion.dot", genome_to_dot(result.champion, "champion"));
}

RunResult champion_so_far(const Population& population) {
  RunResult result;
  if (population.champion()) result.champion = *population.champion();
  result.generations = population.generation() + 1;
  result.evaluations = population.evaluations();
  return result;
}

// The final checkpoint holds the next generation, ready to resume with higher limits.
void write_final_checkpoint(const fs::path& out, Population& population, double seconds) {
  try {
    population.advance();
  } catch (const ExtinctionError& extinction) {
    std::cout << "no final checkpoint: " << extinction.what() << '\n';
    return;
  }
  write_checkpoint(out / "checkpoint.json", population, seconds);
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

PreparedRun prepare(const po::variables_map& values) {
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
    source = path.filename().string();
  } else if (checkpoint) {
    config = checkpoint->population.config();
    document = config_to_json(config);
  }
  const std::set<std::string> command_line_keys = apply_command_line(config, values);
  for (const std::string& key : command_line_keys)  // the document now lists every key the user chose
    document[nlohmann::json::json_pointer(key)] = true;
  if (checkpoint && !command_line_keys.contains("/output/directory"))  // a resumed run writes beside its checkpoint
    config.output_directory = fs::absolute(values["resume"].as<std::string>()).parent_path().string();
  std::unique_ptr<const Task> task = make_task(config.task, source);
  fit_genome_to_task(config, document, *task, source);
  if (checkpoint) check_same_run(config, checkpoint->population.config(), source);
  return {std::move(config), std::move(checkpoint), std::move(task)};
}

// Everything of a run after its config is settled, whatever evaluates the genomes. Only
// this process writes: with MPI it runs on rank 0 alone.
int evolve(const PreparedRun& prepared, const po::variables_map& values, Evaluator& evaluator) {
  const NeatConfig& config = prepared.config;
  Population population = prepared.checkpoint ? Population::restore(config, prepared.checkpoint->population.save_state())
                                              : Population(config);
  if (prepared.checkpoint) check_limits_ahead(population, config);
  const fs::path out = prepare_output_directory(config.output_directory);
  write_file_atomically(out / "config.json", config_to_json(config).dump(2) + "\n");

  const double seconds_before = prepared.checkpoint ? prepared.checkpoint->seconds : 0.0;
  // A resumed run keeps the statistics rows written before its checkpoint, read from the
  // checkpoint's folder (which may not be the output folder).
  const fs::path history = prepared.checkpoint ? fs::path(values["resume"].as<std::string>()).parent_path() : out;
  if (prepared.checkpoint)
    std::cout << "resuming at generation " << population.generation() << " from " << values["resume"].as<std::string>()
              << '\n';

  ConsoleReporter console(std::cout);
  StatisticsReporter statistics(out, population.generation(), history);
  CheckpointReporter checkpoints(out, config.checkpoint_interval);
  RunResult result;
  try {
    result = population.run(evaluator, {&console, &statistics, &checkpoints}, seconds_before);
  } catch (const ExtinctionError&) {
    write_champion(out, champion_so_far(population), config);  // keep the best genome found
    throw;
  }
  write_champion(out, result, config);
  write_final_checkpoint(out, population, checkpoints.seconds());
  std::cout << "results written to " << fs::absolute(out).lexically_normal().string() << '\n';
  return 0;
}

#ifdef CONVNEAT_HAS_MPI
// When a worker rank dies, mpirun ends the job by sending SIGTERM to every other rank, and
// rank 0 would vanish without a word. This says on rank 0's stderr what happened and where
// the last checkpoint is (written atomically, so it is intact), then exits.
std::string how_to_resume(const fs::path& out) {
  const std::string checkpoint = fs::absolute(out / "checkpoint.json").lexically_normal().string();
  return "The last checkpoint written, " + checkpoint +
         " (if any: /output/checkpoint_interval sets how often), is intact; resume with\n"
         "  mpirun -np N convneat run --resume " + checkpoint + " --evaluator mpi";
}

void explain_termination_by_mpirun(const fs::path& out) {
  static std::string notice;
  notice = "\nconvneat: rank 0 was stopped by mpirun: another rank of the MPI job died (see mpirun's message) "
           "or the job was interrupted. " + how_to_resume(out) + "\n";
  struct sigaction action {};
  action.sa_handler = [](int) {
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, notice.data(), notice.size());
    ::_exit(143);  // 128 + SIGTERM, as if the signal had ended the process
  };
  ::sigaction(SIGTERM, &action, nullptr);
}

int run_on_mpi_ranks(const PreparedRun& prepared, const po::variables_map& values) {
  // No MPI_Abort on an exception: rank 0's errors must reach main's one-line message.
  const boost::mpi::environment environment(/*abort_on_exception=*/false);
  const boost::mpi::communicator world;
  if (world.rank() != 0) {  // workers build the task from the section rank 0 sends them
    serve_evaluations(world, [](const nlohmann::json& task) { return make_task(task, "/task from rank 0"); });
    return 0;
  }
  const NeatConfig& config = prepared.config;
  MpiEvaluator evaluator(world, *prepared.task,
                         {config.task, config.genome.feed_forward, config.seed, config.threads, config.time_limit_seconds},
                         {config.mpi_slice_timeout_seconds, how_to_resume(config.output_directory)});
  if (world.size() > 1) explain_termination_by_mpirun(config.output_directory);
  std::cout << "evaluating on " << world.size() << " MPI rank" << (world.size() > 1 ? "s" : "") << '\n';
  try {
    return evolve(prepared, values, evaluator);
  } catch (const MpiEvaluationError& error) {
    throw MpiEvaluationError(std::string(error.what()) + ".\n" + how_to_resume(config.output_directory));
  }
}
#else
int run_on_mpi_ranks(const PreparedRun&, const po::variables_map&) {
  throw ConfigError(
      "/evaluation/backend \"mpi\" (--evaluator mpi): this convneat was built without MPI support; install "
      "libboost-mpi-dev and openmpi-bin and rebuild (CMake option CONVNEAT_WITH_MPI), or use --evaluator tbb");
}
#endif

}  // namespace

int run_command(const std::vector<std::string>& arguments) {
  const po::options_description visible = visible_options();
  const po::variables_map values = parse_command_line(arguments, visible, "config");
  const bool complete = values.count("config") || values.count("resume");
  if (const auto exit_code = help_or_usage_exit(values, visible, complete)) return *exit_code;

  // Under MPI every rank gets here with the same arguments and reads the same config (and
  // checkpoint), so every rank agrees on the back end; only rank 0 goes on to write.
  const PreparedRun prepared = prepare(values);
  const NeatConfig& config = prepared.config;
  if (config.backend == EvaluatorBackend::mpi) return run_on_mpi_ranks(prepared, values);
  TbbEvaluator evaluator(*prepared.task, config.genome.feed_forward, config.seed, config.threads,
                         config.time_limit_seconds);
  return evolve(prepared, values, evaluator);
}

}  // namespace convneat
