#include "experiments/compare/run_scheduler.hpp"

#include <algorithm>
#include <atomic>

#include <tbb/info.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include "experiments/compare/progress_display.hpp"
#include "experiments/compare/single_run.hpp"

namespace convneat::compare {
namespace {

template <typename List, typename Name>
std::size_t position(const List& list, const std::string& wanted, Name name_of) {
  return static_cast<std::size_t>(
      std::find_if(list.begin(), list.end(), [&](const auto& item) { return name_of(item) == wanted; }) - list.begin());
}

NeatConfig config_of(const CompareSpec& spec, const RunKey& key) {
  const std::size_t task = position(spec.tasks, key.task, [](const CompareTask& t) { return t.label; });
  const std::size_t variant = position(spec.variants, key.variant, [](const Variant& v) { return v.name; });
  return run_config(spec, task, variant, key.seed);
}

}  // namespace

std::vector<RunKey> planned_runs(const CompareSpec& spec) {
  std::vector<RunKey> keys;
  for (std::uint64_t seed : spec.seeds)
    for (const CompareTask& task : spec.tasks)
      for (const Variant& variant : spec.variants) keys.push_back({task.label, variant.name, seed});
  return keys;
}

std::size_t run_missing(const CompareSpec& spec, RunStore& store, const ScheduleOptions& options, std::ostream& progress) {
  const std::vector<RunKey> planned = planned_runs(spec);
  std::vector<RunKey> missing;
  std::copy_if(planned.begin(), planned.end(), std::back_inserter(missing),
               [&](const RunKey& key) { return !store.is_finished(key); });
  if (missing.empty()) return 0;

  ProgressDisplay display(progress, options.terminal, planned.size() - missing.size(), planned.size());
  const std::size_t cores = static_cast<std::size_t>(tbb::info::default_concurrency());
  const std::size_t jobs = std::min(options.jobs == 0 ? cores : options.jobs, missing.size());
  std::atomic<std::size_t> next{0}, finished{0};
  std::atomic<bool> failed{false};
  const auto stopping = [&] { return failed || (options.stop != nullptr && options.stop->load() != 0); };
  // Workers take runs in planned order (a parallel_for would split the range and start
  // runs out of order).
  auto worker = [&] {
    for (std::size_t i = next++; i < missing.size() && !stopping(); i = next++) {
      try {
        const NeatConfig config = config_of(spec, missing[i]);
        const std::string label = missing[i].task + "/" + missing[i].variant + "/seed-" + std::to_string(missing[i].seed);
        const auto progressed = [&](std::size_t generations) {
          display.run_progressed(label, generations, config.stop.max_generations);
        };
        const std::optional<RunRecord> record = execute_run(config, missing[i], run_folder(store.directory(), missing[i]),
                                                            options.stop, *spec.registry, progressed);
        if (!record) return;
        store.add(*record);
        ++finished;
        display.run_finished(label);
      } catch (...) {
        failed = true;
        throw;
      }
    }
  };
  tbb::task_arena arena(static_cast<int>(jobs));
  arena.execute([&] {
    tbb::task_group group;
    for (std::size_t j = 0; j < jobs; ++j) group.run(worker);
    group.wait();
  });
  display.finish();
  return finished;
}

}  // namespace convneat::compare
