// Dense levels (/network/dense_layers): which depths become one matrix product; the same
// outputs and gradients as connection by connection (to rounding), each row to the bit
// whatever its batch; gradients against finite differences; runs that stay reproducible; and
// the option refused where a graph has no depths.
#include <catch2/catch.hpp>

#include <cmath>

#include "cli_support.hpp"
#include "genome/random.hpp"
#include "nets/dense_levels.hpp"
#include "nets/feed_forward_network.hpp"
#include "nets/graph_gradient.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

constexpr NodeId kInputs = 40, kBias = 40, kFirstOutput = 41;
constexpr NodeId kFirstHidden = 100, kSecondLayer = 130, kWidth = 12;
constexpr NodeId kProductNode = 120, kDeepNode = 121;

// 40 inputs and a bias into 12 hidden nodes (depth 1, every connection but one: a dense block
// with a hole), a product node on four inputs (depth 1, not a plain sum: outside the block),
// 12 more hidden nodes reading the first 12 and the inputs (depth 2, dense), a node reading
// one hidden node (depth 2: a sparse column of that dense block), and 3 outputs reading the second layer and a few others
// (depth 3, too few connections for a block).
Genome layered_genome() {
  RandomStream random(5, 0, 0, Purpose::initial_population);
  const auto weight = [&] { return random.uniform(-0.4, 0.4); };
  const Activation kinds[] = {Activation::relu, Activation::tanh, Activation::sigmoid};
  Genome genome;
  for (NodeId id = 0; id < kInputs; ++id) genome.insert_node(input(id));
  genome.insert_node(bias_node(kBias));
  for (NodeId o = 0; o < 3; ++o) genome.insert_node(output(kFirstOutput + o, kinds[o], weight()));
  InnovationId innovation = 1;
  const auto connect = [&](NodeId from, NodeId to) { genome.insert_connection(link(innovation++, from, to, weight())); };
  for (NodeId h = 0; h < kWidth; ++h) {
    genome.insert_node(hidden(kFirstHidden + h, kinds[h % 3], weight()));
    for (NodeId source = 0; source <= kBias; ++source)
      if (!(h == 3 && source == 7)) connect(source, kFirstHidden + h);
  }
  NodeGene product = hidden(kProductNode, Activation::tanh, weight());
  product.aggregation = Aggregation::product;
  genome.insert_node(product);
  for (NodeId source = 0; source < 4; ++source) connect(source, kProductNode);
  genome.insert_node(hidden(kDeepNode, Activation::sigmoid, weight()));
  connect(kFirstHidden, kDeepNode);
  for (NodeId h = 0; h < kWidth; ++h) {
    genome.insert_node(hidden(kSecondLayer + h, kinds[(h + 1) % 3], weight()));
    for (NodeId source = 0; source < kWidth; ++source) connect(kFirstHidden + source, kSecondLayer + h);
    for (NodeId source = 0; source < kInputs; ++source) connect(source, kSecondLayer + h);
  }
  for (NodeId o = 0; o < 3; ++o) {
    for (NodeId h = 0; h < kWidth; ++h) connect(kSecondLayer + h, kFirstOutput + o);
    connect(kProductNode, kFirstOutput + o);
    connect(kDeepNode, kFirstOutput + o);
    connect(o, kFirstOutput + o);
  }
  return genome;
}

Eigen::MatrixXd random_inputs(Eigen::Index rows, std::uint64_t key) {
  RandomStream random(13, 0, key, Purpose::initial_population);
  Eigen::MatrixXd m(rows, kInputs);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = random.uniform(-1.0, 1.0);
  return m;
}

CompiledGraph dense_graph(const Genome& genome) { return FeedForwardNetwork(genome, true).graph(); }

std::vector<NodeId> ids(const CompiledGraph& graph, const std::vector<std::uint32_t>& nodes) {
  std::vector<NodeId> result;
  for (std::uint32_t n : nodes) result.push_back(graph.node_id[n]);
  return result;
}

double loss(const CompiledGraph& graph, const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& weights) {
  return (tape_outputs(graph, record_forward(graph, inputs)).array() * weights.array()).sum();
}

}  // namespace

TEST_CASE("Dense levels: a block per depth whose plain sums fill it, the rest connection by connection", "[dense]") {
  const CompiledGraph graph = dense_graph(layered_genome());
  REQUIRE(graph.levels.size() == 3);
  const GraphLevel& first = graph.levels[0];
  CHECK(first.block_nodes.size() == kWidth);
  CHECK(first.block_sources.size() == kInputs + 1);  // the inputs and the bias
  CHECK(first.edge_row.size() == kWidth * (kInputs + 1) - 1);  // one connection missing
  CHECK(ids(graph, first.other_nodes) == std::vector<NodeId>{kProductNode});
  const GraphLevel& second = graph.levels[1];
  // The node reading one hidden node joins the block: the block as a whole is dense enough.
  CHECK(second.block_nodes.size() == kWidth + 1);
  CHECK(second.block_sources.size() == kInputs + kWidth);
  CHECK(second.other_nodes.empty());
  const GraphLevel& outputs = graph.levels[2];  // 3 × 15 connections: below a block's minimum
  CHECK(outputs.block_nodes.empty());
  CHECK(outputs.other_nodes.size() == 3);
}

TEST_CASE("Without the option, or without a dense depth, a graph runs connection by connection", "[dense]") {
  CHECK(FeedForwardNetwork(layered_genome()).graph().levels.empty());
  // XOR-sized: 2 inputs and a bias into 2 hidden nodes and an output.
  const Genome small = make_genome({input(0), input(1), bias_node(2), output(3), hidden(4)},
                                   {link(1, 0, 4, 0.5), link(2, 1, 4, -0.5), link(3, 2, 4, 0.1), link(4, 4, 3, 1.0),
                                    link(5, 0, 3, 0.3)});
  CHECK(dense_graph(small).levels.empty());
}

TEST_CASE("Dense levels give the connection-by-connection outputs to rounding, and gradients too", "[dense]") {
  const Genome genome = layered_genome();
  const Eigen::MatrixXd inputs = random_inputs(50, 1);
  FeedForwardNetwork plain(genome), dense(genome, true);
  const Eigen::MatrixXd expected = plain.activate_batch(inputs), got = dense.activate_batch(inputs);
  CHECK((got - expected).cwiseAbs().maxCoeff() < 1e-12);
  CHECK(got != expected);  // another order of addition: not the same bits (else the test shows nothing)

  const Eigen::MatrixXd weights = random_inputs(50, 2).leftCols(3);
  const GraphGradient by_connection = backpropagate(plain.graph(), record_forward(plain.graph(), inputs), weights);
  const GraphGradient by_level = backpropagate(dense.graph(), record_forward(dense.graph(), inputs), weights);
  for (std::size_t n = 0; n < by_connection.node_bias.size(); ++n)
    CHECK(by_level.node_bias[n] == Approx(by_connection.node_bias[n]).epsilon(1e-10).margin(1e-12));
  for (std::size_t e = 0; e < by_connection.edge_weight.size(); ++e)
    CHECK(by_level.edge_weight[e] == Approx(by_connection.edge_weight[e]).epsilon(1e-10).margin(1e-12));
  CHECK((by_level.inputs - by_connection.inputs).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("A row's outputs through dense levels are the same bits in any batch and alone", "[dense]") {
  FeedForwardNetwork network(layered_genome(), true);
  const Eigen::MatrixXd all = random_inputs(100, 3);
  const Eigen::MatrixXd together = network.activate_batch(all);
  for (const Eigen::Index rows : {1, 7, 48, 49, 97}) {
    CAPTURE(rows);
    const Eigen::MatrixXd part = network.activate_batch(all.bottomRows(rows));
    CHECK(part == together.bottomRows(rows));
  }
  std::vector<double> outputs(3);
  for (const Eigen::Index row : {0, 55, 99}) {
    const Eigen::VectorXd one = all.row(row).transpose();
    network.activate(std::span<const double>(one.data(), static_cast<std::size_t>(one.size())), outputs);
    for (Eigen::Index o = 0; o < 3; ++o) CHECK(outputs[static_cast<std::size_t>(o)] == together(row, o));
  }
}

TEST_CASE("The gradient through dense levels matches finite differences", "[dense][gradient]") {
  CompiledGraph graph = dense_graph(layered_genome());
  REQUIRE_FALSE(graph.levels.empty());
  Eigen::MatrixXd inputs = random_inputs(6, 4);
  const Eigen::MatrixXd weights = random_inputs(6, 5).leftCols(3);
  const auto f = [&] { return loss(graph, inputs, weights); };
  const GraphGradient gradient = backpropagate(graph, record_forward(graph, inputs), weights);
  for (std::size_t n = 0; n < graph.computed_count(); ++n) {
    INFO("node " << graph.node_id[n]);
    CHECK(gradient.node_bias[n] == Approx(central_difference(graph.node_bias[n], f)).epsilon(1e-6).margin(1e-8));
  }
  for (std::size_t e = 0; e < graph.edge_weight.size(); e += 7) {  // every 7th of ~1,000 edges
    INFO("edge " << e);
    CHECK(gradient.edge_weight[e] == Approx(central_difference(graph.edge_weight[e], f)).epsilon(1e-6).margin(1e-8));
  }
  for (Eigen::Index i = 0; i < inputs.size(); i += 5)
    CHECK(gradient.inputs.data()[i] == Approx(central_difference(inputs.data()[i], f)).epsilon(1e-6).margin(1e-8));
}

TEST_CASE("Trained image runs with dense layers are identical with 1 and 2 threads and across a resume", "[dense]") {
  ScratchDirectory scratch("dense-runs");
  const std::string run = "run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/digits_trained.json") +
                          " --set population.size=6 --set training.steps=5 --set genome.initial_hidden=24"
                          " --set network.dense_layers=true";
  check_threads_and_resume_agree(run, scratch.path());
  const std::string champion = read_text(scratch / "straight" / "champion.json");
  CHECK_THAT(champion, Catch::Contains("\"dense_layers\": true"));
  // The option is in effect: connection by connection, the same run ends elsewhere.
  run_ok(run + " --set network.dense_layers=false --generations 4 --threads 2 --out " + quoted(scratch / "plain"));
  CHECK(read_text(scratch / "plain" / "champion.json") != champion);
  // eval and train take the champion's network as it ran.
  const CliResult eval = run_cli("eval " + quoted(scratch / "straight"));
  CHECK(eval.exit_code == 0);
  run_ok("train " + quoted(scratch / "straight") + " --steps 2 --out " + quoted(scratch / "trained.json"));
  CHECK_THAT(read_text(scratch / "trained.json"), Catch::Contains("\"dense_layers\": true"));
}

TEST_CASE("Dense layers are refused by key for graphs without depths", "[dense]") {
  const std::string xor_config = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json");
  const CliResult recurrent = run_cli("run " + xor_config + " --set network.dense_layers=true"
                                      " --set genome.feed_forward=false --out /nonexistent/never");
  CHECK(recurrent.exit_code == 2);
  CHECK_THAT(recurrent.output, Catch::Contains("/network/dense_layers: applies to feed-forward graphs"));
  const CliResult ctrnn = run_cli("run " + xor_config + " --set network.dense_layers=true"
                                  " --set network.kind=ctrnn --out /nonexistent/never");
  CHECK(ctrnn.exit_code == 2);
  CHECK_THAT(ctrnn.output, Catch::Contains("/network/dense_layers: applies to graph phenotypes"));
}
