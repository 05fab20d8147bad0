// Runs of CTRNN phenotypes keep ConvNEAT's promises: the same bytes on 1 and 2 threads, a
// resume from either checkpoint format equal to the run straight through, a champion file that
// names its network and evaluates as in its run; and the settings that cannot work are refused
// by name. The shipped config's success rate over seeds is measured by bench/success_rate.sh.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

const std::string kCtrnn = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/double_pole_nv_ctrnn.json");
// A smaller population and no stop at solving, so that every run lasts its generations.
const std::string kShort = " --set population.size=150 --set stop.when_solved=false";

}  // namespace

TEST_CASE("A CTRNN run is the same on 1 and 2 threads, and its champion names its network", "[ctrnn]") {
  ScratchDirectory scratch("ctrnn-threads");
  for (const char* threads : {"1", "2"})
    run_ok("run " + kCtrnn + kShort + " --generations 10 --threads " + threads + " --out " +
           shell_quote((scratch / threads).string()));
  check_same_run_files(scratch / "1", scratch / "2");

  const auto champion = nlohmann::json::parse(read_text(scratch / "1" / "champion.json"));
  CHECK(champion["network"] == nlohmann::json{{"kind", "ctrnn"},
                                              {"integration", "exponential"},
                                              {"time_step", 0.005},
                                              {"steps_per_activation", 4},
                                              {"spike_output", "count"}});
  std::size_t varied = 0;  // time constants were drawn and mutated
  for (const auto& node : champion["genome"]["nodes"]) varied += node.contains("time_constant");
  CHECK(varied >= 1);
}

TEST_CASE("A CTRNN run resumes from either checkpoint format to the same bytes", "[ctrnn]") {
  ScratchDirectory scratch("ctrnn-resume");
  check_resume_in_both_formats(kCtrnn + kShort, 6, 12, scratch.path());
}

TEST_CASE("The shipped CTRNN config solves DPNV with seed 1, and eval confirms its champion as a CTRNN", "[ctrnn]") {
  ScratchDirectory scratch("ctrnn-solve");
  const CliResult run = run_cli("run " + kCtrnn + " --out " + shell_quote((scratch / "run").string()));
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.output, Catch::Contains("stopped: solved"));
  const CliResult eval = run_cli("eval " + shell_quote((scratch / "run").string()));
  INFO(eval.output);
  CHECK_THAT(eval.output, Catch::Contains("solves the task"));

  // The same genome compiled as a discrete-time recurrent network is another controller.
  auto champion = nlohmann::json::parse(read_text(scratch / "run" / "champion.json"));
  champion.erase("network");
  write_text(scratch / "graph.json", champion.dump());
  CHECK_THAT(run_cli("eval " + shell_quote((scratch / "graph.json").string())).output,
             Catch::Contains("does not solve the task"));
}

TEST_CASE("CTRNN settings that cannot work are refused by name", "[ctrnn]") {
  ScratchDirectory scratch("ctrnn-refused");
  const std::string out = " --out " + shell_quote((scratch / "run").string());
  CliResult result = run_cli("run " + kCtrnn + " --set network.integration=forward_euler --set network.time_step=0.05" + out);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output,
             Catch::Contains("/network/time_step: forward_euler is unstable when time_step exceeds twice the shortest "
                             "time constant (/genome/time_constant_min_value 0.01); expected at most 0.02, got 0.05"));
  result = run_cli("run " + kCtrnn + " --set network.kind=spiking" + out);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("/network/kind: expected one of \"graph\", \"ctrnn\""));
  result = run_cli("run " + kCtrnn + " --set genome.time_constant_min_value=2 --set genome.time_constant_max_value=1" + out);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("/genome/time_constant_min_value: expected at most time_constant_max_value"));
  CHECK_FALSE(fs::exists(scratch / "run" / "checkpoint.cbor"));

  write_text(scratch / "c.json", R"({"format": "convneat-champion", "feed_forward": true, "task": {"name": "xor"},
    "network": {"kind": "ctrnn", "time_step": -1},
    "genome": {"id": 1, "fitness": 0, "nodes": [{"id": 0, "kind": "input", "activation": "identity", "bias": 0}],
               "connections": []}})");
  result = run_cli("eval " + shell_quote((scratch / "c.json").string()));
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("c.json: /network/time_step: expected a number in [1e-09, 1000000], got -1"));
}
