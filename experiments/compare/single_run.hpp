#pragma once
// One run of a comparison, exactly as `convneat run` would do it for the same config and
// seed (same Population, same evaluator), with one evaluation thread: comparisons get their
// parallelism from running many runs at once.
#include "experiments/compare/run_record.hpp"
#include "neat/config.hpp"

namespace convneat::compare {

RunRecord execute_run(const NeatConfig& config, const RunKey& key);

}  // namespace convneat::compare
