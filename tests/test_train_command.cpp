// `convneat train`: a champion fine-tuned by gradient on its task gets better on held-out
// data, is written as a champion that eval and export read (the ONNX of a trained champion
// computes in ONNX Runtime what ConvNEAT computes), the same seed gives the same file, and
// what cannot be trained is refused with the option or the reason.
#include <catch2/catch.hpp>

#include <regex>

#include "cli_support.hpp"
#include "experiments/champion_file.hpp"
#include "nets/feed_forward_network.hpp"
#include "onnx_support.hpp"

using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

// A digits run without spatial layers: pixels straight into the NEAT graph, 2 generations.
fs::path weak_digits_champion(const ScratchDirectory& scratch) {
  write_text(scratch / "digits_graph.json", R"({
    "population": {"size": 10},
    "task": {"name": "digits", "batch_size": 64},
    "genome": {"output_activation": "identity", "weight_init_stdev": 0.1},
    "stop": {"max_generations": 2}
  })");
  run_ok("run " + shell_quote((scratch / "digits_graph.json").string()) + " --out " +
         shell_quote((scratch / "run").string()));
  return scratch / "run";
}

// The last "validation_accuracy X" a command printed.
double last_validation_accuracy(const std::string& output) {
  const std::regex figure("validation_accuracy ([0-9.]+)");
  double last = -1.0;
  for (auto it = std::sregex_iterator(output.begin(), output.end(), figure); it != std::sregex_iterator(); ++it)
    last = std::stod((*it)[1].str());
  return last;
}

}  // namespace

TEST_CASE("train fine-tunes a champion: validation accuracy rises, eval reads the file, the same seed repeats it") {
  ScratchDirectory scratch("train-digits");
  const fs::path run = weak_digits_champion(scratch);
  const std::string before = run_ok("eval " + shell_quote(run.string()));
  const std::string train = "train " + shell_quote(run.string()) + " --steps 200 --report-every 100 --out ";
  const std::string trained = run_ok(train + shell_quote((scratch / "trained.json").string()));
  CHECK_THAT(trained, Catch::Contains("before training") && Catch::Contains("step 100  loss") &&
                          Catch::Contains("step 200  loss"));
  CHECK(last_validation_accuracy(trained) > last_validation_accuracy(before) + 0.2);
  CHECK(last_validation_accuracy(trained) > 0.85);

  const std::string after = run_ok("eval " + shell_quote((scratch / "trained.json").string()));
  CHECK(last_validation_accuracy(after) == last_validation_accuracy(trained));
  const auto document = nlohmann::json::parse(read_text(scratch / "trained.json"));
  CHECK(document.at("trained").at("steps") == 200);
  CHECK(document.at("trained").at("training").at("optimiser") == "adam");

  run_ok(train + shell_quote((scratch / "again.json").string()));
  CHECK(read_text(scratch / "again.json") == read_text(scratch / "trained.json"));
  run_ok(train + shell_quote((scratch / "other_seed.json").string()) + " --seed 2");
  CHECK(read_text(scratch / "other_seed.json") != read_text(scratch / "trained.json"));
}

#ifdef CONVNEAT_HAS_ONNX
TEST_CASE("a trained champion exports to ONNX that computes in ONNX Runtime what ConvNEAT computes") {
  ScratchDirectory scratch("train-onnx");
  run_ok("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") + " --out " +
         shell_quote((scratch / "run").string()));
  run_ok("train " + shell_quote((scratch / "run").string()) + " --steps 50 --set training.learning_rate=0.1 --out " +
         shell_quote((scratch / "trained.json").string()));
  run_ok("export " + shell_quote((scratch / "trained.json").string()) + " --format onnx -o " +
         shell_quote((scratch / "trained.onnx").string()));
  Eigen::MatrixXd inputs(4, 2);
  inputs << 0, 0, 0, 1, 1, 0, 1, 1;
  convneat::FeedForwardNetwork network(convneat::load_champion(scratch / "trained.json").genome);
  CHECK(check_close(onnx_runtime_outputs(scratch / "trained.onnx", inputs, scratch), network.activate_batch(inputs)) <= 1.0);
}
#endif

TEST_CASE("train starts from the run's config: its weight limit holds the trained weights") {
  ScratchDirectory scratch("train-config");
  run_ok("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
         " --set genome.weight_limit=1.5 --out " + shell_quote((scratch / "run").string()));
  const std::string output = run_ok("train " + shell_quote((scratch / "run").string()) +
                                    " --steps 200 --set training.learning_rate=0.5 --out " +
                                    shell_quote((scratch / "trained.json").string()));
  CHECK_THAT(output, Catch::Contains("/training settings and weight limit from"));
  const convneat::Genome trained = convneat::load_champion(scratch / "trained.json").genome;
  double largest = 0.0;
  for (const auto& connection : trained.connections) largest = std::max(largest, std::abs(connection.weight));
  CHECK(largest <= 1.5);
  CHECK(largest == 1.5);  // a step of 0.5 reaches the limit
  const CliResult steps = run_cli("train " + shell_quote((scratch / "run").string()) + " --set training.steps=5 --out " +
                                  shell_quote((scratch / "t.json").string()));
  CHECK(steps.exit_code == 2);
  CHECK_THAT(steps.output, Catch::Contains("train takes its steps from --steps"));
}

TEST_CASE("train refuses a task without a loss, replacing its own champion, foreign keys and bad counts") {
  ScratchDirectory scratch("train-errors");
  run_ok("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/single_pole.json") +
         " --generations 1 --out " + shell_quote((scratch / "pole").string()));
  const CliResult pole = run_cli("train " + shell_quote((scratch / "pole").string()) + " --out " +
                                 shell_quote((scratch / "t.json").string()));
  CHECK(pole.exit_code == 2);
  CHECK_THAT(pole.output, Catch::Contains("task \"single_pole\" has no differentiable loss"));

  run_ok("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") + " --out " +
         shell_quote((scratch / "xor").string()));
  const std::string xor_run = "train " + shell_quote((scratch / "xor").string());
  const CliResult itself = run_cli(xor_run + " --out " + shell_quote((scratch / "xor" / "champion.json").string()));
  CHECK(itself.exit_code == 2);
  CHECK_THAT(itself.output, Catch::Contains("is the champion being trained"));
  const CliResult foreign = run_cli(xor_run + " --set population.size=5 --out " + shell_quote((scratch / "t.json").string()));
  CHECK(foreign.exit_code == 2);
  CHECK_THAT(foreign.output, Catch::Contains("train takes /training keys and genome.weight_limit only"));
  const CliResult bad = run_cli(xor_run + " --set training.learning_rate=-1 --out " + shell_quote((scratch / "t.json").string()));
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Catch::Contains("/training/learning_rate: expected a number in [0, 10]"));
  const CliResult no_graph =
      run_cli(xor_run + " --set training.graph=false --out " + shell_quote((scratch / "t.json").string()));
  CHECK(no_graph.exit_code == 2);
  CHECK_THAT(no_graph.output, Catch::Contains("leave no value of this champion to train"));
  const CliResult zero = run_cli(xor_run + " --steps 0 --out " + shell_quote((scratch / "t.json").string()));
  CHECK(zero.exit_code == 2);
  CHECK_THAT(zero.output, Catch::Contains("--steps: expected a whole number in [1, "));
  CHECK(run_cli(xor_run).exit_code == 2);  // no --out: the usage
  CHECK_FALSE(fs::exists(scratch / "t.json"));
}
