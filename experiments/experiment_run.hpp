#pragma once
// One run of an experiment whose config is settled, with every file a run leaves: it locks the
// output directory, writes config.json, generations.csv and species.csv as it goes,
// checkpoints on the config's schedule, and at the end (or on a stop signal) champion.json,
// champion.dot and the final checkpoint, printing progress to stdout. `convneat run` is this
// after reading its command line (run_command.cpp); a program of one's own, or another
// language's binding, can call it directly with a task and an evaluator of its choosing.
#include <filesystem>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "experiments/stop_signals.hpp"
#include "neat/checkpoint.hpp"
#include "neat/config.hpp"
#include "neat/evaluator.hpp"
#include "neat/reporter.hpp"

namespace convneat {

struct ExperimentRun {
  NeatConfig config;  // settled (fit_genome_to_task applied); config.output_directory is where files go
  std::optional<LoadedCheckpoint> checkpoint;  // resume this run
  std::filesystem::path resumed_from;          // the checkpoint's file: its folder may hold the run's earlier rows
  bool overwrite = false;                      // replace a run found in the output directory
  // More observers of the run, called after its own (progress, statistics files, checkpoints):
  // a binding's reporters. Not owned; they must outlive the call.
  std::vector<Reporter*> observers;
  // What a run tells on stdout as it goes: a line per generation (the console reporter),
  // where it resumed, the vector units and where its results went. What a stopped or failed
  // run says is printed either way.
  bool progress = true;
  // The task's names of its inputs and outputs (node_names): kept in champion.json and drawn
  // in champion.dot.
  NodeNames names;
};

// Every evaluation of a run failed: nothing was scored, so no champion was written (the
// checkpoint was). `evaluations` says how many failed; what() says how to go on from the CLI.
class UnscoredRunError : public std::runtime_error {
 public:
  UnscoredRunError(const std::string& what, std::uint64_t evaluations)
      : std::runtime_error(what), evaluations(evaluations) {}
  std::uint64_t evaluations;
};

// Returns the process's exit code: 0, or 128 + the signal's number when a signal stopped the
// run. Throws ConfigError for a directory another run holds or a resume with nowhere to go,
// UnscoredRunError when no genome could be scored, std::invalid_argument for a checkpoint
// without the file it came from. `holder` names this run in the output
// directory's lock. Only this process writes: under MPI, rank 0 calls it.
int run_experiment(const ExperimentRun& run, Evaluator& evaluator, const StopSignals& signals,
                   const std::string& holder);

}  // namespace convneat
