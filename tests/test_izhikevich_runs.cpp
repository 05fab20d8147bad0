// Runs of spiking phenotypes keep ConvNEAT's promises: the same bytes on 1 and 2 threads, a
// resume from either checkpoint format equal to the run straight through, a champion file that
// names its network, evaluates as in its run, draws, and is refused by ONNX export by name.
// The shipped config's success rate over seeds is measured by bench/success_rate.sh.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "checkpoint_population.hpp"
#include "cli_support.hpp"

using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

const std::string kSpiking = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor_spiking.json");
const std::string kUnsolved = " --set stop.when_solved=false";

}  // namespace

TEST_CASE("A spiking run is the same on 1 and 2 threads, and its champion names its network", "[izhikevich]") {
  ScratchDirectory scratch("spiking-threads");
  for (const char* threads : {"1", "2"})
    run_ok("run " + kSpiking + kUnsolved + " --generations 15 --threads " + threads + " --out " +
           shell_quote((scratch / threads).string()));
  check_same_run_files(scratch / "1", scratch / "2");
  const auto champion = nlohmann::json::parse(read_text(scratch / "1" / "champion.json"));
  CHECK(champion["network"]["kind"] == "izhikevich");
  CHECK(champion["network"]["spike_output"] == "count");
  const auto other_neuron = [](const convneat::NodeGene& node) { return !node.has_default_izhikevich(); };
  CHECK(genomes_with_node(scratch / "1" / "checkpoint.cbor", other_neuron) > 100);  // a and d mutate in the config
}

TEST_CASE("A spiking run resumes from either checkpoint format to the same bytes", "[izhikevich]") {
  ScratchDirectory scratch("spiking-resume");
  check_resume_in_both_formats(kSpiking + kUnsolved, 7, 14, scratch.path());
}

// [long]: seed 1 solves after 289 generations (40-50 s here, 7 minutes under the sanitizers).
TEST_CASE("The shipped spiking config solves XOR with seed 1, eval confirms it and ONNX export refuses it by name",
          "[izhikevich][long]") {
  ScratchDirectory scratch("spiking-solve");
  const std::string run = shell_quote((scratch / "run").string());
  const CliResult result = run_cli("run " + kSpiking + " --out " + run);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("stopped: solved"));
  CHECK_THAT(run_cli("eval " + run).output, Catch::Contains("solves the task"));
  const CliResult onnx = run_cli("export " + run + " --format onnx -o " + shell_quote((scratch / "c.onnx").string()));
  CHECK(onnx.exit_code == 2);
  CHECK_THAT(onnx.output, Catch::Contains("export --format onnx: ONNX has no spiking neurons, so this champion (a "
                                          "spiking network, /network/kind izhikevich) has no ONNX form; --format "
                                          "json keeps it whole"));
  CHECK_FALSE(fs::exists(scratch / "c.onnx"));
  run_ok("export " + run + " --format dot -o " + shell_quote((scratch / "c.dot").string()));
}

TEST_CASE("Spiking settings that cannot work are refused by name", "[izhikevich]") {
  ScratchDirectory scratch("spiking-refused");
  const std::string out = " --out " + shell_quote((scratch / "run").string());
  CliResult result = run_cli("run " + kSpiking + " --set network.time_step=2" + out);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("/network/time_step: izhikevich steps are milliseconds, at most 1"));
  result = run_cli("run " + kSpiking + " --set genome.izhikevich_preset=bursting" + out);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("/genome/izhikevich_preset: expected one of \"regular_spiking\""));
  result = run_cli("run " + kSpiking + " --set genome.izhikevich_c_min_value=-40 --set genome.izhikevich_c_max_value=-60" +
                   out);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("/genome/izhikevich_c_min_value: expected at most izhikevich_c_max_value"));
  CHECK_FALSE(fs::exists(scratch / "run" / "checkpoint.cbor"));
}

TEST_CASE("A preset gives the start parameters a config leaves out, and a config's own means win", "[izhikevich]") {
  ScratchDirectory scratch("spiking-preset");
  const std::string out = shell_quote((scratch / "run").string());
  run_ok("run " + kSpiking + " --generations 1 --set genome.izhikevich_preset=chattering"
         " --set genome.izhikevich_d_init_mean=3 --out " + out);
  const auto config = nlohmann::json::parse(read_text(scratch / "run" / "config.json"));
  CHECK(config["genome"]["izhikevich_c_init_mean"] == -50.0);  // chattering's c
  CHECK(config["genome"]["izhikevich_d_init_mean"] == 3.0);    // the config's own d, not chattering's 2
}
