#pragma once
// One run of a comparison, exactly as `convneat run` would do it for the same config and
// seed (same Population, same evaluator), with one evaluation thread: comparisons get their
// parallelism from running many runs at once. Its folder receives what `convneat run` writes
// for a paper's figures and a look at the champion: generations.csv, species.csv,
// champion.json and champion.dot (no checkpoints: a comparison resumes by whole runs).
#include <filesystem>
#include <functional>
#include <optional>

#include "experiments/compare/run_record.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "neat/config.hpp"
#include "neat/stop_request.hpp"

namespace convneat::compare {

// Nothing when `stop` was set before the run ended: a run cut short is not a result (its
// folder, emptied when the run started, is emptied again when it runs anew).
// `progress`, when given, is called after each generation with the number evaluated so far.
std::optional<RunRecord> execute_run(const NeatConfig& config, const RunKey& key, const std::filesystem::path& folder,
                                     const StopRequest* stop = nullptr, const TaskRegistry& tasks = built_in_tasks(),
                                     const std::function<void(std::size_t)>& progress = {});

// Where a run's files go in a comparison's output directory: runs/TASK/VARIANT/seed-N.
std::filesystem::path run_folder(const std::filesystem::path& output, const RunKey& key);

}  // namespace convneat::compare
