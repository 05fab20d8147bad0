// The MPI evaluator back end, run as a user would: `mpirun -np N convneat run …`. Runs on
// 1, 2 and 3 ranks give byte for byte the results of the single-process run; a worker that
// dies or sends garbage stops the run with a clear message and the last checkpoint resumes
// on another number of ranks. Skipped, with a warning, when MPI support is not built in or
// mpirun is missing.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "cli_support.hpp"

using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

const std::string kXor = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json");
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
  INFO(actual.string() << " against " << expected.string());
  CHECK(read_text(actual / "champion.json") == read_text(expected / "champion.json"));
  CHECK(read_text(actual / "species.csv") == read_text(expected / "species.csv"));
  CHECK(deterministic_rows(actual / "generations.csv") == deterministic_rows(expected / "generations.csv"));
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

TEST_CASE("double pole balancing on 1, 2 and 3 MPI ranks gives the single-process results byte for byte") {
  // 1000 genomes: slices and results above Open MPI's eager limit (a few kB), where blocking
  // sends both ways would deadlock.
  check_ranks_match_single_process("mpi-pole", kDoublePole + " --set population.size=1000 --generations 6");
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

namespace {

// The pid of the rank `rank` of a job whose command line holds `marker`, from /proc (Open
// MPI gives every rank OMPI_COMM_WORLD_RANK in its environment); 0 when there is none yet.
pid_t pid_of_rank(const std::string& marker, int rank) {
  const std::string wanted = "OMPI_COMM_WORLD_RANK=" + std::to_string(rank);
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string command_line = read_text(entry.path() / "cmdline"), environment = read_text(entry.path() / "environ");
    if (command_line.find(marker) == std::string::npos || command_line.find("mpirun") != std::string::npos) continue;
    std::istringstream variables(environment);
    for (std::string variable; std::getline(variables, variable, '\0');)
      if (variable == wanted) return static_cast<pid_t>(std::stol(name));
  }
  return 0;
}

}  // namespace

TEST_CASE("SIGTERM to rank 0 stops an MPI run after its generation: workers go home, checkpoint and champion are written") {
  if (mpirun(3).empty()) return;
  ScratchDirectory scratch("mpi-sigterm");
  const fs::path out = scratch / "stopped";
  BackgroundCli job("run " + kXor + " --set stop.when_solved=false --generations 1000000 --evaluator mpi --out " +
                        shell_quote(out.string()),
                    scratch / "job.log", mpirun(3));
  REQUIRE(job.wait_until([&] { return line_count(out / "generations.csv") >= 6; }));
  const pid_t rank_zero = pid_of_rank(out.string(), 0);
  REQUIRE(rank_zero > 0);
  ::kill(rank_zero, SIGTERM);  // as a batch scheduler signals its tasks
  const int exit_code = job.wait();
  const std::string output = job.output();
  INFO(output);
  CHECK(exit_code == 128 + SIGTERM);  // mpirun passes rank 0's exit code on
  CHECK_THAT(output, Catch::Contains("stopped by SIGTERM after generation") &&
                         Catch::Contains("resume with: mpirun -np N convneat run --resume"));
  REQUIRE(fs::exists(out / "champion.json"));
  REQUIRE(fs::exists(out / "checkpoint.json"));
  CHECK(pid_of_rank(out.string(), 1) == 0);  // no worker left behind
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
