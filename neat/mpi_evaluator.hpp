#pragma once
// Evaluation on the ranks of an MPI job (`mpirun -np N convneat run … --evaluator mpi`).
// Rank 0 runs evolution and owns every output; it hands genomes out in small slices to the
// worker ranks 1…N-1, which compile and evaluate them with oneTBB and send the evaluations
// back. Slices are handed out on demand (each worker holds at most two), so a worker that
// finishes early gets more and uneven evaluation times do not leave ranks idle. Each genome
// is evaluated as TbbEvaluator evaluates it (each worker's slices go through one), with its own
// random stream, so results are bit-identical to a single-process run whatever N is. With N = 1,
// rank 0 evaluates everything itself. Champion tests run on rank 0.
//
// Failures: a worker that reports an error or sends a message that cannot be decoded makes
// evaluate() throw (the run stops before its next checkpoint, so the last one stays intact).
// A worker that dies is seen by mpirun, which ends the whole job. A worker that stops
// answering (stopped, hung, cut off) is never seen by mpirun: rank 0 gives each worker a
// time limit per slice (SliceTimeout) and past it ends the job itself; see docs/mpi.md.
//
// Only built when CMake finds Boost.MPI and an MPI (CONVNEAT_HAS_MPI).
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <boost/mpi/communicator.hpp>
#include <boost/mpi/request.hpp>

#include "neat/mpi_messages.hpp"
#include "neat/tbb_evaluator.hpp"

namespace convneat {

// A worker failed, or sent something rank 0 cannot use: the run cannot go on.
class MpiEvaluationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How long rank 0 waits for a worker to answer one slice (from the moment the worker could
// start on it), and what it says when it gives up waiting.
struct SliceTimeout {
  double seconds = 0.0;     // 0: no limit
  std::string resume_hint;  // said after the reason: where the last checkpoint is, how to resume
};

class MpiEvaluator final : public Evaluator {
 public:
  // On rank 0 of `world`: sends `setup` to every worker. `task` must be the task `setup`
  // describes; rank 0 uses it for champion tests and, with one rank, for everything.
  MpiEvaluator(boost::mpi::communicator world, const Task& task, const EvaluationSetup& setup,
               SliceTimeout timeout = {});
  MpiEvaluator(boost::mpi::communicator, const Task&&, const EvaluationSetup&, SliceTimeout = {}) = delete;
  // Collects the slices still out (after an error) and tells every worker to stop.
  ~MpiEvaluator() override;

  // Past the slice timeout this does not return: it writes the reason and the resume hint
  // to stderr and ends rank 0 with exit status 1 (see end_job_for_silent_worker).
  std::vector<Evaluation> evaluate(const std::vector<Genome>& genomes, std::size_t generation) override;
  bool has_champion_test() const override { return local_.has_champion_test(); }
  ChampionTestResult test_champion(const Genome& genome, ChampionTestScope scope) override {
    return local_.test_champion(genome, scope);
  }
  std::optional<BehaviourMetric> behaviour_metric() const override { return local_.behaviour_metric(); }

 private:
  using Clock = std::chrono::steady_clock;

  // Ends the job (see evaluate) when a worker has held a slice longer than the timeout.
  void check_slice_deadlines(std::size_t generation) const;

  boost::mpi::communicator world_;
  TbbEvaluator local_;
  SliceTimeout timeout_;
  std::map<int, std::size_t> in_flight_;  // worker rank → slices sent and not yet answered
  // Worker rank → when it last answered, or got a slice while holding none: the time its
  // current slice has had. A worker works on one slice at a time, so this times one slice.
  std::map<int, Clock::time_point> busy_since_;
  // Slices go out without blocking: a blocking send of a large slice to a worker that is
  // itself blocked sending a large result to rank 0 would deadlock both. A request owns its
  // message until it completes, so the requests live as long as slices may be in flight.
  std::vector<boost::mpi::request> sends_;
};

using TaskFactory = std::function<std::unique_ptr<Task>(const nlohmann::json& task_section)>;

// The whole life of a worker rank: receives the setup, then evaluates slices until rank 0
// says stop. Errors (a task that cannot be built, a slice that cannot be decoded) are sent
// to rank 0, which reports them; the worker then waits for the stop.
//
// Test-only hook, for tests/test_mpi_evaluator.cpp: when the environment variable
// CONVNEAT_TEST_WORKER_FAULT is "R:G:exit", worker rank R exits at once (status 3, without
// finalising MPI) when it receives a slice of generation G — a worker that dies mid-run;
// with "R:G:garbage" it answers that slice with a message that cannot be decoded.
void serve_evaluations(const boost::mpi::communicator& world, const TaskFactory& make_task);

}  // namespace convneat
