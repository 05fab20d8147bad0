#pragma once
// One run of a comparison, exactly as `convneat run` would do it for the same config and
// seed (same Population, same evaluator), with one evaluation thread: comparisons get their
// parallelism from running many runs at once.
#include <optional>

#include "experiments/compare/run_record.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "neat/config.hpp"
#include "neat/stop_request.hpp"

namespace convneat::compare {

// Nothing when `stop` was set before the run ended: a run cut short is not a result.
std::optional<RunRecord> execute_run(const NeatConfig& config, const RunKey& key, const StopRequest* stop = nullptr,
                                     const TaskRegistry& tasks = built_in_tasks());

}  // namespace convneat::compare
