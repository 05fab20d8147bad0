// The MPI evaluator back end, run as a user would: `mpirun -np N convneat run …`. Runs on
// 1, 2 and 3 ranks give byte for byte the results of the single-process run; a worker that
// dies, sends garbage or stops answering ends the run with a clear message and the last
// checkpoint resumes on another number of ranks. Skipped, with a warning, when MPI support
// is not built in or mpirun is missing.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <sstream>

#include "background_cli.hpp"
#include "cli_support.hpp"
#include "neat/checkpoint.hpp"

using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

const std::string kXor =
    shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") + " --set output.checkpoint_format=json";
const std::string kDoublePole = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/double_pole.json");

// The mpirun command line for `ranks` processes, or "" (after a warning) when these tests
// cannot run here.
std::string mpirun(int ranks, const std::string& environment = "") {
#if defined(CONVNEAT_HAS_MPI) && defined(CONVNEAT_MPIEXEC)
  if (!fs::exists(CONVNEAT_MPIEXEC)) {
    WARN("skipped: " CONVNEAT_MPIEXEC " is missing (install openmpi-bin)");
    return "";
  }
  // Open MPI refuses root unless told; --oversubscribe lets 3 ranks share fewer cores. In a
  // sanitized build (scripts/sanitize-test) the ranks skip leak detection: Open MPI's plugins,
  // opened with dlopen and closed before LeakSanitizer looks, leave leaks it cannot trace to
  // a library, so no suppression can single them out.
  std::string command = "ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" " +
                        shell_quote(CONVNEAT_MPIEXEC) + (::geteuid() == 0 ? " --allow-run-as-root" : "") +
                        " --oversubscribe -np " + std::to_string(ranks) + " ";
  if (!environment.empty()) command += "-x " + environment + " ";
  return command;
#else
  (void)ranks, (void)environment;
  WARN("skipped: this convneat is built without MPI support (CONVNEAT_WITH_MPI, libboost-mpi-dev, openmpi-bin)");
  return "";
#endif
}

CliResult run_cli_ok(const std::string& arguments, const std::string& prefix = "") {
  const CliResult result = run_cli(arguments, prefix);
  INFO(prefix << "convneat " << arguments << "\n" << result.output);
  REQUIRE(result.exit_code == 0);
  return result;
}

void check_same_results(const fs::path& expected, const fs::path& actual) {
  check_same_run_files(expected, actual);
  CHECK(read_text(actual / "champion.json").size() > 100);
}

void check_ranks_match_single_process(const std::string& name, const std::string& config) {
  if (mpirun(1).empty()) return;
  ScratchDirectory scratch(name);
  run_cli_ok("run " + config + " --out " + shell_quote((scratch / "single").string()));
  for (int ranks : {1, 2, 3}) {
    const fs::path out = scratch / ("np" + std::to_string(ranks));
    const CliResult result = run_cli_ok("run " + config + " --evaluator mpi --out " + shell_quote(out.string()), mpirun(ranks));
    CHECK_THAT(result.output, Catch::Contains("evaluating on " + std::to_string(ranks) + " MPI rank"));
    check_same_results(scratch / "single", out);
  }
}

}  // namespace

TEST_CASE("XOR on 1, 2 and 3 MPI ranks gives the single-process results byte for byte") {
  check_ranks_match_single_process("mpi-xor", kXor + " --set stop.when_solved=false --generations 15");
}

TEST_CASE("trained XOR (Baldwinian and Lamarckian) on 1, 2 and 3 MPI ranks gives the single-process results byte for byte") {
  // The workers receive the training settings and send back the trained genomes.
  for (const std::string mode : {"baldwinian", "lamarckian"})
    check_ranks_match_single_process("mpi-trained-" + mode, kXor + " --set stop.when_solved=false --generations 8"
                                                            " --set training.steps=5 --set training.mode=" + mode);
}

TEST_CASE("double pole balancing on 1, 2 and 3 MPI ranks gives the single-process results byte for byte") {
  // 1000 genomes: slices and results above Open MPI's eager limit (a few kB), where blocking
  // sends both ways would deadlock.
  check_ranks_match_single_process("mpi-pole", kDoublePole + " --set population.size=1000 --generations 6");
}

TEST_CASE("a CTRNN run on 1, 2 and 3 MPI ranks gives the single-process results byte for byte", "[ctrnn]") {
  // The workers receive the phenotype: a graph network would score these genomes otherwise.
  check_ranks_match_single_process(
      "mpi-ctrnn", shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/double_pole_nv_ctrnn.json") +
                       " --set population.size=150 --set stop.when_solved=false --generations 6");
}

TEST_CASE("an environment run (workers over a pipe on every rank) on 1, 2 and 3 MPI ranks gives the single-process "
          "results byte for byte") {
  // Each rank makes the task, so each starts its own environment workers; the episodes' seeds
  // depend on the genome alone, so where a genome is evaluated does not matter.
  const std::string worker = "/usr/bin/python3 " CONVNEAT_SOURCE_DIR "/experiments/environments/cart_pole.py --batch";
  check_ranks_match_single_process(
      "mpi-environment", shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/environment_cart_pole.json") +
                             " --set " + shell_quote("task.command=" + worker) +
                             " --set task.episodes=3 --set task.max_steps=200 --set stop.when_solved=false --generations 3");
}

TEST_CASE("a worker rank that dies stops the run with a clear message, and the checkpoint resumes on other ranks") {
  if (mpirun(3).empty()) return;
  ScratchDirectory scratch("mpi-worker-dies");
  const std::string config = kXor + " --set stop.when_solved=false --set output.checkpoint_interval=2";
  run_cli_ok("run " + config + " --generations 20 --out " + shell_quote((scratch / "reference").string()));

  const fs::path out = scratch / "broken";
  const CliResult broken = run_cli("run " + config + " --generations 20 --evaluator mpi --out " + shell_quote(out.string()),
                                   mpirun(3, "CONVNEAT_TEST_WORKER_FAULT=2:7:exit"));
  INFO(broken.output);
  CHECK(broken.exit_code != 0);
  CHECK_THAT(broken.output, Catch::Contains("If mpirun ends the job first (another rank died"));
  CHECK_THAT(broken.output, Catch::Contains((out / "checkpoint.json").string()));
  REQUIRE(fs::exists(out / "checkpoint.json"));
  CHECK_FALSE(fs::exists(out / "champion.json"));  // stopped before the end

  const CliResult resumed = run_cli_ok("run --resume " + shell_quote((out / "checkpoint.json").string()) +
                                   " --generations 20 --evaluator mpi", mpirun(2));
  CHECK_THAT(resumed.output, Catch::Contains("resuming at generation 6"));
  check_same_results(scratch / "reference", out);
}

TEST_CASE("a worker's message that cannot be decoded stops the run with a clear message on rank 0") {
  if (mpirun(3).empty()) return;
  ScratchDirectory scratch("mpi-garbage");
  const std::string config = kXor + " --set stop.when_solved=false --set output.checkpoint_interval=2";
  run_cli_ok("run " + config + " --generations 12 --out " + shell_quote((scratch / "reference").string()));

  const fs::path out = scratch / "broken";
  const CliResult broken = run_cli("run " + config + " --generations 12 --evaluator mpi --out " + shell_quote(out.string()),
                                   mpirun(3, "CONVNEAT_TEST_WORKER_FAULT=1:5:garbage"));
  INFO(broken.output);
  CHECK(broken.exit_code != 0);
  CHECK_THAT(broken.output, Catch::Contains("MPI evaluator, generation 5: rank 1 sent a result that cannot be decoded"));
  REQUIRE(fs::exists(out / "checkpoint.json"));

  run_cli_ok("run --resume " + shell_quote((out / "checkpoint.json").string()) + " --generations 12 --evaluator tbb");
  check_same_results(scratch / "reference", out);
}

TEST_CASE("SIGTERM to rank 0 stops an MPI run after its generation: workers go home, checkpoint and champion are written") {
  if (mpirun(3).empty()) return;
  ScratchDirectory scratch("mpi-sigterm");
  const fs::path out = scratch / "stopped";
  BackgroundCli job("run " + kXor + " --set stop.when_solved=false --generations 1000000 --evaluator mpi --out " +
                        shell_quote(out.string()),
                    scratch / "job.log", mpirun(3));
  REQUIRE(job.wait_until([&] { return line_count(out / "generations.csv") >= 6; }));
  const pid_t rank_zero = job.find_process("OMPI_COMM_WORLD_RANK=0");  // Open MPI tells each rank its number
  const pid_t worker = job.find_process("OMPI_COMM_WORLD_RANK=1");
  REQUIRE(rank_zero > 0);
  REQUIRE(worker > 0);
  ::kill(rank_zero, SIGTERM);  // as a batch scheduler signals its tasks
  const std::optional<int> exit_code = job.wait(std::chrono::seconds(60));
  const std::string output = job.output();
  INFO(output);
  CHECK(exit_code == 128 + SIGTERM);  // mpirun passes rank 0's exit code on
  CHECK_THAT(output, Catch::Contains("stopped by SIGTERM after generation") &&
                         Catch::Contains("resume with: mpirun -np N convneat run --resume"));
  REQUIRE(fs::exists(out / "champion.json"));
  REQUIRE(fs::exists(out / "checkpoint.json"));
  CHECK(process_gone(worker));  // rank 0 sent it home: no worker left behind
}

TEST_CASE("a worker rank that stops answering (SIGSTOP) ends the job after the slice timeout, naming the rank, "
          "and the checkpoint from before resumes") {
  if (mpirun(3).empty()) return;
  ScratchDirectory scratch("mpi-worker-stopped");
  const std::string config = kXor + " --set stop.when_solved=false --set output.checkpoint_interval=1" +
                             " --set evaluation.mpi_slice_timeout_seconds=3";
  const fs::path out = scratch / "stopped";
  BackgroundCli job("run " + config + " --generations 1000000 --evaluator mpi --out " + shell_quote(out.string()),
                    scratch / "output.txt", mpirun(3));
  using std::chrono::seconds;
  REQUIRE(job.wait_until([&] { return fs::exists(out / "checkpoint.json"); }, seconds(60)));
  pid_t worker = 0;  // Open MPI tells each rank its number in its environment
  REQUIRE(job.wait_until([&] { return (worker = job.find_process("OMPI_COMM_WORLD_RANK=2")) != 0; }, seconds(10)));
  REQUIRE(::kill(worker, SIGSTOP) == 0);  // the destructor kills it, stopped or not (it was looked up)

  const std::optional<int> exit_code = job.wait(seconds(60));
  const std::string output = job.output();
  INFO(output);
  REQUIRE(exit_code.has_value());  // the job ended, not waited for ever
  CHECK(*exit_code != 0);
  CHECK_THAT(output, Catch::Contains(": rank 2 has not answered its slice for ") &&
                         Catch::Contains("past /evaluation/mpi_slice_timeout_seconds (3 s)"));
  CHECK_THAT(output, Catch::Contains((out / "checkpoint.json").string() + " (if any") &&
                         Catch::Contains("--evaluator mpi"));
  CHECK_FALSE(fs::exists(out / "champion.json"));

  // The last checkpoint is whole and resumes to the results of a run never interrupted.
  const std::size_t generation = convneat::read_checkpoint(out / "checkpoint.json").population.generation();
  const std::string generations = " --generations " + std::to_string(generation + 3);
  run_cli_ok("run " + config + generations + " --out " + shell_quote((scratch / "reference").string()));
  const CliResult resumed =
      run_cli_ok("run --resume " + shell_quote((out / "checkpoint.json").string()) + generations + " --evaluator tbb");
  CHECK_THAT(resumed.output, Catch::Contains("resuming at generation " + std::to_string(generation)));
  check_same_results(scratch / "reference", out);
}

TEST_CASE("the MPI slice timeout takes seconds, 0 for no limit, and refuses negative numbers and non-numbers "
          "naming the key") {
  ScratchDirectory scratch("mpi-slice-timeout-key");
  const std::string run = "run " + kXor + " --generations 1 --overwrite --out " + shell_quote(scratch.path().string()) + " ";
  for (const std::string value : {"-1", "\"long\"", "true", "2e6"}) {
    const CliResult bad = run_cli(run + "--set evaluation.mpi_slice_timeout_seconds=" + shell_quote(value));
    INFO(value << ": " << bad.output);
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.output, Catch::Contains("/evaluation/mpi_slice_timeout_seconds: expected a number in [0, 1000000], got"));
  }
  write_text(scratch / "bad.json", R"({"evaluation": {"mpi_slice_timeout_seconds": -0.5}})");
  const CliResult bad = run_cli("run " + shell_quote((scratch / "bad.json").string()) + " --generations 1");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Catch::Contains("bad.json: /evaluation/mpi_slice_timeout_seconds: expected a number in "
                                         "[0, 1000000], got -0.5"));

  for (const std::string value : {"0", "0.5", "3600"}) {
    INFO(value);
    run_cli_ok(run + "--set evaluation.mpi_slice_timeout_seconds=" + value);
    CHECK_THAT(read_text(scratch / "config.json"), Catch::Contains("\"mpi_slice_timeout_seconds\": " + value));
  }
}

TEST_CASE("the --evaluator option accepts tbb and mpi only, and mpi needs a build with MPI") {
  const CliResult bad = run_cli("run " + kXor + " --generations 1 --evaluator gpu");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Catch::Contains("--evaluator: /evaluation/backend: expected one of \"tbb\", \"mpi\""));
#ifndef CONVNEAT_HAS_MPI
  ScratchDirectory scratch("mpi-missing");
  const CliResult missing = run_cli("run " + kXor + " --generations 1 --evaluator mpi --out " + shell_quote(scratch.path().string()));
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.output, Catch::Contains("this convneat was built without MPI support"));
#endif
}
