// The start genome: fixed nodes and the three initial-connectivity options.
#include <catch2/catch.hpp>

#include "genome/genome_invariants.hpp"
#include "genome/initial_genome.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/node_layout.hpp"

using namespace convneat;

namespace {

GenomeConfig three_by_two(InitialConnectivity connectivity) {
  GenomeConfig config;
  config.num_inputs = 3;
  config.num_outputs = 2;
  config.initial_connectivity = connectivity;
  return config;
}

}  // namespace

TEST_CASE("the node layout numbers inputs, then the bias node, then outputs") {
  const NodeLayout layout(three_by_two(InitialConnectivity::full));
  CHECK(layout.inputs == std::vector<NodeId>{0, 1, 2});
  CHECK(layout.bias == std::vector<NodeId>{3});
  CHECK(layout.outputs == std::vector<NodeId>{4, 5});
  CHECK(layout.first_free_node == 6);
}

TEST_CASE("full connectivity links every input and the bias to every output, and none links nothing") {
  GenomeConfig config = three_by_two(InitialConnectivity::full);
  auto policy = make_innovation_policy(InnovationPolicyKind::fresh, NodeLayout(config).first_free_node);
  RandomStream random(1, 0, 0, Purpose::initial_population);
  const Genome full = make_initial_genome(0, config, *policy, random);
  CHECK(full.nodes.size() == 6);
  CHECK(full.connections.size() == 8);  // (3 inputs + bias) × 2 outputs
  for (NodeId in : {0, 1, 2, 3})
    for (NodeId out : {4, 5}) CHECK(full.find_connection(in, out) != nullptr);
  CHECK(invariant_violations(full, true).empty());

  config.initial_connectivity = InitialConnectivity::none;
  const Genome empty = make_initial_genome(1, config, *policy, random);
  CHECK(empty.nodes.size() == 6);
  CHECK(empty.connections.empty());
}

TEST_CASE("a start hidden layer sits between inputs and outputs, numbered after the outputs, shared by every genome") {
  GenomeConfig config = three_by_two(InitialConnectivity::full);
  config.initial_hidden = 4;
  config.hidden_activation = Activation::relu;
  const NodeLayout layout(config);
  CHECK(layout.outputs == std::vector<NodeId>{4, 5});
  CHECK(layout.hidden == std::vector<NodeId>{6, 7, 8, 9});
  CHECK(layout.first_free_node == 10);  // nodes added by mutation come after them
  auto policy = make_innovation_policy(InnovationPolicyKind::per_generation, layout.first_free_node);
  RandomStream random(1, 0, 0, Purpose::initial_population);
  const Genome first = make_initial_genome(0, config, *policy, random);
  const Genome second = make_initial_genome(1, config, *policy, random);
  CHECK(first.nodes.size() == 10);
  for (NodeId h : layout.hidden) {
    REQUIRE(first.find_node(h) != nullptr);
    CHECK(first.find_node(h)->kind == NodeKind::hidden);
    CHECK(first.find_node(h)->activation == Activation::relu);
  }
  CHECK(first.connections.size() == 4 * 4 + 5 * 2);  // (3 inputs + bias) × 4 hidden, (4 hidden + bias) × 2 outputs
  for (NodeId in : {0, 1, 2, 3})
    for (NodeId h : layout.hidden) CHECK(first.find_connection(in, h) != nullptr);
  for (NodeId h : {6, 7, 8, 9, 3})
    for (NodeId out : {4, 5}) CHECK(first.find_connection(h, out) != nullptr);
  for (NodeId in : {0, 1, 2})
    for (NodeId out : {4, 5}) CHECK(first.find_connection(in, out) == nullptr);  // no direct links
  CHECK(invariant_violations(first, true).empty());
  REQUIRE(second.connections.size() == first.connections.size());
  for (std::size_t i = 0; i < first.connections.size(); ++i) {  // one start structure, weights of their own
    CHECK(second.connections[i].innovation == first.connections[i].innovation);
    CHECK(second.connections[i].weight != first.connections[i].weight);
  }
}

TEST_CASE("partial connectivity keeps each start link with the configured probability") {
  GenomeConfig config = three_by_two(InitialConnectivity::partial);
  config.initial_connection_fraction = 0.3;
  auto policy = make_innovation_policy(InnovationPolicyKind::per_generation, NodeLayout(config).first_free_node);
  RandomStream random(5, 0, 0, Purpose::initial_population);
  std::size_t kept = 0;
  const std::size_t genomes = 2000;
  for (GenomeId id = 0; id < genomes; ++id) {
    const Genome genome = make_initial_genome(id, config, *policy, random);
    kept += genome.connections.size();
    for (const ConnectionGene& c : genome.connections)  // ids are those of the full start structure
      CHECK(c.innovation == policy->initial_connection(c.in, c.out));
  }
  const double fraction = static_cast<double>(kept) / static_cast<double>(genomes * 8);
  CHECK(fraction > 0.28);  // 16,000 Bernoulli(0.3) draws: stdev 0.0036, so ±0.02 is > 5 sigma
  CHECK(fraction < 0.32);
}
