// Node genes with an aggregation and a response, as neat-python has them:
//   output = act(bias + response · agg(w_1 x_1, ..., w_k x_k)).
// Each aggregation's exact values and slopes; phenotypes (single, batch, recurrent) computing
// that formula; gradients through it against finite differences; JSON and packed round trips
// that leave genomes of original NEAT nodes as they were; the mutations, the start genome and
// the node term of the compatibility distance.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "genome/compatibility.hpp"
#include "genome/genome_json.hpp"
#include "genome/initial_genome.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/mutation.hpp"
#include "genome/node_layout.hpp"
#include "genome/packed_genes.hpp"
#include "genome/random.hpp"
#include "nets/aggregation_functions.hpp"
#include "nets/feed_forward_network.hpp"
#include "nets/graph_gradient.hpp"
#include "nets/recurrent_network.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

double aggregated(Aggregation aggregation, std::vector<double> terms) { return aggregate(aggregation, terms); }

std::vector<double> slopes_of(Aggregation aggregation, const std::vector<double>& terms) {
  std::vector<double> slopes(terms.size());
  aggregation_slopes(aggregation, terms, slopes);
  return slopes;
}

std::vector<double> run(Network& network, std::vector<double> inputs) {
  std::vector<double> outputs(network.output_count());
  network.activate(inputs, outputs);
  return outputs;
}

NodeGene with(NodeGene node, Aggregation aggregation, double response) {
  node.aggregation = aggregation;
  node.response = response;
  return node;
}

// Inputs 0-2, bias 3, hidden nodes 10.. (one per aggregation, responses 0.5, -1.5, 2, ...),
// each reading the inputs, the bias and the hidden node before it; output 4 (tanh, product
// aggregation, response 0.7) reads every hidden node, output 5 (identity, max) the last two.
Genome every_aggregation_genome() {
  RandomStream random(3, 0, 0, Purpose::initial_population);
  auto weight = [&] { return random.uniform(-1.5, 1.5); };
  Genome genome;
  for (NodeId id = 0; id < 3; ++id) genome.insert_node(input(id));
  genome.insert_node(bias_node(3));
  genome.insert_node(with(output(4, Activation::tanh, weight()), Aggregation::product, 0.7));
  genome.insert_node(with(output(5, Activation::identity, weight()), Aggregation::max, -1.2));
  InnovationId innovation = 1;
  auto connect = [&](NodeId from, NodeId to) { genome.insert_connection(link(innovation++, from, to, weight())); };
  NodeId id = 10;
  const double responses[] = {0.5, -1.5, 2.0, 1.0, 0.25, 3.0, -0.75};
  for (const Aggregation aggregation : kAggregationNames.values()) {
    genome.insert_node(with(hidden(id, Activation::tanh, weight()), aggregation, responses[id - 10]));
    for (NodeId source = 0; source < 4; ++source) connect(source, id);
    if (id > 10) connect(id - 1, id);
    connect(id, 4);
    ++id;
  }
  connect(id - 2, 5);
  connect(id - 1, 5);
  return genome;
}

Eigen::MatrixXd random_inputs(Eigen::Index rows, std::uint64_t key) {
  RandomStream random(5, 0, key, Purpose::initial_population);
  Eigen::MatrixXd m(rows, 3);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = random.uniform(-2.0, 2.0);
  return m;
}

}  // namespace

TEST_CASE("Each aggregation gives its value", "[node genes]") {
  const std::vector<double> terms{3.0, -4.0, 0.5, 2.0};
  CHECK(aggregated(Aggregation::sum, terms) == 1.5);
  CHECK(aggregated(Aggregation::product, terms) == -12.0);
  CHECK(aggregated(Aggregation::max, terms) == 3.0);
  CHECK(aggregated(Aggregation::min, terms) == -4.0);
  CHECK(aggregated(Aggregation::maxabs, terms) == -4.0);  // the largest magnitude, its sign kept
  CHECK(aggregated(Aggregation::median, terms) == 1.25);   // even count: the mean of 0.5 and 2
  CHECK(aggregated(Aggregation::median, {3.0, -4.0, 0.5}) == 0.5);
  CHECK(aggregated(Aggregation::median, {3.0, -4.0}) == -0.5);
  CHECK(aggregated(Aggregation::mean, terms) == 0.375);
}

TEST_CASE("Without inputs product gives 1 and every other aggregation 0, as in neat-python", "[node genes]") {
  for (Aggregation aggregation : kAggregationNames.values()) {
    INFO(kAggregationNames.name(aggregation));
    CHECK(aggregated(aggregation, {}) == (aggregation == Aggregation::product ? 1.0 : 0.0));
  }
}

TEST_CASE("Aggregation slopes: exact where one term is picked, products of the others", "[node genes][gradient]") {
  const std::vector<double> terms{3.0, -4.0, 0.5, 2.0};
  CHECK(slopes_of(Aggregation::sum, terms) == std::vector<double>{1, 1, 1, 1});
  CHECK(slopes_of(Aggregation::mean, terms) == std::vector<double>{0.25, 0.25, 0.25, 0.25});
  CHECK(slopes_of(Aggregation::product, terms) == std::vector<double>{-4.0, 3.0, -24.0, -6.0});
  CHECK(slopes_of(Aggregation::product, {2.0, 0.0, 5.0}) == std::vector<double>{0.0, 10.0, 0.0});  // exact at a zero
  CHECK(slopes_of(Aggregation::max, terms) == std::vector<double>{1, 0, 0, 0});
  CHECK(slopes_of(Aggregation::min, terms) == std::vector<double>{0, 1, 0, 0});
  CHECK(slopes_of(Aggregation::maxabs, terms) == std::vector<double>{0, 1, 0, 0});
  CHECK(slopes_of(Aggregation::median, terms) == std::vector<double>{0, 0, 0.5, 0.5});
  CHECK(slopes_of(Aggregation::median, {3.0, -4.0, 0.5}) == std::vector<double>{0, 0, 1});
  CHECK(slopes_of(Aggregation::max, {2.0, 2.0}) == std::vector<double>{1, 0});  // a tie goes to the first
}

TEST_CASE("A node computes act(bias + response · agg(w·x))", "[node genes]") {
  // out 3 = tanh(0.2 + 0.5 · (1.5·x0) · (-2·x1)); hidden 4 = max(x0, -x1) with response -2 and
  // identity, into out 5 (sum, response 1) with weight 0.25.
  const Genome genome = make_genome(
      {input(0), input(1), with(output(3, Activation::tanh, 0.2), Aggregation::product, 0.5),
       with(hidden(4, Activation::identity, 0.1), Aggregation::max, -2.0), output(5)},
      {link(1, 0, 3, 1.5), link(2, 1, 3, -2.0), link(3, 0, 4, 1.0), link(4, 1, 4, -1.0), link(5, 4, 5, 0.25)});
  FeedForwardNetwork network(genome);
  const std::vector<double> out = run(network, {0.4, 0.3});
  CHECK(out[0] == Approx(std::tanh(0.2 + 0.5 * (1.5 * 0.4) * (-2.0 * 0.3))).epsilon(1e-15));
  CHECK(out[1] == Approx(0.25 * (0.1 - 2.0 * 0.4)).epsilon(1e-15));
}

TEST_CASE("The batch path gives each row the single-instance values to the bit", "[node genes]") {
  const Genome genome = every_aggregation_genome();
  FeedForwardNetwork network(genome);
  const Eigen::MatrixXd inputs = random_inputs(9, 1);
  const Eigen::MatrixXd batch = network.activate_batch(inputs);
  for (Eigen::Index r = 0; r < inputs.rows(); ++r) {
    const std::vector<double> row{inputs(r, 0), inputs(r, 1), inputs(r, 2)};
    const std::vector<double> single = run(network, row);
    CHECK(batch(r, 0) == single[0]);
    CHECK(batch(r, 1) == single[1]);
  }
}

TEST_CASE("A recurrent network applies response and aggregation in every step", "[node genes]") {
  // hidden 2 = identity(0 + 0.5 · max(x, self)); self-loop weight 1, output reads it.
  const Genome genome = make_genome(
      {input(0), with(hidden(2), Aggregation::max, 0.5), output(3)},
      {link(1, 0, 2, 1.0), link(2, 2, 2, 1.0), link(3, 2, 3, 1.0)});
  RecurrentNetwork network(genome);
  // A synchronous step: every node reads the state of the step before.
  CHECK(run(network, {4.0})[0] == 0.0);   // h = 0.5 · max(4, 0) = 2; out reads h = 0
  CHECK(run(network, {1.0})[0] == 2.0);   // h = 0.5 · max(1, 2) = 1
  CHECK(run(network, {-3.0})[0] == 1.0);  // h = 0.5 · max(-3, 1) = 0.5
  CHECK(run(network, {0.0})[0] == 0.5);
}

TEST_CASE("Gradients through every aggregation and response match finite differences", "[node genes][gradient]") {
  const Genome genome = every_aggregation_genome();
  CompiledGraph graph = FeedForwardNetwork(genome).graph();
  Eigen::MatrixXd inputs = random_inputs(6, 2);
  Eigen::MatrixXd weights = random_inputs(6, 3).leftCols(2);
  const auto loss = [&] { return (tape_outputs(graph, record_forward(graph, inputs)).array() * weights.array()).sum(); };
  const GraphGradient gradient = backpropagate(graph, record_forward(graph, inputs), weights);
  for (std::size_t n = 0; n < graph.computed_count(); ++n) {
    INFO("node " << graph.node_id[n]);
    CHECK(gradient.node_bias[n] == Approx(central_difference(graph.node_bias[n], loss)).epsilon(1e-6).margin(1e-8));
  }
  std::size_t nonzero = 0;
  for (std::size_t e = 0; e < graph.edge_weight.size(); ++e) {
    INFO("edge " << e);
    CHECK(gradient.edge_weight[e] == Approx(central_difference(graph.edge_weight[e], loss)).epsilon(1e-6).margin(1e-8));
    nonzero += gradient.edge_weight[e] != 0.0;
  }
  for (Eigen::Index i = 0; i < inputs.size(); ++i)
    CHECK(gradient.inputs.data()[i] == Approx(central_difference(inputs.data()[i], loss)).epsilon(1e-6).margin(1e-8));
  // max, min, maxabs and median pass no gradient to the terms they do not pick: the check above
  // must not pass on a graph where everything is 0.
  CHECK(nonzero > graph.edge_weight.size() / 2);
}

TEST_CASE("A genome of original NEAT nodes is written as before, in JSON and packed", "[node genes][json]") {
  const Genome genome = make_genome({input(0), output(1, Activation::sigmoid, 0.5)}, {link(1, 0, 1, 2.0)});
  const auto objects = genome_to_json(genome, GeneLists::objects);
  CHECK_FALSE(objects["nodes"][1].contains("aggregation"));
  CHECK_FALSE(objects["nodes"][1].contains("response"));
  CHECK_FALSE(genome_to_json(genome, GeneLists::packed).contains("aggregations_and_responses"));
}

TEST_CASE("Aggregations and responses survive JSON and packed round trips bit for bit", "[node genes][json]") {
  const Genome genome = every_aggregation_genome();
  for (GeneLists lists : {GeneLists::objects, GeneLists::packed}) {
    const auto document = genome_to_json(genome, lists);
    const Genome back = genome_from_json(lists == GeneLists::packed ? document : nlohmann::json::parse(document.dump()));
    CHECK(back.nodes == genome.nodes);
    CHECK(back.connections == genome.connections);
  }
  const auto objects = genome_to_json(genome, GeneLists::objects);
  CHECK(objects["nodes"][4]["aggregation"] == "product");
  CHECK(objects["nodes"][4]["response"] == 0.7);
}

TEST_CASE("Bad aggregations and packed records are refused by name", "[node genes][json]") {
  auto document = genome_to_json(every_aggregation_genome(), GeneLists::objects);
  document["nodes"][4]["aggregation"] = "softmax";
  CHECK_THROWS_WITH(genome_from_json(document),
                    "/nodes/4/aggregation: expected one of sum, product, max, min, maxabs, median, mean, got \"softmax\"");
  document["nodes"][4]["aggregation"] = "sum";
  document["nodes"][4]["response"] = "one";
  CHECK_THROWS_WITH(genome_from_json(document), Catch::Contains("/nodes/4/response: wrong type"));

  auto packed = genome_to_json(every_aggregation_genome(), GeneLists::packed);
  auto bytes = packed["aggregations_and_responses"].get_binary();
  bytes.resize(bytes.size() - 9);
  packed["aggregations_and_responses"] = nlohmann::json::binary(bytes);
  CHECK_THROWS_WITH(genome_from_json(packed), Catch::Contains("records for 13 nodes"));
  bytes.push_back(7);  // aggregation code 7 does not exist
  for (int i = 0; i < 8; ++i) bytes.push_back(0);
  packed["aggregations_and_responses"] = nlohmann::json::binary(bytes);
  CHECK_THROWS_WITH(genome_from_json(packed), Catch::Contains("aggregation code 7 is not one of 0-6"));
}

TEST_CASE("Response mutation perturbs hidden and output nodes within the range, and draws nothing at rate 0",
          "[node genes][mutation]") {
  GenomeConfig config;
  Genome genome = every_aggregation_genome();
  RandomStream untouched(9, 1, 2, Purpose::reproduction), reference(9, 1, 2, Purpose::reproduction);
  mutate_responses(genome, config, untouched);
  CHECK(genome.nodes == every_aggregation_genome().nodes);
  CHECK(untouched.uniform() == reference.uniform());  // the stream has not moved

  config.response.mutate_rate = 1.0;
  config.response.mutate_power = 5.0;
  config.response.min_value = -2.0;
  config.response.max_value = 2.5;
  RandomStream random(9, 1, 3, Purpose::reproduction);
  mutate_responses(genome, config, random);
  std::size_t changed = 0;
  const Genome before = every_aggregation_genome();
  for (std::size_t i = 0; i < genome.nodes.size(); ++i) {
    const NodeGene& node = genome.nodes[i];
    if (node.kind == NodeKind::input || node.kind == NodeKind::bias) {
      CHECK(node.response == 1.0);
      continue;
    }
    CHECK(node.response >= -2.0);
    CHECK(node.response <= 2.5);
    changed += node.response != before.nodes[i].response;
  }
  CHECK(changed == 9);
}

TEST_CASE("Aggregation mutation gives one hidden node an aggregation from the options", "[node genes][mutation]") {
  GenomeConfig config;
  config.aggregation_options = {Aggregation::median};
  Genome genome = every_aggregation_genome();
  RandomStream random(4, 1, 1, Purpose::reproduction);
  std::size_t changes = 0;
  for (int i = 0; i < 50; ++i) changes += mutate_aggregation(genome, config, random);
  std::size_t medians = 0;
  for (const NodeGene& node : genome.nodes) {
    if (node.kind == NodeKind::hidden) medians += node.aggregation == Aggregation::median;
    if (node.kind == NodeKind::output) CHECK(node.aggregation != Aggregation::median);  // outputs keep theirs
  }
  CHECK(medians == 7);
  CHECK(changes == 6);  // the median node never changes
}

TEST_CASE("Start genomes take the configured aggregations and responses drawn in the range", "[node genes]") {
  NeatConfig neat = xor_config(1);
  GenomeConfig& config = neat.genome;
  config.initial_hidden = 3;
  config.hidden_aggregation = Aggregation::product;
  config.output_aggregation = Aggregation::mean;
  config.response.init_mean = 1.0;
  config.response.init_stdev = 2.0;
  config.response.min_value = 0.0;
  config.response.max_value = 2.0;
  const auto innovations = make_innovation_policy(neat.innovation_policy, NodeLayout(config).first_free_node);
  RandomStream random(1, 0, 0, Purpose::initial_population);
  const Genome genome = make_initial_genome(1, config, *innovations, random);
  std::set<double> responses;
  for (const NodeGene& node : genome.nodes) {
    if (node.kind == NodeKind::hidden) CHECK(node.aggregation == Aggregation::product);
    if (node.kind == NodeKind::output) CHECK(node.aggregation == Aggregation::mean);
    if (node.kind != NodeKind::hidden && node.kind != NodeKind::output) continue;
    CHECK(node.response >= 0.0);
    CHECK(node.response <= 2.0);
    responses.insert(node.response);
  }
  CHECK(responses.size() >= 2);
}

TEST_CASE("The node term of the distance is the mean difference of shared computed nodes", "[node genes][speciation]") {
  Genome a = make_genome({input(0), output(1, Activation::sigmoid, 0.5), hidden(2, Activation::tanh, 0.0)},
                         {link(1, 0, 1, 1.0)});
  Genome b = a;
  b.nodes[1].bias = -0.5;                         // node 1: |Δbias| 1
  b.nodes[1].response = 3.0;                      //         |Δresponse| 2
  b.nodes[2].activation = Activation::relu;       // node 2: activation differs 1
  b.nodes[2].aggregation = Aggregation::product;  //         aggregation differs 1
  CHECK(mean_node_difference(a, b) == 2.5);       // (3 + 2) / 2; the input node does not count
  GenomeConfig config;
  const double paper = compatibility_distance(a, b, config);
  CHECK(paper == 0.0);  // same connections: the paper's δ does not see nodes
  config.node_coefficient = 0.4;
  CHECK(compatibility_distance(a, b, config) == Approx(1.0));
}

TEST_CASE("A node added by a split starts at the response mean, held within the range", "[node genes][mutation]") {
  NeatConfig neat = xor_config(1);
  neat.genome.hidden_aggregation = Aggregation::max;
  neat.genome.response.init_mean = 100.0;  // outside the default range [-30, 30]
  const auto innovations = make_innovation_policy(neat.innovation_policy, NodeLayout(neat.genome).first_free_node);
  RandomStream random(2, 0, 0, Purpose::initial_population);
  Genome genome = make_initial_genome(1, neat.genome, *innovations, random);
  MutationContext context{neat.genome, *innovations, random};
  REQUIRE(mutate_add_node(genome, context));
  const auto added = std::find_if(genome.nodes.begin(), genome.nodes.end(),
                                  [](const NodeGene& node) { return node.kind == NodeKind::hidden; });
  REQUIRE(added != genome.nodes.end());
  CHECK(added->response == 30.0);
  CHECK(added->aggregation == Aggregation::max);
}
