// `convneat run` as a user meets it: bad configs and bad files give one clear line and a
// non-zero exit code; a good config runs with progress and writes its results.
#include <catch2/catch.hpp>

#include <unistd.h>

#include "cli_support.hpp"

using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

struct BadConfig {
  const char* json;
  const char* expected;  // a part of the message that names the JSON path and the problem
};

}  // namespace

TEST_CASE("bad configs are refused before anything runs, naming the JSON path") {
  const BadConfig bad = GENERATE(
      BadConfig{R"({"genome": {"weight_mutate_rate": "high"}})",
                R"(bad.json: /genome/weight_mutate_rate: expected a number in [0, 1], got "high")"},
      BadConfig{R"({"genome": {"weight_mutate_rate": 1.5}})", "/genome/weight_mutate_rate: expected a number in [0, 1], got 1.5"},
      BadConfig{R"({"population": {"size": 1}})", "/population/size: expected a whole number in [2, 1000000], got 1"},
      BadConfig{R"({"population": {"size": -5}})", "/population/size: expected a whole number"},
      BadConfig{R"({"population": {"size": 150.5}})", "/population/size: expected a whole number"},
      BadConfig{R"({"genome": {"wieght_mutate_rate": 0.5}})",
                "/genome/wieght_mutate_rate: unknown key; did you mean /genome/weight_mutate_rate?"},
      BadConfig{R"({"populaton": {"size": 100}})", "/populaton: unknown key; did you mean /population/size?"},
      BadConfig{R"({"population": {"innovation_policy": "global"}})",
                R"(/population/innovation_policy: expected one of "fresh", "per_generation", "persistent", "node_pair", got "global")"},
      BadConfig{R"({"genome": {"hidden_activation": "swish"}})", "/genome/hidden_activation: expected one of \"sigmoid\""},
      BadConfig{R"({"genome": {"activation_options": []}})", "/genome/activation_options: expected a non-empty list"},
      BadConfig{R"({"genome": {"activation_options": ["tanh", 3]}})", "/genome/activation_options: expected a non-empty list"},
      BadConfig{R"({"genome": {"feed_forward": "yes"}})", R"(/genome/feed_forward: expected true or false, got "yes")"},
      BadConfig{R"({"stop": {"fitness_threshold": "4"}})", R"(/stop/fitness_threshold: expected a number or null, got "4")"},
      BadConfig{R"({"task": {"name": "xorr"}})", R"(/task/name: expected one of "xor", "single_pole", "double_pole", "double_pole_no_velocity", "maze", "aligned_parts", "digits", "fashion_mnist", "digit_pairs", "fashion_mnist_pairs", "environment", got "xorr")"},
      BadConfig{R"({"task": {"name": "xor", "size": 3}})", "/task/size: unknown key"},
      BadConfig{R"({"task": "xor"})", "/task: expected an object with a \"name\" string"},
      BadConfig{R"({"genome": 5})", "/genome: expected an object of settings, got 5"},
      BadConfig{R"([1, 2])", "bad.json: expected a JSON object at the top level"},
      BadConfig{R"({"genome": {"num_inputs": 3}})", "/genome/num_inputs: task \"xor\" needs 2, got 3"},
      BadConfig{R"({"output": {"directory": ""}})", "/output/directory: expected a non-empty string"},
      BadConfig{R"({"evaluation": {"time_limit_seconds": -1}})", "/evaluation/time_limit_seconds: expected a number in [0, "},
      BadConfig{R"({"genome": {"initial_connectivity": "half"}})",
                R"(/genome/initial_connectivity: expected one of "full", "none", "partial", got "half")"},
      BadConfig{R"({"species": {"compatibility_threshold": 0}})", "/species/compatibility_threshold: expected a number in"},
      BadConfig{R"({"reproduction": {"survival_threshold": 2}})", "/reproduction/survival_threshold: expected a number in"},
      BadConfig{R"({"genome": {"spatial": {"layers": [{"mode": "conv"}]}}})",
                R"(/genome/spatial/layers/0/mode: expected one of shared, local, centroid, got "conv")"},
      BadConfig{R"({"genome": {"spatial": {"layers": [{"kernel_size": 3}, {"padding": "full"}]}}})",
                R"(/genome/spatial/layers/1/padding: expected "valid", "same" or a whole number of cells, got "full")"},
      BadConfig{R"({"genome": {"spatial": {"layers": [{"kernal_size": 3}]}}})",
                "/genome/spatial/layers/0/kernal_size: unknown key; a layer takes mode, kernel_size"},
      BadConfig{R"({"genome": {"spatial": {"layers": [{"kernel_size": 3}]}}})",
                "/genome/spatial/layers: task \"xor\" does not present images"},
      BadConfig{R"({"task": {"name": "aligned_parts", "train": 10}, "genome": {"spatial": {"layers": [{"kernel_size": 20}]}}})",
                "/genome/spatial/layers/0: on a 1x16x16 input: spatial layer 0: a 20x20 kernel does not fit a 16x16 input"},
      BadConfig{R"({"task": {"name": "aligned_parts", "train": 10}, "genome": {"spatial": {"layers": [{"mode": "centroid"}], "centroid": {"count": 5}}}})",
                "/genome/spatial/centroid/count: a 2x2 grid holds 4 centroids, count is 5"},
      BadConfig{R"({"task": {"name": "aligned_parts", "size": 5}})", "/task/size: expected a whole number in [12, 256], got 5"},
      BadConfig{R"({"task": {"name": "aligned_parts", "test_every_generation": "yes"}})",
                R"(/task/test_every_generation: expected true or false, got "yes")"},
      BadConfig{R"({"task": {"name": "aligned_parts", "fitness": "loss"}})",
                R"(/task/fitness: expected one of "accuracy", "correct_probability", "cross_entropy", got "loss")"});
  ScratchDirectory scratch("bad-config");
  write_text(scratch / "bad.json", bad.json);
  const CliResult result = run_cli("run " + shell_quote((scratch / "bad.json").string()) + " --out " +
                                   shell_quote((scratch / "out").string()));
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains(bad.expected));
  CHECK(std::count(result.output.begin(), result.output.end(), '\n') == 1);  // one line, no stack trace
  CHECK_FALSE(std::filesystem::exists(scratch / "out"));                    // nothing ran
}

TEST_CASE("bad command-line overrides are refused with the key named") {
  ScratchDirectory scratch("bad-set");
  const std::string config = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json");
  const std::string out = " --out " + shell_quote((scratch / "out").string());
  CliResult result = run_cli("run " + config + out + " --set population.size=abc");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains(R"(--set population.size: /population/size: expected a whole number in [2, 1000000], got "abc")"));
  result = run_cli("run " + config + out + " --set population.size");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("expected KEY=VALUE"));
  result = run_cli("run " + config + out + " --threads many");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("threads"));
}

TEST_CASE("a --set value nested 60,000 deep is refused with exit 2 and a short message") {
  ScratchDirectory scratch("deep-set");
  const std::string config = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json");
  const std::string out = " --out " + shell_quote((scratch / "out").string());
  for (const std::string& value : {std::string(60000, '['), std::string(60000, '[') + std::string(60000, ']')}) {
    const CliResult result = run_cli("run " + config + out + " --set " + shell_quote("seed=" + value));
    INFO(result.output.substr(0, 300));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output,
               Catch::Contains("--set seed: JSON nested more than 64 levels deep, the limit for a config file"));
    CHECK(result.output.size() < 200);
  }
  const CliResult shortcut = run_cli("run " + config + out + " --generations " + shell_quote(std::string(100, '{')));
  CHECK(shortcut.exit_code == 2);
  CHECK_THAT(shortcut.output, Catch::Contains("--generations: JSON nested more than 64 levels deep"));
  CHECK_FALSE(fs::exists(scratch / "out"));
}

TEST_CASE("a --set value of 200 characters is echoed cut short, with its length") {
  ScratchDirectory scratch("long-set");
  const CliResult result = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                   " --out " + shell_quote((scratch / "out").string()) + " --set seed=" +
                                   std::string(200, 'x'));
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("--set seed: /seed: expected a whole number >= 0, got \"" +
                                            std::string(99, 'x') + "… (202 bytes)"));
  CHECK(result.output.size() < 200);
}

TEST_CASE("a config's errors name its path as the user gave it") {
  ScratchDirectory scratch("path-as-given");
  fs::create_directories(scratch / "sub" / "dir");
  write_text(scratch / "sub" / "dir" / "cfg.json", R"({"population": {"size": 1}})");
  const CliResult result = run_cli("run sub/dir/cfg.json --out out", "cd " + shell_quote(scratch.path().string()) + " && ");
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::StartsWith("convneat: sub/dir/cfg.json: /population/size: expected a whole number"));
}

TEST_CASE("file errors give one line and a non-zero exit code") {
  ScratchDirectory scratch("file-errors");
  const std::string out = " --out " + shell_quote((scratch / "out").string());

  SECTION("missing file") {
    const CliResult result = run_cli("run " + shell_quote((scratch / "nowhere.json").string()) + out);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("nowhere.json: cannot open: No such file or directory"));
  }
  SECTION("a directory instead of a file") {
    const CliResult result = run_cli("run " + shell_quote(scratch.path().string()) + out);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("is a directory, expected a JSON file"));
  }
  SECTION("malformed JSON reports line and column") {
    write_text(scratch / "broken.json", "{\n  \"seed\": 3,\n  \"population\": { \"size\": 100,, }\n}\n");
    const CliResult result = run_cli("run " + shell_quote((scratch / "broken.json").string()) + out);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("broken.json: malformed JSON at line 3, column 31"));
  }
  SECTION("unreadable file") {
    write_text(scratch / "secret.json", "{}");
    std::filesystem::permissions(scratch / "secret.json", std::filesystem::perms::none);
    std::filesystem::permissions(scratch.path(), std::filesystem::perms::all);
    // Root reads any file, so as root the command runs as `nobody` (setpriv, util-linux).
    const bool root = ::geteuid() == 0;
    if (root && std::system("command -v setpriv >/dev/null 2>&1") != 0) {
      WARN("skipped: running as root without setpriv, so no file is unreadable");
      return;
    }
    const std::string prefix = root ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
    const CliResult result = run_cli("run " + shell_quote((scratch / "secret.json").string()) + " --out /tmp/convneat-unused", prefix);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("secret.json: cannot open: Permission denied"));
  }
  SECTION("a read-only output directory") {
    fs::create_directories(scratch / "readonly");
    fs::permissions(scratch / "readonly", fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                              fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    fs::permissions(scratch.path(), fs::perms::all);
    const bool root = ::geteuid() == 0;
    if (root && std::system("command -v setpriv >/dev/null 2>&1") != 0) {
      WARN("skipped: running as root without setpriv, so no directory is read-only");
      return;
    }
    const std::string prefix = root ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
    const CliResult result = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                         " --out " + shell_quote((scratch / "readonly").string()),
                                     prefix);
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.output, Catch::Contains("readonly: cannot write in the output directory: Permission denied"));
  }
  SECTION("an output directory that cannot be created") {
    write_text(scratch / "plain-file", "");
    const CliResult result = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                     " --out " + shell_quote((scratch / "plain-file" / "out").string()));
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.output, Catch::Contains("plain-file/out: cannot create the output directory"));
  }
}

TEST_CASE("the shipped XOR config runs end to end with progress and writes its results") {
  ScratchDirectory scratch("xor-run");
  const CliResult result = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                   " --out " + shell_quote((scratch / "out").string()));
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("gen    0/99  best") && Catch::Contains("species") &&
                                Catch::Contains("stopped: solved") && Catch::Contains("results written to"));
  for (const char* file : {"config.json", "generations.csv", "species.csv", "champion.json", "champion.dot", "checkpoint.cbor"})
    CHECK(std::filesystem::exists(scratch / "out" / file));
  CHECK_FALSE(std::filesystem::exists(scratch / "out" / "checkpoint.json"));  // binary by default
  CHECK_THAT(read_text(scratch / "out" / "champion.dot"), Catch::StartsWith("digraph"));
}

TEST_CASE("a time limit no genome can meet fails every evaluation with the reason, and the run ends saying nothing was scored") {
  ScratchDirectory scratch("time-limit");
  const CliResult result = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                   " --generations 3 --set evaluation.time_limit_seconds=1e-9 --out " +
                                   shell_quote((scratch / "out").string()));
  INFO(result.output);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output, Catch::Contains("gen    2") && Catch::Contains("failed 150 (time limit 1e-09 s exceeded: 150)") &&
                                Catch::Contains("stopped: generation limit reached"));
  CHECK_THAT(result.output, Catch::Contains("no genome was scored: all 450 evaluations failed") &&
                                Catch::Contains("convneat run --resume " + (scratch / "out" / "checkpoint.cbor").string()));
  CHECK_THAT(result.output, !Catch::Contains("results written"));
  std::istringstream rows(read_text(scratch / "out" / "generations.csv"));
  std::string header, row;
  std::getline(rows, header);
  REQUIRE_THAT(header, Catch::Contains(",evaluations,failed_evaluations,"));
  std::size_t generations = 0;
  for (; std::getline(rows, row); ++generations) {
    std::string evaluations_then_failures = ",";  // appended, not "," + …: GCC 12's -Wrestrict false positive
    evaluations_then_failures += std::to_string(150 * (generations + 1));
    evaluations_then_failures += ",150,";
    CHECK_THAT(row, Catch::Contains(evaluations_then_failures));
  }
  CHECK(generations == 3);
  CHECK_FALSE(std::filesystem::exists(scratch / "out" / "champion.json"));  // no genome worth the name
  REQUIRE(std::filesystem::exists(scratch / "out" / "checkpoint.cbor"));

  // The checkpoint is kept because a resume may lift the limit: the run then goes on, scored.
  const CliResult resumed = run_cli("run --resume " + shell_quote((scratch / "out" / "checkpoint.cbor").string()) +
                                    " --generations 5 --set evaluation.time_limit_seconds=0");
  INFO(resumed.output);
  CHECK(resumed.exit_code == 0);
  CHECK(std::filesystem::exists(scratch / "out" / "champion.json"));
}

TEST_CASE("help is available for the tool and for run") {
  CliResult result = run_cli("--help");
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("run CONFIG"));
  result = run_cli("run --help");
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("--resume") && Catch::Contains("--set"));
  result = run_cli("frobnicate");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("unknown command \"frobnicate\""));
}
