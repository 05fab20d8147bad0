// A run survives kills and a failing disk without losing work: `convneat run` killed with
// SIGKILL at 20 moments (some in the middle of writing a checkpoint) and resumed each time
// ends with the champion and statistics of an uninterrupted run; a disk that fills up or
// turns read-only during a run stops it with a clear error naming the file and the reason,
// and the last checkpoint still resumes to the same result. Disk faults come from the
// LD_PRELOAD library tests/fault_injection/disk_faults.cpp, which works as root too.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "cli_support.hpp"
#include "neat/checkpoint.hpp"

using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

// XOR with a checkpoint every generation, long enough (1-2 s in a Release build)
// for kills to land at many different points.
const std::string kRun = "run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                         " --set stop.when_solved=false --generations 40 --set population.size=150 --threads 1"
                         " --set output.checkpoint_interval=1 --set output.checkpoint_format=json";

void run_ok(const std::string& arguments) {
  const CliResult result = run_cli(arguments);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
}

// Environment assignments that preload the disk-fault library into `convneat`. ASan wants
// its runtime first in the library list; a preloaded library comes before it, harmlessly.
std::string disk_fault_environment(const fs::path& affected, const std::string& error, long long after_bytes,
                                   const std::string& action = "fail") {
  return "LD_PRELOAD=" + shell_quote(CONVNEAT_DISK_FAULTS) + " CONVNEAT_FAULT_PATH=" + quoted(affected) +
         " CONVNEAT_FAULT_ERRNO=" + error + " CONVNEAT_FAULT_AFTER_BYTES=" + std::to_string(after_bytes) +
         " CONVNEAT_FAULT_ACTION=" + action +
         " ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0\" ";
}

// Starts `convneat <arguments>` (with `environment` assignments), SIGKILLs it after `delay`
// unless it ends first; returns whether it died of SIGKILL (by our hand or its own).
bool run_until_killed(const std::string& arguments, const std::string& environment, std::chrono::microseconds delay) {
  const pid_t child = ::fork();
  if (child == 0) {
    const std::string command = environment + "exec " + shell_quote(CONVNEAT_CLI) + " " + arguments + " >/dev/null 2>&1";
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  const auto end = std::chrono::steady_clock::now() + delay;
  while (::waitpid(child, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= end) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

// The generation a checkpoint holds; fails the test if it does not load.
std::size_t checkpoint_generation(const fs::path& path) {
  try {
    return convneat::read_checkpoint(path).population.generation();
  } catch (const std::exception& error) {
    FAIL("the checkpoint left behind does not load: " << error.what());
  }
  return 0;
}

std::vector<fs::path> temporary_files(const fs::path& directory) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(directory))
    if (entry.path().extension() == ".tmp") found.push_back(entry.path());
  return found;
}

// Resumes `out`'s run without faults and checks it ends exactly as the uninterrupted one.
void check_resumes_to_reference(const fs::path& out, const fs::path& reference) {
  run_ok(kRun + " --resume " + quoted(out / "checkpoint.json"));
  CHECK(read_text(out / "champion.json") == read_text(reference / "champion.json"));
  CHECK(deterministic_rows(out / "generations.csv") == deterministic_rows(reference / "generations.csv"));
  CHECK(read_text(out / "species.csv") == read_text(reference / "species.csv"));
}

struct Reference {
  fs::path directory;
  double seconds = 0.0;               // wall time of the uninterrupted run
  std::uintmax_t checkpoint_bytes = 0;
};

// Run once per test process and shared by the cases GENERATE makes of a test.
const Reference& uninterrupted_run() {
  static const ScratchDirectory scratch("reference");
  static const Reference reference = [] {
    Reference made{scratch / "run"};
    const auto start = std::chrono::steady_clock::now();
    run_ok(kRun + " --out " + quoted(made.directory));
    made.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    made.checkpoint_bytes = fs::file_size(made.directory / "checkpoint.json");
    return made;
  }();
  return reference;
}

}  // namespace

TEST_CASE("a run SIGKILLed at 20 moments, resumed each time, ends as an uninterrupted run") {
  ScratchDirectory scratch("sigkill");
  const Reference& reference = uninterrupted_run();
  const fs::path out = scratch / "killed";

  // The moments come from a fixed-seed generator: fractions of the uninterrupted run's
  // duration (so the test spreads its kills alike on fast and slow machines), and for
  // every fourth kill a byte inside one of the next three checkpoint writes, at which the
  // process kills itself mid-write.
  boost::random::mt19937 moments(20261123);
  boost::random::uniform_real_distribution<double> fraction_of_run(0.0, 1.0 / 15.0);
  const auto checkpoint_bytes = static_cast<long long>(reference.checkpoint_bytes);
  boost::random::uniform_int_distribution<long long> checkpoint_byte(1, 3 * checkpoint_bytes);
  std::size_t kills = 0, mid_write_kills = 0, checkpointed = 0;
  for (int attempt = 0; attempt < 20; ++attempt) {
    const bool resume = fs::exists(out / "checkpoint.json");
    const std::string arguments =
        resume ? kRun + " --resume " + quoted(out / "checkpoint.json") : kRun + " --out " + quoted(out) + " --overwrite";
    const double seconds = reference.seconds * fraction_of_run(moments);
    const auto delay = std::chrono::microseconds(static_cast<long long>(1e6 * seconds));
    const long long byte = checkpoint_byte(moments);
    const bool mid_write = attempt % 4 == 3;
    const std::string environment =
        mid_write ? disk_fault_environment(out / "checkpoint.json", "ENOSPC", byte, "kill") : std::string();
    const bool killed = run_until_killed(arguments, environment, mid_write ? std::chrono::hours(1) : delay);
    kills += killed ? 1 : 0;
    mid_write_kills += killed && mid_write ? 1 : 0;

    INFO("kill " << attempt);
    if (resume) REQUIRE(fs::exists(out / "checkpoint.json"));  // a kill never loses the checkpoint
    if (fs::exists(out / "checkpoint.json")) {
      const std::size_t generation = checkpoint_generation(out / "checkpoint.json");
      CHECK(generation >= checkpointed);  // and never takes the run back
      checkpointed = generation;
    }
  }
  CHECK(kills == 20);
  CHECK(mid_write_kills == 5);
  CHECK(checkpointed > 0);
  CHECK(checkpointed < 40);  // the kills were spread over the run, which is not over yet

  check_resumes_to_reference(out, reference.directory);
  CHECK(temporary_files(out).empty());
}

TEST_CASE("a disk that fills up during a run stops it naming the file, and the last checkpoint resumes to the same end") {
  ScratchDirectory scratch("disk-full");
  const Reference& reference = uninterrupted_run();
  const fs::path out = scratch / "run";

  struct Case {
    std::string file;     // the file whose writes fail
    long long after_bytes;
  };
  const auto checkpoint_bytes = static_cast<long long>(reference.checkpoint_bytes);
  const Case fault = GENERATE_COPY(Case{"checkpoint.json", 5 * checkpoint_bytes / 2},  // the third checkpoint, halfway
                                   Case{"generations.csv", 2000},                      // a statistics row, cut short
                                   Case{"species.csv", 5000});
  const CliResult result =
      run_cli(kRun + " --out " + quoted(out), disk_fault_environment(out / fault.file, "ENOSPC", fault.after_bytes));
  INFO(result.output);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output, Catch::Contains((out / fault.file).string() + ": cannot write: No space left on device"));
  REQUIRE(fs::exists(out / "checkpoint.json"));
  CHECK(checkpoint_generation(out / "checkpoint.json") > 0);
  CHECK(temporary_files(out).empty());
  check_resumes_to_reference(out, reference.directory);
}

TEST_CASE("an output directory that turns read-only during a run stops it clearly, and the last checkpoint resumes") {
  ScratchDirectory scratch("read-only");
  const Reference& reference = uninterrupted_run();
  const fs::path out = scratch / "run";
  const long long after_bytes = GENERATE_COPY(as<long long>{}, 0LL, 4 * static_cast<long long>(reference.checkpoint_bytes));
  const CliResult result = run_cli(kRun + " --out " + quoted(out), disk_fault_environment(out, "EROFS", after_bytes));
  INFO(result.output);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output, Catch::Contains(out.string()) && Catch::Contains(": Read-only file system"));
  CHECK_THAT(result.output, Catch::Contains("convneat: " + out.string()));  // main's one-line error
  if (after_bytes == 0) {  // refused before anything ran
    CHECK_THAT(result.output, Catch::Contains("cannot write"));
    CHECK_FALSE(fs::exists(out / "checkpoint.json"));
    return;
  }
  REQUIRE(fs::exists(out / "checkpoint.json"));
  CHECK(checkpoint_generation(out / "checkpoint.json") > 0);
  check_resumes_to_reference(out, reference.directory);
}

TEST_CASE("a directory without write permission is refused with the reason (as a user other than root)") {
  if (::geteuid() == 0) {
    WARN("skipped: root may write anywhere; the read-only case is covered by the disk-fault library");
    return;
  }
  ScratchDirectory scratch("no-permission");
  const fs::path out = scratch / "locked";
  fs::create_directories(out);
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_exec);
  const CliResult result = run_cli(kRun + " --out " + quoted(out));
  fs::permissions(out, fs::perms::owner_all);
  INFO(result.output);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output, Catch::Contains(out.string()) && Catch::Contains("Permission denied"));
}
