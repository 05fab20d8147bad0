// convneat.Population: a run from Python, with every file `convneat run` leaves (it is the
// same library function, run_experiment), scored by a built-in task at C++ speed or by a
// fitness function written in Python (python_evaluator.hpp). Reporters are Python callables.
#include <atomic>
#include <csignal>
#include <filesystem>
#include <optional>
#include <utility>

#include "bindings.hpp"
#include "experiments/config_file.hpp"
#include "experiments/experiment_run.hpp"
#include "experiments/stop_signals.hpp"
#include "experiments/vector_units.hpp"
#include "neat/checkpoint.hpp"
#include "neat/config_document.hpp"
#include "neat/population.hpp"
#include "neat/tbb_evaluator.hpp"
#include "python_evaluator.hpp"
#include "python_task.hpp"

namespace convneat::python {
namespace {

namespace fs = std::filesystem;

// Every genome's fitness by species, as neat-python's StatisticsReporter keeps a generation:
// species id, then (genome id, fitness) of its members.
using FitnessBySpecies = std::vector<std::pair<std::uint64_t, std::vector<std::pair<GenomeId, double>>>>;

FitnessBySpecies fitness_by_species(const Population& population) {
  FitnessBySpecies by_species;
  const std::vector<Genome>& genomes = population.genomes();
  for (const Species& species : population.species().species()) {
    auto& members = by_species.emplace_back(species.id, std::vector<std::pair<GenomeId, double>>{}).second;
    members.reserve(species.members.size());
    for (std::size_t member : species.members) members.emplace_back(genomes[member].id, genomes[member].fitness);
  }
  return by_species;
}

// One generation as the run reported it, with what its row needs of the population then.
struct GenerationRecord {
  GenerationReport report;
  FitnessBySpecies fitnesses;
  Phenotype phenotype;
};

// The generation as a dict (a row of generations.csv, the generation's fittest genome and
// every genome's fitness, {species id: {genome id: fitness}}).
py::dict generation_row(const GenerationRecord& record) {
  const GenerationReport& report = record.report;
  py::dict row;
  row["generation"] = report.generation;
  row["best_fitness"] = report.best_fitness;
  row["mean_fitness"] = report.mean_fitness;
  row["stdev_fitness"] = report.stdev_fitness;
  row["species"] = report.species.size();
  py::dict sizes;  // species id → members
  for (const SpeciesSummary& species : report.species) sizes[py::int_(species.id)] = species.size;
  row["species_sizes"] = sizes;
  row["evaluations"] = report.evaluations;
  row["failed_evaluations"] = report.failed_evaluations;
  py::dict failures;
  for (const auto& [reason, count] : report.failures) failures[py::str(reason)] = count;
  row["failures"] = failures;
  row["solved"] = report.solved;
  row["compatibility_threshold"] = report.compatibility_threshold;
  row["seconds"] = report.seconds;
  row["best_genome"] = GenomeHandle{std::make_shared<const Genome>(report.best), record.phenotype};
  py::dict species_fitness;
  for (const auto& [species, members] : record.fitnesses) {
    py::dict fitness;
    for (const auto& [genome, value] : members) fitness[py::int_(genome)] = value;
    species_fitness[py::int_(species)] = fitness;
  }
  row["fitnesses"] = species_fitness;
  return row;
}

// population.statistics: every generation's row. A generation is kept as a C++ record and made
// a dict only when Python looks at it (statistics read, or a reporter given its row): the
// dicts of a small generation cost about a twentieth of a run whose fitness is vectorised, and
// most runs never read them. Callers hold the GIL, which also guards the records.
class GenerationRows {
 public:
  std::size_t size() const { return dicts_.size() + records_.size(); }
  void add(GenerationRecord record) { records_.push_back(std::move(record)); }
  const py::list& dicts() {
    std::size_t made = 0;
    try {
      for (; made < records_.size(); ++made) dicts_.append(generation_row(records_[made]));
    } catch (...) {  // the rows made stay made, once
      records_.erase(records_.begin(), records_.begin() + static_cast<std::ptrdiff_t>(made));
      throw;
    }
    records_.clear();
    return dicts_;
  }
  // Drops the rows of generations the next run() evaluates again: statistics stays one run's.
  void keep_before(std::size_t generation) {
    py::list kept;
    for (const py::handle row : dicts())
      if (row["generation"].cast<std::size_t>() < generation) kept.append(row);
    dicts_ = kept;
  }

 private:
  py::list dicts_;                         // the rows made so far, in order
  std::vector<GenerationRecord> records_;  // the rows after them, not made yet
};

// Keeps every generation's row and calls the user's reporters with it; keeps the result.
class PythonReporters final : public Reporter {
 public:
  PythonReporters(GenerationRows& rows, std::vector<py::object> callables, const Phenotype& phenotype)
      : rows_(rows), callables_(std::move(callables)), phenotype_(phenotype) {}

  void on_generation(const GenerationReport& report, const Population& population) override {
    const py::gil_scoped_acquire gil;
    rows_.add({report, fitness_by_species(population), phenotype_});
    if (callables_.empty()) return;
    const py::list& rows = rows_.dicts();
    const py::object row = rows[rows.size() - 1];
    for (const py::object& callable : callables_) callable(row);
  }
  void on_finish(const RunResult& result, const Population&) override { result_ = result; }
  const std::optional<RunResult>& result() const { return result_; }

 private:
  GenerationRows& rows_;
  std::vector<py::object> callables_;
  Phenotype phenotype_;
  std::optional<RunResult> result_;
};

// One run at a time in a process: a run installs process-wide signal handlers (StopSignals),
// which a run inside another (from a fitness function) or beside it (another thread) would
// leave behind.
class OneRunAtATime {
 public:
  OneRunAtATime() {
    if (running_.exchange(true))
      throw py::value_error("run: another Population.run is in progress in this process (one at a time: runs take "
                            "over Ctrl-C while they last)");
  }
  ~OneRunAtATime() { running_ = false; }
  OneRunAtATime(const OneRunAtATime&) = delete;
  OneRunAtATime& operator=(const OneRunAtATime&) = delete;

 private:
  static inline std::atomic<bool> running_{false};
};

void check_callable(const py::object& value, const char* name) {
  if (!value.is_none() && !PyCallable_Check(value.ptr()))
    throw py::type_error(std::string("run: ") + name + " must be callable, got " + type_name(value));
}

class PythonPopulation {
 public:
  PythonPopulation(ExperimentConfig config, std::optional<std::uint64_t> seed, const py::object& output, bool overwrite)
      : config_(std::move(config)), overwrite_(overwrite) {
    if (seed) set("/seed", std::to_string(*seed), "seed");
    if (!output.is_none())
      set("/output/directory", nlohmann::json(path_text(output)).dump(), "output");
  }

  static PythonPopulation resume(const py::object& checkpoint_path, const py::object& output, bool overwrite) {
    const fs::path path = path_text(checkpoint_path);
    LoadedCheckpoint checkpoint = read_checkpoint(path);
    ExperimentConfig config{checkpoint.population.config(), {}, path.string()};
    config.document = config_to_json(config.config);
    config.config.output_directory = fs::absolute(path).parent_path().string();  // by default, beside it
    PythonPopulation population(std::move(config), std::nullopt, output, overwrite);
    population.checkpoint_.emplace(std::move(checkpoint));
    population.resumed_from_ = path;
    return population;
  }

  py::dict run(const py::object& fitness, const py::object& batch_fitness, const py::object& eval_genomes,
               std::optional<std::size_t> generations, const py::object& reporters, std::optional<std::size_t> threads,
               bool progress);

  const ExperimentConfig& config() const { return config_; }
  const py::list& statistics() { return rows_.dicts(); }
  std::size_t generation() const {
    if (unread_checkpoint_) return unread_checkpoint_->generation;
    return checkpoint_ ? checkpoint_->population.generation() : 0;
  }

 private:
  void set(const std::string& pointer, const std::string& value, const std::string& argument) {
    set_key(config_, pointer, value, argument);
  }
  std::unique_ptr<Evaluator> evaluator_for(const Task& task, const py::object& fitness, const py::object& batch_fitness,
                                           const py::object& eval_genomes) const;
  void continue_from_final_checkpoint(std::optional<std::size_t> generation);
  const std::optional<LoadedCheckpoint>& starting_point();
  void recover_from_failure(ExperimentRun& experiment, bool started);

  ExperimentConfig config_;
  bool overwrite_;
  // Where the next run() starts: a resume, or the last run's end. The last run's end is first
  // known by its file and generation only (unread_checkpoint_), until starting_point() reads it.
  std::optional<LoadedCheckpoint> checkpoint_;
  struct UnreadCheckpoint {
    fs::path path;
    std::size_t generation;
  };
  std::optional<UnreadCheckpoint> unread_checkpoint_;
  fs::path resumed_from_;
  GenerationRows rows_;
};

std::unique_ptr<Evaluator> PythonPopulation::evaluator_for(const Task& task, const py::object& fitness,
                                                           const py::object& batch_fitness,
                                                           const py::object& eval_genomes) const {
  const int given = !fitness.is_none() + !batch_fitness.is_none() + !eval_genomes.is_none();
  const bool python_task = is_python_task(config_.config.task);
  if (given > 1) throw py::value_error("run: give one of fitness, batch_fitness and eval_genomes, not several");
  if (python_task && given == 0)
    throw py::value_error(config_.source + ": /task/name \"python\": run needs a fitness function (fitness, "
                          "batch_fitness or eval_genomes)");
  if (!python_task && given == 1)
    throw py::value_error(config_.source + ": /task/name \"" + task.name() +
                          "\" is scored by ConvNEAT; a Python fitness function needs /task/name \"python\" (with "
                          "/task/inputs and /task/outputs)");
  const Phenotype phenotype = phenotype_of(config_.config);
  const std::optional<double> solved_at = config_.config.stop.fitness_threshold;
  const std::size_t threads = config_.config.threads;
  if (!fitness.is_none())
    return std::make_unique<PythonEvaluator>(fitness, FitnessForm::network, phenotype, solved_at, py::none(), threads);
  if (!batch_fitness.is_none())
    return std::make_unique<PythonEvaluator>(batch_fitness, FitnessForm::batch, phenotype, solved_at, py::none(),
                                             threads);
  if (!eval_genomes.is_none())
    return std::make_unique<PythonEvaluator>(eval_genomes, FitnessForm::eval_genomes, phenotype, solved_at,
                                             py::cast(config_), threads);
  return std::make_unique<TbbEvaluator>(task, evaluation_settings(config_.config));
}

// The next run() goes on from where this one ended, as `convneat run --resume` would: from the
// checkpoint this run wrote last. When the run says which generation that checkpoint holds, the
// file is read only when the population next needs it (starting_point()), so that a run nobody
// continues does not pay for reading back what it has just written.
void PythonPopulation::continue_from_final_checkpoint(std::optional<std::size_t> generation) {
  checkpoint_.reset();
  unread_checkpoint_.reset();
  const NeatConfig& config = config_.config;
  const fs::path path = fs::path(config.output_directory) / checkpoint_file_name(config.checkpoint_format);
  if (!fs::exists(path)) return;  // the population died out: nothing to go on from
  if (generation) {
    unread_checkpoint_ = UnreadCheckpoint{path, *generation};
    return;
  }
  checkpoint_.emplace(read_checkpoint(path));
  resumed_from_ = path;
}

// The file the last run wrote must still hold where that run ended: a checkpoint gone or
// replaced since is refused (CheckpointError), never taken for a fresh start or another run.
const std::optional<LoadedCheckpoint>& PythonPopulation::starting_point() {
  if (!unread_checkpoint_) return checkpoint_;
  const UnreadCheckpoint& unread = *unread_checkpoint_;
  LoadedCheckpoint loaded = read_checkpoint(unread.path);
  if (loaded.population.generation() != unread.generation)
    throw CheckpointError(unread.path.string() + ": holds generation " +
                          std::to_string(loaded.population.generation()) +
                          ", but this population's last run ended at " + std::to_string(unread.generation) +
                          ": the file was replaced; convneat.Population.resume(path) goes on from it as it is");
  checkpoint_.emplace(std::move(loaded));
  resumed_from_ = unread.path;
  unread_checkpoint_.reset();
  return checkpoint_;
}

// After a run that threw, the population stands where its files do: at the last checkpoint
// this run wrote (or the one it started from), so that run() goes on from there. A run that
// never began (refused before its first generation) leaves everything as it was.
void PythonPopulation::recover_from_failure(ExperimentRun& experiment, bool started) {
  if (!started) {
    checkpoint_ = std::move(experiment.checkpoint);
    unread_checkpoint_.reset();
    return;
  }
  continue_from_final_checkpoint(std::nullopt);  // which generation it holds, only the file says
  overwrite_ = !checkpoint_;  // no checkpoint yet: the next run starts afresh over this one's own files
  rows_.keep_before(generation());
}

py::dict PythonPopulation::run(const py::object& fitness, const py::object& batch_fitness,
                               const py::object& eval_genomes, std::optional<std::size_t> generations,
                               const py::object& reporters, std::optional<std::size_t> threads, bool progress) {
  check_callable(fitness, "fitness");
  check_callable(batch_fitness, "batch_fitness");
  check_callable(eval_genomes, "eval_genomes");
  for (const py::handle reporter : reporters) check_callable(py::reinterpret_borrow<py::object>(reporter), "a reporter");
  if (generations) set("/stop/max_generations", std::to_string(*generations), "generations");
  if (starting_point() && generation() >= config_.config.stop.max_generations)
    throw py::value_error("run: the population is at generation " + std::to_string(generation()) +
                          "; give generations= greater than that (the run's total, as --generations)");
  if (threads) set("/evaluation/threads", std::to_string(*threads), "threads");
  NeatConfig& config = config_.config;
  if (config.backend == EvaluatorBackend::mpi)
    throw ConfigError(config_.source + ": /evaluation/backend \"mpi\": not from Python; run the config with mpirun and "
                      "the convneat CLI (docs/mpi.md)");
  if (config.vector_units != built_vector_units())
    throw ConfigError(config_.source + ": /vector_units \"" + std::string(kVectorUnits.name(config.vector_units)) +
                      "\": this module is built for \"" + std::string(kVectorUnits.name(built_vector_units())) +
                      "\"; run the config with the convneat CLI, which continues on the units it names");
  const std::unique_ptr<Task> task = python_tasks().make(config.task, config_.source);
  fit_genome_to_task(config, config_.document, *task, config_.source);
  const std::unique_ptr<Evaluator> evaluator = evaluator_for(*task, fitness, batch_fitness, eval_genomes);

  std::vector<py::object> callables;
  for (const py::handle reporter : reporters) callables.push_back(py::reinterpret_borrow<py::object>(reporter));
  PythonReporters observer(rows_, std::move(callables), phenotype_of(config));
  ExperimentRun experiment{config,   std::move(checkpoint_), resumed_from_, overwrite_, {&observer},
                           progress, node_names(*task)};
  checkpoint_.reset();
  const std::size_t rows_before = rows_.size();
  int exit_code = 0;
  try {
    const OneRunAtATime one;
    const StopSignals signals("after the generation in hand and writing a checkpoint");
    const py::gil_scoped_release release;  // evaluators and reporters take it back to call Python
    exit_code = run_experiment(experiment, *evaluator, signals, "python: convneat.Population.run");
  } catch (const py::error_already_set&) {  // raised by the fitness function or a reporter: the run had begun
    recover_from_failure(experiment, true);
    throw;
  } catch (const UnscoredRunError& unscored) {  // the CLI's advice is not the way on from Python
    recover_from_failure(experiment, true);
    throw std::runtime_error("no genome was scored: all " + std::to_string(unscored.evaluations) +
                             " evaluations failed (why: population.statistics[-1][\"failures\"]), so no champion "
                             "was written; fix the cause and run() again, which goes on from the last checkpoint");
  } catch (...) {
    recover_from_failure(experiment, rows_.size() > rows_before);
    throw;
  }
  overwrite_ = false;  // the directory is this population's now
  // The last checkpoint holds the generation after the last one evaluated.
  const std::optional<RunResult>& ended = observer.result();
  continue_from_final_checkpoint(ended ? std::optional<std::size_t>(ended->generations) : std::nullopt);
  if (exit_code != 0) {  // a signal stopped it; the run has said so, and what it wrote
    if (exit_code == 128 + SIGINT) PyErr_SetNone(PyExc_KeyboardInterrupt);
    else PyErr_SetObject(PyExc_SystemExit, py::int_(exit_code).ptr());
    throw py::error_already_set();
  }
  const RunResult& result = *observer.result();
  py::dict summary;
  summary["champion"] = GenomeHandle{std::make_shared<const Genome>(result.champion), phenotype_of(config)};
  summary["solved"] = result.solved;
  summary["generations"] = result.generations;
  summary["evaluations"] = result.evaluations;
  summary["evaluations_to_solve"] =
      result.evaluations_to_solve ? py::object(py::int_(*result.evaluations_to_solve)) : py::object(py::none());
  summary["reason"] = std::string(stop_reason_identifier(result.reason));
  summary["output_directory"] = fs::absolute(config.output_directory).lexically_normal().string();
  return summary;
}

}  // namespace

void bind_population(py::module_& module) {
  py::class_<PythonPopulation>(module, "Population", R"(A NEAT run.

Population(config, seed=None, output=None, overwrite=False)

config: a Config. seed and output override /seed and /output/directory. The run writes to
its output directory exactly what `convneat run` writes (config.json, generations.csv,
species.csv, checkpoints, champion.json, champion.dot); a directory holding another run is
refused unless overwrite=True.)")
      .def(py::init<ExperimentConfig, std::optional<std::uint64_t>, const py::object&, bool>(), py::arg("config"),
           py::arg("seed") = py::none(), py::arg("output") = py::none(), py::arg("overwrite") = false)
      .def_static("resume", &PythonPopulation::resume, py::arg("checkpoint"), py::arg("output") = py::none(),
                  py::arg("overwrite") = false,
                  "A population that goes on from a checkpoint file (checkpoint.cbor or .json), writing beside it "
                  "or to output (overwrite: replace the run found there).")
      .def("run", &PythonPopulation::run, py::arg("fitness") = py::none(), py::kw_only(),
           py::arg("batch_fitness") = py::none(), py::arg("eval_genomes") = py::none(),
           py::arg("generations") = py::none(), py::arg("reporters") = py::tuple(), py::arg("threads") = py::none(),
           py::arg("progress") = true,
           R"(Evolves until the config's stopping rules hold; returns a dict with "champion" (a
Genome), "solved", "generations", "evaluations", "evaluations_to_solve", "reason" and
"output_directory".

The config's task scores the networks (at C++ speed, on /evaluation/threads threads)
unless its /task/name is "python": then give one fitness function,
  fitness(network) -> float            called once per genome, or
  batch_fitness(networks) -> floats    called once per generation with every network (a
                                       convneat.Networks sequence), or
  eval_genomes(genomes, config)        neat-python's form: [(id, Genome)], set genome.fitness.
A value that is not a real number, or NaN, fails that genome (lowest fitness of its
generation, as in the CLI); an exception stops the run and propagates, the last checkpoint
kept. generations sets /stop/max_generations (the run's total, as `--generations`);
threads sets /evaluation/threads. reporters: callables, each called with every generation's
statistics (a dict). progress=False prints nothing on stdout (no line per generation, no
closing line).
Ctrl-C stops after the generation in hand, writes a checkpoint and
raises KeyboardInterrupt. A second run() goes on from where the first ended.)")
      .def_property_readonly("config", &PythonPopulation::config)
      .def_property_readonly("statistics", &PythonPopulation::statistics,
                             "Every generation's row so far (dicts; pandas.DataFrame(population.statistics)). A list "
                             "made when read: read it again after a run for that run's rows.")
      .def_property_readonly("generation", &PythonPopulation::generation,
                             "The generation the next run() starts at.");
}

}  // namespace convneat::python
