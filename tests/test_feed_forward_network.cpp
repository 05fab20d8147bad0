// Feed-forward phenotype: hand-computed outputs of small genomes, pruning of nodes that
// cannot reach an output, the batch path against the row-by-row path, and the errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>
#include <vector>

#include "genome/random.hpp"
#include "nets/compiled_graph.hpp"
#include "nets/feed_forward_network.hpp"
#include "nets/compile_network.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

constexpr double kTight = 1e-12;

// Runs one activation of a network with any number of inputs and outputs.
std::vector<double> run(FeedForwardNetwork& net, std::vector<double> inputs) {
  std::vector<double> outputs(net.output_count());
  net.activate(inputs, outputs);
  return outputs;
}

}  // namespace

TEST_CASE("An identity output sums its weighted inputs", "[feed_forward]") {
  // out = 0.5·x0 − 2·x1 ; (3, 1) → 1.5 − 2 = −0.5
  Genome genome = make_genome({input(0), input(1), output(2)}, {link(1, 0, 2, 0.5), link(2, 1, 2, -2.0)});
  FeedForwardNetwork net(genome);
  CHECK(net.input_count() == 2);
  CHECK(net.output_count() == 1);
  CHECK(run(net, {3.0, 1.0})[0] == -0.5);
  CHECK(run(net, {0.0, 0.0})[0] == 0.0);
  CHECK(run(net, {-2.0, 0.25})[0] == -1.5);  // −1 − 0.5
}

TEST_CASE("A sigmoid output adds its node bias before the activation", "[feed_forward]") {
  // sigmoid(0.5 + 1.5·1) = 1/(1+e^-2) = 0.8807970779778823
  Genome genome = make_genome({input(0), output(1, Activation::sigmoid, 0.5)}, {link(1, 0, 1, 1.5)});
  FeedForwardNetwork net(genome);
  CHECK(run(net, {1.0})[0] == Approx(0.8807970779778823).epsilon(kTight));
  // sigmoid(0.5 + 1.5·(−1/3)) = sigmoid(0) = 0.5
  CHECK(run(net, {-1.0 / 3.0})[0] == Approx(0.5).epsilon(kTight));
}

TEST_CASE("A steep sigmoid output uses slope 4.9", "[feed_forward]") {
  // 1/(1+e^(-4.9·0.5)) = 1/(1+e^-2.45) = 0.9205614508160216
  Genome genome = make_genome({input(0), output(1, Activation::steep_sigmoid)}, {link(1, 0, 1, 1.0)});
  FeedForwardNetwork net(genome);
  CHECK(run(net, {0.5})[0] == Approx(0.9205614508160216).epsilon(kTight));
  CHECK(run(net, {0.0})[0] == 0.5);
}

TEST_CASE("A tanh hidden node feeds a relu output in topological order", "[feed_forward]") {
  // h = tanh(x0 + x1); out = relu(−0.5 + 2·h)
  Genome genome = make_genome({input(0), input(1), output(2, Activation::relu, -0.5), hidden(3, Activation::tanh)},
                              {link(1, 0, 3, 1.0), link(2, 1, 3, 1.0), link(3, 3, 2, 2.0)});
  FeedForwardNetwork net(genome);
  // (0.25, 0.25): h = tanh(0.5) = 0.46211715726000974; out = 2h − 0.5 = 0.4242343145200195
  CHECK(run(net, {0.25, 0.25})[0] == Approx(0.4242343145200195).epsilon(kTight));
  // (−1, 0): h = tanh(−1) < 0, so 2h − 0.5 < 0 and relu gives exactly 0
  CHECK(run(net, {-1.0, 0.0})[0] == 0.0);
}

TEST_CASE("The bias node is a constant 1 that is not counted as an input", "[feed_forward]") {
  // out = 2·x + 0.75·1 ; x = 3 → 6.75
  Genome genome = make_genome({input(0), bias_node(1), output(2)}, {link(1, 0, 2, 2.0), link(2, 1, 2, 0.75)});
  FeedForwardNetwork net(genome);
  CHECK(net.input_count() == 1);
  CHECK(net.graph().bias_count == 1);
  CHECK(run(net, {3.0})[0] == 6.75);
  CHECK(run(net, {0.0})[0] == 0.75);
  // The batch path sees the same constant.
  Eigen::MatrixXd rows(2, 1);
  rows << 3.0, 0.0;
  Eigen::MatrixXd out = net.activate_batch(rows);
  CHECK(out(0, 0) == 6.75);
  CHECK(out(1, 0) == 0.75);
}

TEST_CASE("Inputs take their values in node id order even around the bias node", "[feed_forward]") {
  // Nodes: input 0, bias 1, input 2. The input span is (x0, x2); the bias is not part of it.
  // out = 1·x0 + 10·1 + 100·x2 ; (2, 3) → 2 + 10 + 300 = 312
  Genome genome = make_genome({input(0), bias_node(1), input(2), output(3)},
                              {link(1, 0, 3, 1.0), link(2, 1, 3, 10.0), link(3, 2, 3, 100.0)});
  FeedForwardNetwork net(genome);
  CHECK(net.input_count() == 2);
  CHECK(run(net, {2.0, 3.0})[0] == 312.0);
  Eigen::MatrixXd rows(1, 2);
  rows << 2.0, 3.0;
  CHECK(net.activate_batch(rows)(0, 0) == 312.0);
}

TEST_CASE("Disabled connections contribute nothing", "[feed_forward]") {
  // Only 1·x0 counts; the disabled 100·x1 is ignored: (2, 5) → 2
  Genome genome = make_genome({input(0), input(1), output(2)},
                              {link(1, 0, 2, 1.0), link(2, 1, 2, 100.0, false)});
  FeedForwardNetwork net(genome);
  CHECK(run(net, {2.0, 5.0})[0] == 2.0);
  CHECK(net.graph().edge_weight.size() == 1);
}

TEST_CASE("Hidden nodes that cannot reach an output are pruned", "[feed_forward]") {
  // 3 is a dead end, 4 feeds only the dead end, 5 reaches the output only through a
  // disabled link: none of them is computed. Node 6 reaches the output and is kept.
  Genome genome = make_genome(
      {input(0), output(1), hidden(3), hidden(4), hidden(5), hidden(6)},
      {link(1, 0, 1, 3.0), link(2, 0, 3, 1.0), link(3, 0, 4, 1.0), link(4, 4, 3, 1.0), link(5, 0, 5, 1.0),
       link(6, 5, 1, 1.0, false), link(7, 0, 6, 1.0), link(8, 6, 1, 0.5)});
  FeedForwardNetwork net(genome);
  CHECK(net.graph().computed_count() == 2);  // node 6 and the output
  CHECK(net.graph().slot_count() == 3);      // one input + two computed
  // out = 3x + 0.5·(1·x) = 3.5x
  CHECK(run(net, {2.0})[0] == 7.0);
}

TEST_CASE("A genome with only pruned hidden nodes computes just its outputs", "[feed_forward]") {
  Genome genome = make_genome({input(0), output(1), hidden(2)}, {link(1, 0, 1, -1.0), link(2, 0, 2, 1.0)});
  FeedForwardNetwork net(genome);
  CHECK(net.graph().computed_count() == 1);
  CHECK(run(net, {4.0})[0] == -4.0);
}

TEST_CASE("An output with no incoming connections gives the activation of its bias", "[feed_forward]") {
  // Output 1 is fed, output 2 has nothing: sigmoid(0.3) = 0.574442516811659 whatever the input.
  Genome genome = make_genome({input(0), output(1), output(2, Activation::sigmoid, 0.3)}, {link(1, 0, 1, 2.0)});
  FeedForwardNetwork net(genome);
  REQUIRE(net.output_count() == 2);
  for (double x : {-7.0, 0.0, 5.0}) {
    std::vector<double> out = run(net, {x});
    CHECK(out[0] == 2.0 * x);  // outputs come in node id order
    CHECK(out[1] == Approx(0.574442516811659).epsilon(kTight));
  }
}

TEST_CASE("A cycle that exists only through a disabled connection still compiles", "[feed_forward]") {
  // 2 → 3 enabled, 3 → 2 disabled: acyclic as far as the phenotype is concerned.
  Genome genome = make_genome({input(0), output(1), hidden(2), hidden(3)},
                              {link(1, 0, 2, 1.0), link(2, 2, 3, 2.0), link(3, 3, 2, 5.0, false), link(4, 3, 1, 3.0)});
  FeedForwardNetwork net(genome);
  CHECK(run(net, {1.0})[0] == 6.0);  // x → 1·x → 2·x → 3·(2x) = 6x
}

TEST_CASE("activate_batch gives exactly the row-by-row outputs", "[feed_forward]") {
  // Every activation kind, two outputs, a bias node and node biases.
  Genome genome = make_genome(
      {input(0), input(1), input(2), bias_node(3), output(4, Activation::sigmoid, 0.1),
       output(5, Activation::tanh, -0.2), hidden(6, Activation::relu, 0.3), hidden(7, Activation::gauss),
       hidden(8, Activation::sin, -0.4), hidden(9, Activation::clamped), hidden(10, Activation::abs, 0.2),
       hidden(11, Activation::steep_sigmoid), hidden(12, Activation::identity, 1.5)},
      {link(1, 0, 6, 0.7), link(2, 1, 6, -1.3), link(3, 3, 7, 0.5), link(4, 2, 7, 1.1), link(5, 6, 8, 2.0),
       link(6, 7, 9, 3.0), link(7, 0, 9, -2.5), link(8, 8, 10, -1.7), link(9, 9, 11, 0.9), link(10, 10, 12, 1.2),
       link(11, 11, 4, -0.8), link(12, 12, 4, 0.6), link(13, 10, 5, 1.4), link(14, 1, 5, -0.3),
       link(15, 6, 5, 0.25), link(16, 2, 4, 0.45)});
  FeedForwardNetwork net(genome);
  REQUIRE(net.graph().computed_count() == 9);

  RandomStream random(20240601);
  Eigen::MatrixXd rows(64, 3);
  for (Eigen::Index r = 0; r < rows.rows(); ++r)
    for (Eigen::Index c = 0; c < rows.cols(); ++c) rows(r, c) = random.uniform(-3.0, 3.0);
  const Eigen::MatrixXd batch = net.activate_batch(rows);
  REQUIRE(batch.rows() == 64);
  REQUIRE(batch.cols() == 2);
  for (Eigen::Index r = 0; r < rows.rows(); ++r) {
    std::vector<double> out = run(net, {rows(r, 0), rows(r, 1), rows(r, 2)});
    CHECK(batch(r, 0) == out[0]);
    CHECK(batch(r, 1) == out[1]);
  }
}

TEST_CASE("A genome with a cycle among reachable nodes cannot compile feed-forward", "[feed_forward]") {
  Genome two_cycle = make_genome({input(0), output(1), hidden(2), hidden(3)},
                                 {link(1, 0, 2, 1.0), link(2, 2, 3, 1.0), link(3, 3, 2, 1.0), link(4, 3, 1, 1.0)});
  CHECK_THROWS_AS(FeedForwardNetwork(two_cycle), std::invalid_argument);
  CHECK_THROWS_AS(compile_network(two_cycle, true), std::invalid_argument);
  CHECK_NOTHROW(compile_network(two_cycle, false));

  Genome self_loop = make_genome({input(0), output(1)}, {link(1, 0, 1, 1.0), link(2, 1, 1, 0.5)});
  CHECK_THROWS_AS(FeedForwardNetwork(self_loop), std::invalid_argument);
}

TEST_CASE("Wrong input or output sizes throw invalid_argument", "[feed_forward]") {
  Genome genome = make_genome({input(0), input(1), output(2)}, {link(1, 0, 2, 1.0), link(2, 1, 2, 1.0)});
  FeedForwardNetwork net(genome);
  std::array<double, 1> one{1.0};
  std::array<double, 2> two{1.0, 2.0};
  std::array<double, 3> three{1.0, 2.0, 3.0};
  std::array<double, 1> out{};
  std::array<double, 2> out_too_big{};
  CHECK_THROWS_AS(net.activate(one, out), std::invalid_argument);
  CHECK_THROWS_AS(net.activate(three, out), std::invalid_argument);
  CHECK_THROWS_AS(net.activate(two, out_too_big), std::invalid_argument);
  CHECK_THROWS_AS(net.activate_batch(Eigen::MatrixXd::Zero(4, 3)), std::invalid_argument);
  CHECK_THROWS_AS(net.activate_batch(Eigen::MatrixXd::Zero(4, 1)), std::invalid_argument);
  net.activate(two, out);
  CHECK(out[0] == 3.0);
}

TEST_CASE("a NaN reaching a relu node gives the same output in activate and activate_batch", "[feed_forward]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Genome genome = make_genome({input(0), output(1, Activation::relu)}, {link(1, 0, 1, 1.0)});
  FeedForwardNetwork net(genome);
  std::vector<double> in{nan}, out(1);
  net.activate(in, out);
  const double batch = net.activate_batch(Eigen::MatrixXd::Constant(1, 1, nan))(0, 0);
  CHECK(out[0] == 0.0);
  CHECK(batch == 0.0);
}

// A compiled graph keeps its arrays in one block it owns (nets/compiled_graph.hpp): a copy must
// get a block of its own with the same values, and a move must hand the block over.
TEST_CASE("A compiled graph's copy owns its own arrays and a move hands them over", "[feed_forward]") {
  Genome genome = make_genome({input(0), input(1), output(2, Activation::relu, -0.5), hidden(3, Activation::tanh)},
                              {link(1, 0, 3, 1.0), link(2, 1, 3, 1.0), link(3, 3, 2, 2.0), link(4, 0, 2, 0.25)});
  genome.nodes[3].aggregation = Aggregation::max;  // the hidden node: aggregation and response arrays too
  genome.nodes[3].response = 0.5;
  const CompiledGraph original = compile_graph(genome, NodeOrder::topological);
  REQUIRE(original.computed_count() == 2);
  REQUIRE(original.node_aggregation.size() == 2);
  REQUIRE(original.node_response.size() == 2);
  REQUIRE(original.edge_weight.size() == 4);
  const auto same_values = [](const CompiledGraph& a, const CompiledGraph& b) {
    const auto equal = [](auto x, auto y) { return std::equal(x.begin(), x.end(), y.begin(), y.end()); };
    return a.input_count == b.input_count && a.bias_count == b.bias_count && equal(a.node_bias, b.node_bias) &&
           equal(a.node_activation, b.node_activation) && equal(a.edge_begin, b.edge_begin) &&
           equal(a.edge_source, b.edge_source) && equal(a.edge_weight, b.edge_weight) &&
           equal(a.output_slots, b.output_slots) && equal(a.node_id, b.node_id) &&
           equal(a.edge_connection, b.edge_connection) && equal(a.node_aggregation, b.node_aggregation) &&
           equal(a.node_response, b.node_response);
  };

  CompiledGraph copy = original;
  CHECK(same_values(copy, original));
  CHECK(copy.edge_weight.data() != original.edge_weight.data());
  copy.edge_weight[0] = 7.0;
  copy.node_bias[1] = -3.0;
  copy.node_response[0] = 2.0;
  CHECK(original.edge_weight[0] != 7.0);
  CHECK(original.node_bias[1] != -3.0);
  CHECK(original.node_response[0] != 2.0);
  CHECK(copy.node_response.data() != original.node_response.data());

  CompiledGraph assigned;
  assigned = original;
  CHECK(same_values(assigned, original));
  assigned = assigned;  // NOLINT: self-assignment keeps the arrays
  CHECK(same_values(assigned, original));

  const double* weights = assigned.edge_weight.data();
  CompiledGraph moved = std::move(assigned);
  CHECK(moved.edge_weight.data() == weights);
  CHECK(same_values(moved, original));
  CHECK(assigned.edge_weight.empty());  // NOLINT: the moved-from graph holds nothing
  CHECK(assigned.node_bias.empty());    // NOLINT
}
