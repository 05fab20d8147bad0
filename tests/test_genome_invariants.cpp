// Invariants after long random sequences of mutation and crossover, for every innovation
// policy, in feed-forward and recurrent genomes: ids unique, no duplicate (in, out) pair,
// every connection's nodes exist, no cycle when feed-forward.
#include <catch2/catch.hpp>

#include <string>

#include "genome/crossover.hpp"
#include "genome/genome_invariants.hpp"
#include "genome/initial_genome.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/mutation.hpp"
#include "genome/node_layout.hpp"

using namespace convneat;

namespace {

GenomeConfig stress_config(bool feed_forward) {
  GenomeConfig config;
  config.num_inputs = 3;
  config.num_outputs = 2;
  config.feed_forward = feed_forward;
  config.add_connection_rate = 0.5;
  config.add_node_rate = 0.3;
  config.delete_connection_rate = 0.1;
  config.delete_node_rate = 0.05;
  config.toggle_enabled_rate = 0.2;
  config.activation_mutate_rate = 0.2;
  config.activation_options = {Activation::tanh, Activation::relu, Activation::sin};
  config.bias_mutate_rate = 0.5;
  return config;
}

std::string describe(const std::vector<std::string>& problems) {
  std::string text;
  for (const auto& p : problems) text += p + "; ";
  return text;
}

}  // namespace

TEST_CASE("10,000 random mutations and crossovers never break a genome's invariants") {
  const auto policy = GENERATE(InnovationPolicyKind::fresh, InnovationPolicyKind::per_generation,
                               InnovationPolicyKind::persistent, InnovationPolicyKind::node_pair);
  const bool feed_forward = GENERATE(true, false);
  CAPTURE(policy_name(policy), feed_forward);

  const GenomeConfig config = stress_config(feed_forward);
  auto innovations = make_innovation_policy(policy, NodeLayout(config).first_free_node);
  RandomStream random(42, 0, 0, Purpose::reproduction);
  std::vector<Genome> pool;
  for (GenomeId id = 0; id < 20; ++id) pool.push_back(make_initial_genome(id, config, *innovations, random));

  std::size_t crossovers = 0, structural_changes = 0;
  for (int step = 0; step < 10000; ++step) {
    if (step % 200 == 0) innovations->begin_generation();
    Genome& target = pool[random.index(pool.size())];
    if (random.chance(0.3)) {
      const Genome& a = pool[random.index(pool.size())];
      const Genome& b = pool[random.index(pool.size())];
      Genome child = crossover(a, b, config, random);
      child.fitness = random.uniform();
      target = std::move(child);
      ++crossovers;
    } else {
      const std::size_t genes_before = target.connections.size() + target.nodes.size();
      MutationContext context{config, *innovations, random};
      mutate(target, context);
      target.fitness = random.uniform();
      structural_changes += genes_before != target.connections.size() + target.nodes.size();
    }
    const auto problems = invariant_violations(target, feed_forward);
    INFO("step " << step << ": " << describe(problems));
    REQUIRE(problems.empty());
  }
  // The sequence must really have exercised both operators.
  CHECK(crossovers > 2000);
  CHECK(structural_changes > 3000);
}

TEST_CASE("the invariant checker reports each kind of broken genome") {
  Genome genome;
  genome.nodes = {{0, NodeKind::input, Activation::identity, 0}, {1, NodeKind::output, Activation::identity, 0},
                  {2, NodeKind::hidden, Activation::identity, 0}};
  genome.connections = {{0, 0, 1, 1.0, true}};
  REQUIRE(invariant_violations(genome, true).empty());

  SECTION("duplicate (in, out) pair") {
    genome.connections.push_back({1, 0, 1, 2.0, true});
    CHECK(invariant_violations(genome, true).size() == 1);
  }
  SECTION("missing node") {
    genome.connections.push_back({1, 0, 7, 2.0, true});
    CHECK(invariant_violations(genome, true).size() == 1);
  }
  SECTION("cycle in a feed-forward genome, allowed when recurrent") {
    genome.connections.push_back({1, 1, 2, 1.0, false});
    genome.connections.push_back({2, 2, 1, 1.0, true});
    CHECK(invariant_violations(genome, true).size() == 1);
    CHECK(invariant_violations(genome, false).empty());
  }
  SECTION("unsorted ids") {
    genome.connections.insert(genome.connections.begin(), {5, 2, 1, 1.0, true});
    CHECK(invariant_violations(genome, true).size() == 1);
  }
  SECTION("connection into an input") {
    genome.connections.push_back({1, 2, 0, 1.0, true});
    CHECK(invariant_violations(genome, false).size() == 1);
  }
}
