#include "neat/mpi_evaluator.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include <boost/mpi/nonblocking.hpp>

namespace convneat {
namespace {

namespace mpi = boost::mpi;

enum Tag : int { kSetup = 1, kWork = 2, kResult = 3, kFailure = 4, kStop = 5 };

// Slices per worker and generation: enough that a fast worker can take over the work of a
// slow one, few enough that message overhead stays small against evaluation.
constexpr std::size_t kSlicesPerWorker = 8;
// Slices a worker holds at once: the second one hides the round trip of the first.
constexpr std::size_t kSlicesAhead = 2;

// Waiting ranks poll with short sleeps. Open MPI's blocking receive spins at full speed, so
// a waiting rank (rank 0 during a generation, workers during reproduction) would take a
// core from the ranks that share its machine. `between_polls` runs after each poll that
// found nothing (rank 0 checks its slice deadlines there).
void pause_between_polls(const std::function<void()>& between_polls) {
  if (between_polls) between_polls();
  std::this_thread::sleep_for(std::chrono::microseconds(50));
}

// Waits for a message, polling.
mpi::status wait_for_message(const mpi::communicator& world, int source, int tag,
                             const std::function<void()>& between_polls = {}) {
  while (true) {
    if (const auto status = world.iprobe(source, tag)) return *status;
    pause_between_polls(between_polls);
  }
}

// Workers answer rank 0 in plain characters rather than in a Boost-serialized string, so
// that rank 0 can receive an answer without blocking: Boost receives a serialized string
// with a blocking MPI_Mrecv, which waits for ever for the rest of a large message whose
// sender stopped half way through it.
void answer(const mpi::communicator& world, Tag tag, const std::string& text) {
  world.send(0, tag, text.data(), static_cast<int>(text.size()));
}

// Receives the answer `status` announces, polling until the whole of it has arrived.
std::string receive_answer(const mpi::communicator& world, const mpi::status& status,
                           const std::function<void()>& between_polls = {}) {
  std::string text(static_cast<std::size_t>(status.count<char>().value_or(0)), '\0');
  mpi::request request = world.irecv(status.source(), status.tag(), text.data(), static_cast<int>(text.size()));
  while (!request.test()) pause_between_polls(between_polls);
  return text;
}

// Ends rank 0, and with it the job, because a worker stopped answering. Nothing gentler
// ends: the worker never answers, so ~MpiEvaluator (which collects the slices still out)
// and MPI_Finalize (a collective in Open MPI) would wait for it for ever, and MPI_Abort
// makes Open MPI 4.1's mpirun crash or hang when a rank is stopped with SIGSTOP. A rank
// that exits without finalising MPI is what mpirun reliably acts on: it ends the other
// ranks (the stopped one too) and exits with this rank's status, 1. Nothing on disk is lost
// by skipping the destructors: statistics rows are on disk as soon as they are made, and
// checkpoints are replaced atomically, so a checkpoint still being written is lost whole and
// the previous one stays (with the writer's .tmp file beside it).
[[noreturn]] void end_job_for_silent_worker(const std::string& reason, const std::string& resume_hint) {
  std::cout.flush();
  std::cerr << "convneat: " << reason << ".\n" << resume_hint << std::endl;
  std::_Exit(1);
}

std::string seconds_text(double seconds, int decimals) {
  std::ostringstream text;
  if (decimals >= 0) text << std::fixed << std::setprecision(decimals);
  text << seconds;
  return text.str();
}

// The test-only fault of serve_evaluations (see the header), or none.
struct TestFault {
  std::size_t generation = 0;
  bool exit = false;  // else: send garbage
};

std::optional<TestFault> test_fault(int rank) {
  const char* value = std::getenv("CONVNEAT_TEST_WORKER_FAULT");
  if (value == nullptr) return std::nullopt;
  const std::string text(value);
  const auto first = text.find(':'), second = text.find(':', first + 1);
  if (second == std::string::npos || std::stoi(text.substr(0, first)) != rank) return std::nullopt;
  return TestFault{std::stoull(text.substr(first + 1, second - first - 1)), text.substr(second + 1) == "exit"};
}

}  // namespace

MpiEvaluator::MpiEvaluator(mpi::communicator world, const Task& task, const EvaluationSetup& setup,
                           SliceTimeout timeout)
    : world_(std::move(world)),
      local_(task, setup.settings),
      timeout_(std::move(timeout)) {
  const std::string message = encode_setup(setup);
  for (int rank = 1; rank < world_.size(); ++rank) world_.send(rank, kSetup, message);
}

MpiEvaluator::~MpiEvaluator() {
  try {
    for (auto& [rank, count] : in_flight_)
      for (; count > 0; --count) receive_answer(world_, wait_for_message(world_, rank, mpi::any_tag));
    mpi::wait_all(sends_.begin(), sends_.end());
    for (int rank = 1; rank < world_.size(); ++rank) world_.send(rank, kStop);
  } catch (...) {
    // A destructor must not throw; mpirun ends workers left waiting when rank 0 exits.
  }
}

std::vector<Evaluation> MpiEvaluator::evaluate(const std::vector<Genome>& genomes, std::size_t generation) {
  const int workers = world_.size() - 1;
  if (workers == 0) return local_.evaluate(genomes, generation);

  std::vector<Evaluation> results(genomes.size());
  const std::size_t slice = std::max<std::size_t>(1, genomes.size() / (workers * kSlicesPerWorker));
  std::map<std::size_t, std::size_t> pending;  // first index → length of each slice out
  std::size_t next = 0, done = 0;
  auto hand_out = [&](int rank) {
    if (next == genomes.size()) return;
    const std::size_t length = std::min(slice, genomes.size() - next);
    sends_.push_back(world_.isend(rank, kWork, encode_work(generation, next, std::span(genomes).subspan(next, length))));
    if (in_flight_[rank]++ == 0) busy_since_[rank] = Clock::now();
    pending[next] = length;
    next += length;
  };
  for (std::size_t round = 0; round < kSlicesAhead; ++round)
    for (int rank = 1; rank <= workers; ++rank) hand_out(rank);

  const auto check_deadlines = [&] { check_slice_deadlines(generation); };
  while (done < genomes.size()) {
    const mpi::status status = wait_for_message(world_, mpi::any_source, mpi::any_tag, check_deadlines);
    const int rank = status.source();
    const std::string text = receive_answer(world_, status, check_deadlines);
    --in_flight_[rank];
    busy_since_[rank] = Clock::now();  // it starts on its next slice now, if it holds one
    const std::string from = "MPI evaluator, generation " + std::to_string(generation) + ": rank " + std::to_string(rank);
    if (status.tag() == kFailure) throw MpiEvaluationError(from + " failed: " + text);
    if (status.tag() != kResult)
      throw MpiEvaluationError(from + " sent a message with unexpected tag " + std::to_string(status.tag()));
    WorkResult result;
    try {
      result = decode_result(text);
    } catch (const MessageError& error) {
      throw MpiEvaluationError(from + " sent a result that cannot be decoded: " + error.what());
    }
    const auto slice_out = pending.find(result.first);
    if (slice_out == pending.end() || slice_out->second != result.evaluations.size())
      throw MpiEvaluationError(from + " answered a slice it was not given (first " + std::to_string(result.first) +
                               ", " + std::to_string(result.evaluations.size()) + " evaluations)");
    std::move(result.evaluations.begin(), result.evaluations.end(), results.begin() + result.first);
    done += slice_out->second;
    pending.erase(slice_out);
    hand_out(rank);
  }
  mpi::wait_all(sends_.begin(), sends_.end());  // done already: every slice was answered
  sends_.clear();
  return results;
}

void MpiEvaluator::check_slice_deadlines(std::size_t generation) const {
  if (timeout_.seconds <= 0) return;  // no limit
  const Clock::time_point now = Clock::now();
  for (const auto& [rank, count] : in_flight_) {
    if (count == 0) continue;
    const double waited = std::chrono::duration<double>(now - busy_since_.at(rank)).count();
    if (waited > timeout_.seconds)
      end_job_for_silent_worker("MPI evaluator, generation " + std::to_string(generation) + ": rank " +
                                    std::to_string(rank) + " has not answered its slice for " + seconds_text(waited, 1) +
                                    " s, past /evaluation/mpi_slice_timeout_seconds (" +
                                    seconds_text(timeout_.seconds, -1) +
                                    " s); it is stopped, hung or cut off, so rank 0 ends the job",
                                timeout_.resume_hint);
  }
}

void serve_evaluations(const mpi::communicator& world, const TaskFactory& make_task) {
  const std::optional<TestFault> fault = test_fault(world.rank());
  std::string text;
  wait_for_message(world, 0, kSetup);
  world.recv(0, kSetup, text);

  // A setup that fails is reported on every work item, so rank 0 stops with the reason.
  std::unique_ptr<Task> task;
  std::unique_ptr<TbbEvaluator> evaluator;
  std::string setup_failure;
  try {
    const EvaluationSetup setup = decode_setup(text);
    task = make_task(setup.task);
    evaluator = std::make_unique<TbbEvaluator>(*task, setup.settings);
  } catch (const std::exception& error) {
    setup_failure = std::string("cannot set up the task: ") + error.what();
  }

  while (true) {
    const mpi::status status = wait_for_message(world, 0, mpi::any_tag);
    if (status.tag() == kStop) {
      world.recv(0, kStop);
      return;
    }
    world.recv(0, status.tag(), text);
    if (status.tag() != kWork) continue;  // nothing else is sent to workers
    if (!setup_failure.empty()) {
      answer(world, kFailure, setup_failure);
      continue;
    }
    try {
      const WorkItem item = decode_work(text);
      if (fault && item.generation == fault->generation) {
        if (fault->exit) std::_Exit(3);
        answer(world, kResult, "{\"kind\": \"result\", \"first\": ");
        continue;
      }
      answer(world, kResult, encode_result(item.first, evaluator->evaluate(item.genomes, item.generation)));
    } catch (const std::exception& error) {
      answer(world, kFailure, error.what());
    }
  }
}

}  // namespace convneat
