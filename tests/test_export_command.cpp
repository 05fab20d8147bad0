// `convneat export`: JSON reads back bit-identically, DOT is valid Graphviz, and the ONNX
// model computes in ONNX Runtime (onnxruntime-node) what ConvNEAT computes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "experiments/champion_file.hpp"
#include "genome/genome_json.hpp"
#include "nets/feed_forward_network.hpp"
#include "onnx_support.hpp"

using namespace convneat::testing;
using convneat::Activation;
using convneat::NodeKind;

namespace {

// Runs each seed's XOR experiment; returns the champion files.
std::vector<std::filesystem::path> xor_champions(const ScratchDirectory& scratch, std::initializer_list<int> seeds) {
  std::vector<std::filesystem::path> champions;
  for (int seed : seeds) {
    const auto out = scratch / ("xor" + std::to_string(seed));
    const CliResult run = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                  " --seed " + std::to_string(seed) + " --out " + shell_quote(out.string()));
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    champions.push_back(out / "champion.json");
  }
  return champions;
}

// 3 inputs, a bias, one hidden node per activation (chained, so depth grows), 2 outputs, and
// a disabled connection and a node without inputs, the cases compile_graph treats apart.
nlohmann::json every_activation_champion(bool feed_forward) {
  convneat::Genome genome;
  genome.id = 7;
  const auto add_node = [&](convneat::NodeId id, NodeKind kind, Activation activation, double bias) {
    genome.nodes.push_back({id, kind, activation, bias});
  };
  for (convneat::NodeId i = 0; i < 3; ++i) add_node(i, NodeKind::input, Activation::identity, 0.0);
  add_node(3, NodeKind::bias, Activation::identity, 0.0);
  add_node(4, NodeKind::output, Activation::sigmoid, 0.1);
  add_node(5, NodeKind::output, Activation::identity, -0.3);
  add_node(6, NodeKind::output, Activation::tanh, 0.25);  // no incoming connection
  convneat::InnovationId innovation = 0;
  const auto connect = [&](convneat::NodeId in, convneat::NodeId out, double weight, bool enabled = true) {
    genome.connections.push_back({innovation++, in, out, weight, enabled});
  };
  convneat::NodeId previous = 0;
  for (Activation activation : convneat::all_activations()) {
    const convneat::NodeId id = 10 + static_cast<convneat::NodeId>(genome.nodes.size());
    add_node(id, NodeKind::hidden, activation, 0.05 * static_cast<double>(id % 7) - 0.1);
    connect(previous, id, 0.9 - 0.13 * static_cast<double>(id % 5));
    connect(id % 3, id, -0.7 + 0.21 * static_cast<double>(id % 4));
    connect(3, id, 0.35);
    connect(id, id % 2 == 0 ? 4 : 5, 0.6 - 0.17 * static_cast<double>(id % 6));
    previous = id;
  }
  connect(2, 4, 1.5, false);
  if (!feed_forward) connect(previous, 10 + 7, 0.4);  // a loop back into an earlier hidden node
  std::sort(genome.nodes.begin(), genome.nodes.end(), [](auto& a, auto& b) { return a.id < b.id; });
  return {{"format", "convneat-champion"}, {"version", 1},          {"task", {{"name", "xor"}}},
          {"feed_forward", feed_forward},  {"genome", convneat::genome_to_json(genome)}};
}

Eigen::MatrixXd random_inputs(std::size_t columns, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<float> uniform(-2.0f, 2.0f);  // float: the ONNX input type
  Eigen::MatrixXd inputs(50, static_cast<Eigen::Index>(columns));
  for (Eigen::Index i = 0; i < inputs.size(); ++i) inputs.data()[i] = uniform(generator);
  return inputs;
}

Eigen::MatrixXd convneat_outputs(const std::filesystem::path& champion, const Eigen::MatrixXd& inputs) {
  convneat::FeedForwardNetwork network(convneat::load_champion(champion).genome);
  return network.activate_batch(inputs);
}

#ifdef CONVNEAT_HAS_ONNX
void check_onnx_matches(const std::filesystem::path& champion, const ScratchDirectory& scratch, unsigned seed) {
  const auto model = scratch / "model.onnx";
  const CliResult exported = run_cli("export " + shell_quote(champion.string()) + " --format onnx -o " +
                                     shell_quote(model.string()));
  INFO(champion.string() << ": " << exported.output);
  REQUIRE(exported.exit_code == 0);
  const convneat::FeedForwardNetwork network(convneat::load_champion(champion).genome);
  const Eigen::MatrixXd inputs = random_inputs(network.input_count(), seed);
  check_close(onnx_runtime_outputs(model, inputs, scratch), convneat_outputs(champion, inputs));
}
#endif

}  // namespace

TEST_CASE("export --format json writes a champion that reads back to bit-identical outputs") {
  ScratchDirectory scratch("export-json");
  const auto champion = xor_champions(scratch, {1}).front();
  const CliResult exported = run_cli("export " + shell_quote(champion.parent_path().string()) +
                                     " --format json -o " + shell_quote((scratch / "c.json").string()));
  INFO(exported.output);
  REQUIRE(exported.exit_code == 0);
  CHECK(convneat::load_champion(scratch / "c.json").genome == convneat::load_champion(champion).genome);
  const Eigen::MatrixXd inputs = random_inputs(2, 3);
  CHECK((convneat_outputs(scratch / "c.json", inputs).array() == convneat_outputs(champion, inputs).array()).all());
  CHECK(run_cli("export " + shell_quote(champion.string()) + " --format json").output == read_text(scratch / "c.json"));
}

TEST_CASE("export --format dot, svg and png give Graphviz output that dot accepts") {
  if (std::system("dot -V > /dev/null 2>&1") != 0) {
    WARN("Graphviz `dot` is not installed (Debian package graphviz): DOT, SVG and PNG export not checked");
    return;
  }
  ScratchDirectory scratch("export-dot");
  write_text(scratch / "c.json", every_activation_champion(true).dump());
  for (const char* format : {"dot", "svg", "png"}) {
    const auto target = scratch / (std::string("out.") + format);
    const CliResult exported = run_cli("export " + shell_quote((scratch / "c.json").string()) + " --format " +
                                       format + " -o " + shell_quote(target.string()));
    INFO(format << ": " << exported.output);
    CHECK(exported.exit_code == 0);
    CHECK(std::filesystem::file_size(target) > 100);
  }
  CHECK(std::system(("dot -Tcanon " + shell_quote((scratch / "out.dot").string()) + " > /dev/null").c_str()) == 0);
  CHECK_THAT(read_text(scratch / "out.svg"), Catch::Contains("<svg"));
  CHECK(read_text(scratch / "out.png").substr(1, 3) == "PNG");
}

TEST_CASE("a run keeps its task's input and output names in champion.json, and its drawings label the nodes") {
  ScratchDirectory scratch("export-names");
  const auto champion = xor_champions(scratch, {1}).front();
  const nlohmann::json document = nlohmann::json::parse(read_text(champion));
  CHECK(document.at("names") == nlohmann::json{{"inputs", {"a", "b"}}, {"outputs", {"a xor b"}}});
  CHECK(convneat::load_champion(champion).names.outputs == std::vector<std::string>{"a xor b"});
  for (const auto& dot : {read_text(champion.parent_path() / "champion.dot"),
                          run_cli("export " + shell_quote(champion.string()) + " --format dot").output}) {
    CHECK_THAT(dot, Catch::Contains("n0 [label=\"a\\nin 0\""));
    CHECK_THAT(dot, Catch::Contains("n1 [label=\"b\\nin 1\""));
    CHECK_THAT(dot, Catch::Contains("[label=\"a xor b\\nout "));
  }
  // A file with names that do not fit its genome is refused, naming the key.
  nlohmann::json wrong = document;
  wrong["names"]["inputs"] = {"only one"};
  write_text(scratch / "wrong.json", wrong.dump());
  CHECK_THROWS_WITH(convneat::load_champion(scratch / "wrong.json"),
                    Catch::EndsWith("wrong.json: /names/inputs: 1 names for 2 inputs of the genome"));
  wrong["names"]["inputs"] = {1, 2};
  write_text(scratch / "wrong.json", wrong.dump());
  CHECK_THROWS_WITH(convneat::load_champion(scratch / "wrong.json"),
                    Catch::EndsWith("wrong.json: /names/inputs: expected a list of strings, got [1,2]"));
  // Files from before names (or of tasks that name nothing) still load, unnamed.
  wrong.erase("names");
  write_text(scratch / "wrong.json", wrong.dump());
  CHECK(convneat::load_champion(scratch / "wrong.json").names.empty());
}

#ifdef CONVNEAT_HAS_ONNX
TEST_CASE("export --format onnx computes in ONNX Runtime what ConvNEAT computes") {
  ScratchDirectory scratch("export-onnx");
  std::vector<std::filesystem::path> champions = xor_champions(scratch, {1, 2, 3});
  write_text(scratch / "every_activation.json", every_activation_champion(true).dump());
  champions.push_back(scratch / "every_activation.json");
  unsigned seed = 10;
  for (const auto& champion : champions) check_onnx_matches(champion, scratch, seed++);
}
#endif

TEST_CASE("export --format onnx takes a recurrent champion, and bad arguments exit 2") {
  ScratchDirectory scratch("export-refuse");
  write_text(scratch / "r.json", every_activation_champion(false).dump());
  const std::string champion = shell_quote((scratch / "r.json").string());
  CliResult result = run_cli("export " + champion + " --format onnx -o " + shell_quote((scratch / "r.onnx").string()));
#ifdef CONVNEAT_HAS_ONNX
  CHECK(result.exit_code == 0);  // one step with its state in and out (test_onnx_stateful_export.cpp)
  CHECK(std::filesystem::file_size(scratch / "r.onnx") > 0);
#else
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("this convneat was built without ONNX support"));
  CHECK_FALSE(std::filesystem::exists(scratch / "r.onnx"));
#endif
  result = run_cli("export " + champion + " --format bmp");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("unknown format \"bmp\""));
  CHECK(run_cli("export " + champion).exit_code == 2);  // no --format
  CHECK(run_cli("export --format json").exit_code == 2);  // no champion
  CHECK(run_cli("export " + champion + " --format json --bogus").exit_code == 2);
  CHECK(run_cli("export " + shell_quote((scratch / "missing.json").string()) + " --format dot").exit_code == 2);
}
