#pragma once
// Runs the comparison's unfinished runs, many at once on a oneTBB arena (one run per
// worker, each with one evaluation thread): runs are independent and long enough that this
// scales with cores with no synchronisation per generation, unlike parallel evaluation
// inside a run, whose XOR generations take well under a millisecond.
#include <cstddef>
#include <ostream>
#include <vector>

#include "experiments/compare/compare_spec.hpp"
#include "experiments/compare/run_store.hpp"
#include "neat/stop_request.hpp"

namespace convneat::compare {

struct ScheduleOptions {
  std::size_t jobs = 0;       // runs at once; 0: every core
  bool terminal = false;      // progress redrawn in place
  // When set, no run starts and the runs in progress end after their generation in hand,
  // unrecorded (they start afresh when the comparison resumes).
  const StopRequest* stop = nullptr;
};

// Every (task, variant, seed) of the spec in the order runs are started: seed by seed, so an
// interrupted comparison holds about as many runs of every variant.
std::vector<RunKey> planned_runs(const CompareSpec& spec);

// Runs those not yet in `store`, appending each as it finishes. Returns how many finished.
// If a run throws, no new run starts, the finished ones are kept and the error is rethrown.
std::size_t run_missing(const CompareSpec& spec, RunStore& store, const ScheduleOptions& options, std::ostream& progress);

}  // namespace convneat::compare
