// Ctrl-C, SIGTERM and SIGHUP lose nothing (experiments/stop_signals.hpp): a run stops after
// the generation in hand with a checkpoint and a champion, says how to resume and exits
// 128 + the signal; resumed, it ends exactly as a run never stopped; a second signal ends it
// at once with the last checkpoint intact; a comparison keeps its finished runs.
#include <catch2/catch.hpp>

#include <signal.h>

#include <regex>

#include "background_cli.hpp"
#include "cli_support.hpp"
#include "neat/checkpoint.hpp"

using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

const std::string kXor = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                         " --set output.checkpoint_format=json" +
                         " --set stop.when_solved=false --threads 1";

// The generation after which the run says it stopped: "stopped by SIGINT after generation 12".
std::size_t stopped_after(const std::string& output) {
  std::smatch match;
  REQUIRE(std::regex_search(output, match, std::regex("stopped by SIG[A-Z]+ after generation ([0-9]+)")));
  return std::stoul(match[1]);
}

}  // namespace

TEST_CASE("SIGINT, SIGTERM and SIGHUP stop a run after its generation with checkpoint and champion, and it resumes to the end of a run never stopped") {
  const auto [signal_number, name] = GENERATE(table<int, std::string>({{SIGINT, "SIGINT"}, {SIGTERM, "SIGTERM"}, {SIGHUP, "SIGHUP"}}));
  INFO(name);
  ScratchDirectory scratch("stop-signal");
  const fs::path out = scratch / "stopped";
  // The default checkpoint interval (0): before this issue such a run lost everything.
  BackgroundCli run("run " + kXor + " --generations 1000000 --out " + quoted(out), scratch / "run.log");
  REQUIRE(run.wait_until([&] { return line_count(out / "generations.csv") >= 6; }));
  run.signal(signal_number);
  const std::optional<int> exit_code = run.wait();
  const std::string output = run.output();
  INFO(output);
  CHECK(exit_code == 128 + signal_number);
  CHECK_THAT(output, Catch::Contains("convneat: " + name + ": stopping after the generation in hand") &&
                         Catch::Contains("stopped: interrupted") &&
                         Catch::Contains("resume with: convneat run --resume " + (out / "checkpoint.json").string()));
  const std::size_t last = stopped_after(output);
  CHECK(line_count(out / "generations.csv") == last + 2);  // header and generations 0..last
  REQUIRE(fs::exists(out / "champion.json"));
  REQUIRE(fs::exists(out / "checkpoint.json"));
  CHECK(convneat::read_checkpoint(out / "checkpoint.json").population.generation() == last + 1);

  const std::string generations = std::to_string(last + 6);
  run_ok("run --resume " + quoted(out / "checkpoint.json") + " --generations " + generations);
  run_ok("run " + kXor + " --generations " + generations + " --out " + quoted(scratch / "never-stopped"));
  CHECK(read_text(out / "champion.json") == read_text(scratch / "never-stopped" / "champion.json"));
  CHECK(deterministic_rows(out / "generations.csv") == deterministic_rows(scratch / "never-stopped" / "generations.csv"));
  CHECK(read_text(out / "species.csv") == read_text(scratch / "never-stopped" / "species.csv"));
}

TEST_CASE("a second signal ends a run at once, and the last checkpoint still resumes") {
  ScratchDirectory scratch("stop-twice");
  const fs::path out = scratch / "out";
  // Generations of 3,000 genomes take tens of milliseconds: the second signal lands in one.
  BackgroundCli run("run " + kXor + " --set population.size=3000 --generations 1000000 --set output.checkpoint_interval=1"
                    " --out " + quoted(out), scratch / "run.log");
  REQUIRE(run.wait_until([&] { return fs::exists(out / "checkpoint.json"); }));
  // Two kinds back to back: both are pending at once (signals of one kind would merge), so the
  // second arrives while the first is still asking for the end of the generation.
  run.signal(SIGINT);
  run.signal(SIGTERM);
  const std::optional<int> exit_code = run.wait();
  const std::string output = run.output();
  INFO(output);
  CHECK((exit_code == 128 + SIGINT || exit_code == 128 + SIGTERM));  // the kernel picks the order
  CHECK_THAT(output, Catch::Contains("a second signal (SIG") &&
                         Catch::Contains("): stopped at once; the last checkpoint written is intact"));
  CHECK_THAT(output, !Catch::Contains("after generation"));
  const std::size_t generation = convneat::read_checkpoint(out / "checkpoint.json").population.generation();
  run_ok("run --resume " + quoted(out / "checkpoint.json") + " --generations " + std::to_string(generation + 1));
}

TEST_CASE("a run started to ignore SIGHUP (nohup) keeps running when the terminal closes") {
  ScratchDirectory scratch("stop-nohup");
  const fs::path out = scratch / "out";
  BackgroundCli run("run " + kXor + " --generations 1000000 --out " + quoted(out), scratch / "run.log",
                    "trap '' HUP; exec ");
  REQUIRE(run.wait_until([&] { return line_count(out / "generations.csv") >= 3; }));
  run.signal(SIGHUP);
  const std::size_t rows = line_count(out / "generations.csv");
  CHECK(run.wait_until([&] { return line_count(out / "generations.csv") >= rows + 20; }));  // still evolving
  run.signal(SIGINT);
  CHECK(run.wait() == 128 + SIGINT);
  CHECK_THAT(run.output(), !Catch::Contains("SIGHUP"));
}

TEST_CASE("a comparison stopped by SIGTERM keeps its finished runs and resumes with the rest", "[compare]") {
  ScratchDirectory scratch("compare-stop");
  write_text(scratch / "spec.json", R"({"tasks": [")" CONVNEAT_SOURCE_DIR R"(/experiments/configs/xor.json"],
    "set": {"population.size": 150, "stop.max_generations": 60, "stop.when_solved": false},
    "variants": [{"name": "a", "set": {}}], "seeds": 40})");
  const fs::path out = scratch / "out";
  BackgroundCli comparison("compare " + quoted(scratch / "spec.json") + " --out " + quoted(out) + " --jobs 2",
                           scratch / "compare.log");
  REQUIRE(comparison.wait_until([&] { return line_count(out / "runs.csv") >= 3; }));
  comparison.signal(SIGTERM);
  const std::optional<int> exit_code = comparison.wait();
  const std::string output = comparison.output();
  INFO(output);
  CHECK(exit_code == 128 + SIGTERM);
  std::smatch match;
  REQUIRE(std::regex_search(output, match, std::regex("stopped by SIGTERM: ([0-9]+) of 40 runs finished and kept in")));
  const std::size_t kept = std::stoul(match[1]);
  CHECK(kept < 40);
  CHECK(line_count(out / "runs.csv") == kept + 1);  // the header and every finished run, whole

  const CliResult resumed = run_cli("compare " + quoted(scratch / "spec.json") + " --out " + quoted(out) + " --jobs 2");
  INFO(resumed.output);
  CHECK(resumed.exit_code == 0);
  CHECK_THAT(resumed.output, Catch::Contains("resuming: " + std::to_string(kept) + " of 40 runs already done") &&
                                 Catch::Contains("ran " + std::to_string(40 - kept) + " runs"));
}
