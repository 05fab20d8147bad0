// Checkpoints: a resumed run is bit-exact and a damaged checkpoint is refused with a clear
// message. Kills and disk faults during a run: test_fault_injection.cpp.
#include <catch2/catch.hpp>

#include "cli_support.hpp"

using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

const std::string kXor = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json");
// JSON checkpoints (the damaged-file cases edit their text); binary ones: test_binary_checkpoint.cpp.
const std::string kNoSolveStop = " --set stop.when_solved=false --set output.checkpoint_format=json";

}  // namespace

TEST_CASE("20 generations equal 10 generations resumed to 20, byte for byte") {
  ScratchDirectory scratch("resume");
  const std::string straight = shell_quote((scratch / "straight").string());
  const std::string split = shell_quote((scratch / "split").string());
  run_ok("run " + kXor + kNoSolveStop + " --generations 20 --out " + straight);
  run_ok("run " + kXor + kNoSolveStop + " --generations 10 --out " + split);
  const std::string resumed = run_ok("run " + kXor + kNoSolveStop + " --generations 20 --resume " +
                                     shell_quote((scratch / "split" / "checkpoint.json").string()));
  CHECK_THAT(resumed, Catch::Contains("resuming at generation 10") && Catch::Contains("gen   19"));
  CHECK(read_text(scratch / "straight" / "champion.json") == read_text(scratch / "split" / "champion.json"));
  CHECK(deterministic_rows(scratch / "straight" / "generations.csv") ==
        deterministic_rows(scratch / "split" / "generations.csv"));
  CHECK(read_text(scratch / "straight" / "species.csv") == read_text(scratch / "split" / "species.csv"));
  CHECK(read_text(scratch / "straight" / "checkpoint.json").size() > 1000);
}

TEST_CASE("a run resumed into another folder carries the earlier statistics over") {
  ScratchDirectory scratch("resume-elsewhere");
  run_ok("run " + kXor + kNoSolveStop + " --generations 12 --out " + shell_quote((scratch / "straight").string()));
  run_ok("run " + kXor + kNoSolveStop + " --generations 6 --out " + shell_quote((scratch / "first").string()));
  run_ok("run " + kXor + kNoSolveStop + " --generations 12 --resume " +
         shell_quote((scratch / "first" / "checkpoint.json").string()) + " --out " +
         shell_quote((scratch / "second").string()));
  CHECK(deterministic_rows(scratch / "second" / "generations.csv") ==
        deterministic_rows(scratch / "straight" / "generations.csv"));
  CHECK(read_text(scratch / "second" / "champion.json") == read_text(scratch / "straight" / "champion.json"));
}

TEST_CASE("resuming with limits the checkpoint has already reached is refused") {
  ScratchDirectory scratch("resume-limits");
  run_ok("run " + kXor + kNoSolveStop + " --generations 5 --out " + shell_quote((scratch / "run").string()));
  const CliResult result =
      run_cli("run --resume " + shell_quote((scratch / "run" / "checkpoint.json").string()) + " --generations 5");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("the checkpoint holds generation 5; /stop/max_generations (5) must be greater"));
}

TEST_CASE("a damaged checkpoint is refused with a clear message") {
  ScratchDirectory scratch("damaged");
  run_ok("run " + kXor + " --generations 3" + kNoSolveStop + " --out " + shell_quote((scratch / "run").string()));
  const std::string good = read_text(scratch / "run" / "checkpoint.json");
  const fs::path damaged = scratch / "damaged.json";

  auto resume = [&](const std::string& content) {
    write_text(damaged, content);
    return run_cli("run --resume " + shell_quote(damaged.string()) + " --out " + shell_quote((scratch / "out").string()));
  };
  SECTION("truncated") {
    const CliResult result = resume(good.substr(0, good.size() / 2));
    CHECK(result.exit_code != 0);
    CHECK_THAT(result.output, Catch::Contains("damaged.json: not a valid checkpoint (truncated or corrupt JSON)"));
  }
  SECTION("a value changed inside") {
    std::string edited = good;
    const auto at = edited.find("\"weight\":") + 9;
    edited[at + 1] = edited[at + 1] == '1' ? '2' : '1';
    const CliResult result = resume(edited);
    CHECK(result.exit_code != 0);
    CHECK_THAT(result.output, Catch::Contains("checkpoint is corrupt (CRC mismatch)"));
  }
  SECTION("not a checkpoint") {
    const CliResult result = resume(R"({"seed": 1})");
    CHECK(result.exit_code != 0);
    CHECK_THAT(result.output, Catch::Contains("not a ConvNEAT checkpoint"));
  }
  SECTION("a config that is a different run") {
    const CliResult result = run_cli("run " + kXor + " --set population.size=50 --resume " +
                                     shell_quote((scratch / "run" / "checkpoint.json").string()));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("/population/size: the checkpoint was made with 150, got 50"));
  }
  CHECK(read_text(scratch / "run" / "checkpoint.json") == good);  // the good checkpoint was never touched
}
