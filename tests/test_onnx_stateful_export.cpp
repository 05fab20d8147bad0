// genome_to_onnx for phenotypes with state: a discrete-time recurrent graph and a CTRNN (both
// integrations) are exported as one activation with "state" in and "next_state" out, and
// looped in ONNX Runtime as a user would loop them they give, call after call, what
// ConvNEAT's networks give (float32 against double, within check_close's tolerance).
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include <Eigen/Core>

#include "cli_support.hpp"
#include "export/onnx_writer.hpp"
#include "nets/compile_network.hpp"
#include "onnx_support.hpp"
#include "test_support.hpp"

#ifdef CONVNEAT_HAS_ONNX  // a build without ONNX export has nothing here to test
using namespace convneat;
using namespace convneat::testing;

namespace {

// Three inputs and a bias into two outputs through three hidden nodes, with self-loops, a
// cycle through an output, a max node and a response; time constants from 0.02 to 0.5.
Genome looping_genome() {
  auto node = [](NodeGene gene, double time_constant) {
    gene.time_constant = time_constant;
    return gene;
  };
  NodeGene maxed = hidden(7, Activation::relu, -0.1);
  maxed.aggregation = Aggregation::max;
  maxed.response = 1.5;
  return make_genome({input(0), input(1), input(2), bias_node(3), node(output(4, Activation::sigmoid, 0.2), 0.05),
                      node(output(5, Activation::tanh), 0.3), node(hidden(6, Activation::tanh, 0.1), 0.02),
                      node(maxed, 0.5), node(hidden(8, Activation::sigmoid), 0.1)},
                     {link(1, 0, 6, 1.2), link(2, 1, 6, -0.8), link(3, 2, 7, 0.9), link(4, 6, 4, 1.5),
                      link(5, 7, 5, -1.1), link(6, 6, 6, 0.7), link(7, 4, 8, 2.0), link(8, 8, 6, -1.3),
                      link(9, 3, 8, 0.4), link(10, 5, 5, 0.6), link(11, 1, 7, -0.5), link(12, 7, 4, 0.8)});
}

// `count` calls of 6 rows each, inputs in [-1, 1].
std::vector<Eigen::MatrixXd> input_calls(std::size_t count, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<double> value(-1.0, 1.0);
  std::vector<Eigen::MatrixXd> calls;
  for (std::size_t c = 0; c < count; ++c) {
    Eigen::MatrixXd rows(6, 3);
    for (Eigen::Index i = 0; i < rows.size(); ++i) rows.data()[i] = value(generator);
    calls.push_back(rows);
  }
  return calls;
}

// ConvNEAT's network, each row an instance of its own, called once per element of `calls`.
Eigen::MatrixXd convneat_call_outputs(const Genome& genome, const Phenotype& phenotype,
                                      const std::vector<Eigen::MatrixXd>& calls) {
  const auto network = compile_network(genome, phenotype);
  Eigen::MatrixXd all(static_cast<Eigen::Index>(calls.size()) * calls[0].rows(),
                      static_cast<Eigen::Index>(network->output_count()));
  for (std::size_t c = 0; c < calls.size(); ++c)
    all.middleRows(static_cast<Eigen::Index>(c) * calls[0].rows(), calls[0].rows()) = network->activate_batch(calls[c]);
  return all;
}

void check_looped_model(const Phenotype& phenotype, const ScratchDirectory& scratch) {
  const Genome genome = looping_genome();
  const auto model = scratch / "model.onnx";
  write_text(model, genome_to_onnx(genome, phenotype));
  const std::vector<Eigen::MatrixXd> calls = input_calls(25, 4);
  const Eigen::MatrixXd expected = convneat_call_outputs(genome, phenotype, calls);
  const std::size_t state_width = 5;  // the computed nodes 4 to 8
  const Eigen::MatrixXd onnx = onnx_runtime_call_outputs(model, calls, state_width, scratch);
  check_close(onnx, expected);
  // The state did carry: the last call's outputs are not those of a fresh network.
  const Eigen::MatrixXd fresh = convneat_call_outputs(genome, phenotype, {calls.back()});
  CHECK((expected.bottomRows(6) - fresh).cwiseAbs().maxCoeff() > 1e-3);
}

}  // namespace

TEST_CASE("ONNX export: a recurrent graph is one step with its state in and out, and looped gives RecurrentNetwork's "
          "outputs",
          "[onnx]") {
  ScratchDirectory scratch("onnx-recurrent");
  check_looped_model(Phenotype{.feed_forward = false}, scratch);
}

TEST_CASE("ONNX export: a CTRNN is one activation of its steps with its state in and out, under either integration",
          "[onnx][ctrnn]") {
  ScratchDirectory scratch("onnx-ctrnn");
  for (const Integration integration : {Integration::exponential, Integration::forward_euler}) {
    INFO(kIntegrations.name(integration));
    check_looped_model(Phenotype{.feed_forward = false, .network = {NetworkKind::ctrnn, integration, 0.01, 3}},
                       scratch);
  }
}

TEST_CASE("export --format onnx writes a recurrent or CTRNN champion's model from its run", "[onnx][ctrnn]") {
  ScratchDirectory scratch("onnx-ctrnn-export");
  const std::string config = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/double_pole_nv_ctrnn.json");
  run_ok("run " + config + " --generations 3 --set population.size=50 --out " + shell_quote((scratch / "run").string()));
  const auto model = scratch / "champion.onnx";
  run_ok("export " + shell_quote((scratch / "run").string()) + " --format onnx -o " + shell_quote(model.string()));
  CHECK(std::filesystem::file_size(model) > 0);
}
#endif
