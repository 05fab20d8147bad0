// Reverse-mode gradients of the feed-forward graph: every bias, weight and input against a
// central finite difference, on a graph with a hidden node of every activation and an output
// that feeds another node; the recorded forward pass against the phenotype, to the bit; and
// the map from compiled values back to genes.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

#include "genome/random.hpp"
#include "nets/feed_forward_network.hpp"
#include "nets/graph_gradient.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {


// Inputs 0–2, bias 3; hidden nodes 10.. one per activation, each reading the inputs and the
// bias; the first nine also read the hidden node before them and feed output 4 (tanh), the
// others feed output 5 (identity); hidden node 100 reads output 4, and output 5 also reads
// node 100.
Genome every_activation_genome() {
  RandomStream random(7, 0, 0, Purpose::initial_population);
  auto weight = [&] { return random.uniform(-1.5, 1.5); };
  Genome genome;
  for (NodeId id = 0; id < 3; ++id) genome.insert_node(input(id));
  genome.insert_node(bias_node(3));
  genome.insert_node(output(4, Activation::tanh, weight()));
  genome.insert_node(output(5, Activation::identity, weight()));
  InnovationId innovation = 1;
  auto connect = [&](NodeId from, NodeId to) { genome.insert_connection(link(innovation++, from, to, weight())); };
  NodeId id = 10;
  for (const Activation activation : all_activations()) {
    // The first nine form a chain into output 4 (tanh). The others (exp, cube, inv, ... grow
    // fast and would saturate that tanh) each read the inputs through small weights and feed
    // output 5 (identity) alone.
    const bool chained = activation <= Activation::clamped;
    genome.insert_node(hidden(id, activation, weight()));
    for (NodeId source = 0; source < 4; ++source) {
      connect(source, id);
      if (!chained) genome.connections.back().weight *= 0.4;
    }
    if (id > 10 && chained) connect(id - 1, id);
    connect(id, chained ? 4 : 5);
    ++id;
  }
  genome.insert_node(hidden(100, Activation::sigmoid, weight()));
  connect(4, 100);
  connect(100, 5);
  return genome;
}

Eigen::MatrixXd random_matrix(Eigen::Index rows, Eigen::Index cols, std::uint64_t key) {
  RandomStream random(11, 0, key, Purpose::initial_population);
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = random.uniform(-2.0, 2.0);
  return m;
}

// L = Σ weights ⊙ outputs, so ∂L/∂outputs = weights.
double loss(const CompiledGraph& graph, const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& weights) {
  return (tape_outputs(graph, record_forward(graph, inputs)).array() * weights.array()).sum();
}

}  // namespace

TEST_CASE("The graph's gradient matches finite differences for every bias, weight and input", "[gradient]") {
  const Genome genome = every_activation_genome();
  CompiledGraph graph = FeedForwardNetwork(genome).graph();
  Eigen::MatrixXd inputs = random_matrix(5, 3, 1);
  const Eigen::MatrixXd weights = random_matrix(5, 2, 2);
  const auto f = [&] { return loss(graph, inputs, weights); };

  const GraphGradient gradient = backpropagate(graph, record_forward(graph, inputs), weights);
  REQUIRE(gradient.node_bias.size() == graph.computed_count());
  REQUIRE(gradient.edge_weight.size() == graph.edge_weight.size());
  for (std::size_t n = 0; n < graph.computed_count(); ++n) {
    INFO("node " << graph.node_id[n]);
    CHECK(gradient.node_bias[n] == Approx(central_difference(graph.node_bias[n], f)).epsilon(1e-6).margin(1e-8));
  }
  for (std::size_t e = 0; e < graph.edge_weight.size(); ++e) {
    INFO("edge " << e);
    CHECK(gradient.edge_weight[e] == Approx(central_difference(graph.edge_weight[e], f)).epsilon(1e-6).margin(1e-8));
  }
  for (Eigen::Index i = 0; i < inputs.size(); ++i)
    CHECK(gradient.inputs.data()[i] == Approx(central_difference(inputs.data()[i], f)).epsilon(1e-6).margin(1e-8));
}

TEST_CASE("Every activation's node has a non-zero gradient in the test graph", "[gradient]") {
  // Guards the finite-difference test against passing on dead nodes (a gradient of 0 matches
  // a finite difference of 0).
  const Genome genome = every_activation_genome();
  const CompiledGraph graph = FeedForwardNetwork(genome).graph();
  REQUIRE(graph.computed_count() == all_activations().size() + 3);
  const GraphTape tape = record_forward(graph, random_matrix(5, 3, 1));
  const GraphGradient gradient = backpropagate(graph, tape, random_matrix(5, 2, 2));
  for (std::size_t n = 0; n < graph.computed_count(); ++n) {
    INFO("node " << graph.node_id[n]);
    CHECK(gradient.node_bias[n] != 0.0);
  }
}

TEST_CASE("The recorded forward pass gives the phenotype's outputs to the bit", "[gradient]") {
  const Genome genome = every_activation_genome();
  FeedForwardNetwork network(genome);
  const Eigen::MatrixXd inputs = random_matrix(9, 3, 3);
  CHECK(tape_outputs(network.graph(), record_forward(network.graph(), inputs)) == network.activate_batch(inputs));
}

TEST_CASE("A compiled graph names the gene behind each bias and weight", "[gradient]") {
  const Genome genome = every_activation_genome();
  const CompiledGraph graph = FeedForwardNetwork(genome).graph();
  REQUIRE(graph.node_id.size() == graph.computed_count());
  REQUIRE(graph.edge_connection.size() == graph.edge_weight.size());
  for (std::size_t n = 0; n < graph.computed_count(); ++n)
    CHECK(genome.find_node(graph.node_id[n])->bias == graph.node_bias[n]);
  for (std::size_t e = 0; e < graph.edge_weight.size(); ++e)
    CHECK(genome.connections[graph.edge_connection[e]].weight == graph.edge_weight[e]);
}

TEST_CASE("A gradient of the wrong shape is refused", "[gradient]") {
  const Genome genome = every_activation_genome();
  const CompiledGraph graph = FeedForwardNetwork(genome).graph();
  const GraphTape tape = record_forward(graph, random_matrix(4, 3, 1));
  CHECK_THROWS_AS(backpropagate(graph, tape, Eigen::MatrixXd::Zero(4, 3)), std::invalid_argument);
  CHECK_THROWS_AS(backpropagate(graph, tape, Eigen::MatrixXd::Zero(3, 2)), std::invalid_argument);
  CHECK_THROWS_AS(record_forward(graph, Eigen::MatrixXd::Zero(4, 2)), std::invalid_argument);
}
