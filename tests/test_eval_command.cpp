// `convneat eval`: a saved champion evaluates as it did in its run; bad files are refused.
#include <catch2/catch.hpp>

#include <algorithm>

#include "cli_support.hpp"

using namespace convneat::testing;

TEST_CASE("eval reports that a run's XOR champion solves XOR, from the file or the run directory") {
  ScratchDirectory scratch("eval");
  const CliResult run = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                " --out " + shell_quote((scratch / "run").string()));
  REQUIRE(run.exit_code == 0);
  for (const auto& target : {scratch / "run" / "champion.json", scratch / "run"}) {
    const CliResult eval = run_cli("eval " + shell_quote(target.string()));
    INFO(eval.output);
    CHECK(eval.exit_code == 0);
    CHECK_THAT(eval.output, Catch::Contains("task xor") && Catch::Contains("solves the task"));
  }
}

TEST_CASE("eval refuses a file that is not a valid champion, naming the JSON path") {
  ScratchDirectory scratch("eval-bad");
  write_text(scratch / "c.json", R"({"format": "convneat-champion", "feed_forward": true, "task": {"name": "xor"},
    "genome": {"id": 1, "fitness": 0, "nodes": [{"id": 0, "kind": "input", "activation": "identity", "bias": 0}],
               "connections": [{"innovation": 0, "in": 0, "out": 9, "weight": 1, "enabled": true}]}})");
  CliResult result = run_cli("eval " + shell_quote((scratch / "c.json").string()));
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("c.json: /genome: invalid genome: connection 0 (0 -> 9): target node missing"));
  write_text(scratch / "d.json", R"({"seed": 1})");
  result = run_cli("eval " + shell_quote((scratch / "d.json").string()));
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("d.json: /format: expected \"convneat-champion\""));
  result = run_cli("eval " + shell_quote((scratch / "d.json").string()) + " --task pong");
  CHECK(result.exit_code == 2);
}

TEST_CASE("eval refuses a negative, fractional or too large --seed, naming the option and the range") {
  ScratchDirectory scratch("eval-seed");
  run_ok("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
         " --generations 1 --set population.size=10 --out " + shell_quote((scratch / "run").string()));
  const std::string champion = shell_quote((scratch / "run" / "champion.json").string());
  for (const std::string seed : {"-1", "1.5", "18446744073709551616", "7x", "+3"}) {
    const CliResult result = run_cli("eval " + champion + " --seed=" + shell_quote(seed));
    INFO(result.output);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("--seed: expected a whole number in [0, 18446744073709551615], got"));
    CHECK(std::count(result.output.begin(), result.output.end(), '\n') == 1);
  }
  CHECK_THAT(run_cli("eval " + champion + " --seed -1").output, Catch::Contains("--seed: expected a whole number"));
  CHECK(run_cli("eval " + champion + " --seed 18446744073709551615").exit_code == 0);
}
