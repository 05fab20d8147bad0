// run_experiment: a run with every file it leaves, called as a library function — the same
// files, byte for byte where they are pure functions of the run, as `convneat run` writes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "experiments/config_file.hpp"
#include "experiments/experiment_run.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "neat/checkpoint.hpp"
#include "neat/tbb_evaluator.hpp"

using namespace convneat;
using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

const std::string kXorConfig = CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json";

// What `convneat run xor.json --generations G --out OUT` settles before it runs.
ExperimentRun xor_run(const Task& task, std::size_t generations, const fs::path& out) {  // task: to fit the genome
  LoadedExperiment loaded = load_experiment(kXorConfig);
  loaded.config.stop.max_generations = generations;
  loaded.config.stop.stop_when_solved = false;
  loaded.config.output_directory = out.string();
  fit_genome_to_task(loaded.config, loaded.document, task, kXorConfig);
  ExperimentRun run;
  run.config = loaded.config;
  run.names = node_names(task);  // as `convneat run` passes them
  return run;
}

int run_in_process(const ExperimentRun& run, const Task& task) {
  TbbEvaluator evaluator(task, evaluation_settings(run.config));
  const StopSignals signals("the test run");
  return run_experiment(run, evaluator, signals, "test_experiment_run");
}

}  // namespace

TEST_CASE("run_experiment writes the files convneat run writes, with the same champion and rows") {
  ScratchDirectory scratch("experiment-run");
  const auto task = make_task({{"name", "xor"}}, "test");
  REQUIRE(run_in_process(xor_run(*task, 6, scratch / "library"), *task) == 0);
  run_ok("run " + shell_quote(kXorConfig) + " --generations 6 --set stop.when_solved=false --out " +
         quoted(scratch / "cli"));
  for (const char* file : {"champion.json", "champion.dot", "species.csv"}) {
    INFO(file);
    CHECK(read_text(scratch / "library" / file) == read_text(scratch / "cli" / file));
  }
  // config.json differs in the output directory alone.
  nlohmann::json library = nlohmann::json::parse(read_text(scratch / "library" / "config.json"));
  nlohmann::json cli = nlohmann::json::parse(read_text(scratch / "cli" / "config.json"));
  library["output"].erase("directory");
  cli["output"].erase("directory");
  CHECK(library == cli);
  CHECK(read_checkpoint(scratch / "library" / "checkpoint.cbor").population.save_state() ==
        read_checkpoint(scratch / "cli" / "checkpoint.cbor").population.save_state());
  CHECK(fs::exists(scratch / "library" / "generations.csv"));
}

TEST_CASE("run_experiment resumes a checkpoint into the run's own folder, as convneat run --resume does") {
  ScratchDirectory scratch("experiment-run-resume");
  const auto task = make_task({{"name", "xor"}}, "test");
  REQUIRE(run_in_process(xor_run(*task, 4, scratch / "split"), *task) == 0);
  ExperimentRun resumed = xor_run(*task, 8, scratch / "split");
  resumed.resumed_from = scratch / "split" / "checkpoint.cbor";
  resumed.checkpoint.emplace(read_checkpoint(resumed.resumed_from));
  REQUIRE(run_in_process(resumed, *task) == 0);
  REQUIRE(run_in_process(xor_run(*task, 8, scratch / "straight"), *task) == 0);
  CHECK(read_text(scratch / "split" / "champion.json") == read_text(scratch / "straight" / "champion.json"));
  CHECK(read_text(scratch / "split" / "species.csv") == read_text(scratch / "straight" / "species.csv"));
  // A second fresh run into a folder that holds one is refused unless asked to overwrite it.
  CHECK_THROWS_WITH(run_in_process(xor_run(*task, 2, scratch / "straight"), *task), Catch::Contains("--overwrite"));
  ExperimentRun again = xor_run(*task, 2, scratch / "straight");
  again.overwrite = true;
  CHECK(run_in_process(again, *task) == 0);
  ExperimentRun unplaced = xor_run(*task, 8, scratch / "unplaced");
  unplaced.checkpoint.emplace(read_checkpoint(scratch / "split" / "checkpoint.cbor"));
  CHECK_THROWS_AS(run_in_process(unplaced, *task), std::invalid_argument);  // no resumed_from
}
