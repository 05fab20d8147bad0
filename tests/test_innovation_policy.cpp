// Each innovation-record policy does what the table in genome/innovation/innovation_policy.hpp says.
#include <catch2/catch.hpp>

#include "genome/initial_genome.hpp"
#include "genome/mutation.hpp"
#include "genome/node_layout.hpp"
#include "genome/innovation/node_pair_policy.hpp"
#include "test_support.hpp"

using namespace convneat;

namespace {

struct SplitIds {
  NodeId node;
  InnovationId into, out_of;
  bool operator==(const SplitIds&) const = default;
};

// Splits the connection a -> b of `genome` the way mutate_add_node does, returning the ids.
SplitIds split(Genome& genome, InnovationPolicy& policy, NodeId a, NodeId b) {
  ConnectionGene* connection = genome.find_connection(a, b);
  REQUIRE(connection != nullptr);
  connection->enabled = false;
  const ConnectionGene old = *connection;
  const NodeId node = policy.split_node(old, genome);
  REQUIRE_FALSE(genome.has_node(node));
  genome.insert_node({node, NodeKind::hidden, Activation::sigmoid, 0.0});
  const InnovationId into = policy.new_connection(old.in, node);
  const InnovationId out_of = policy.new_connection(node, old.out);
  genome.insert_connection({into, old.in, node, 1.0, true});
  genome.insert_connection({out_of, node, old.out, old.weight, true});
  return {node, into, out_of};
}

// Default config: inputs 0, 1; bias 2; output 3.
using Fixture = testing::PolicyFixture;

}  // namespace

TEST_CASE("start genomes share their connection ids under every policy") {
  const auto kind = GENERATE(InnovationPolicyKind::fresh, InnovationPolicyKind::per_generation,
                             InnovationPolicyKind::persistent, InnovationPolicyKind::node_pair);
  Fixture f(kind);
  REQUIRE(f.first.connections.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(f.first.connections[i].innovation == f.second.connections[i].innovation);
}

TEST_CASE("two genomes splitting the same connection in one generation") {
  SECTION("share node and connection ids under per_generation and persistent") {
    const auto kind = GENERATE(InnovationPolicyKind::per_generation, InnovationPolicyKind::persistent);
    Fixture f(kind);
    CHECK(split(f.first, *f.policy, 0, 3) == split(f.second, *f.policy, 0, 3));
  }
  SECTION("get different ids under fresh") {
    Fixture f(InnovationPolicyKind::fresh);
    const SplitIds a = split(f.first, *f.policy, 0, 3), b = split(f.second, *f.policy, 0, 3);
    CHECK(a.node != b.node);
    CHECK(a.into != b.into);
    CHECK(a.out_of != b.out_of);
  }
}

TEST_CASE("the same split in a later generation reuses ids under persistent only") {
  SECTION("persistent reuses") {
    Fixture f(InnovationPolicyKind::persistent);
    const SplitIds earlier = split(f.first, *f.policy, 0, 3);
    f.policy->begin_generation();
    CHECK(split(f.second, *f.policy, 0, 3) == earlier);
  }
  SECTION("per_generation and fresh do not") {
    const auto kind = GENERATE(InnovationPolicyKind::per_generation, InnovationPolicyKind::fresh);
    Fixture f(kind);
    const SplitIds earlier = split(f.first, *f.policy, 0, 3);
    f.policy->begin_generation();
    const SplitIds later = split(f.second, *f.policy, 0, 3);
    CHECK(later.node != earlier.node);
    CHECK(later.into != earlier.into);
  }
}

TEST_CASE("persistent gives a fresh node when the genome already holds the recorded one") {
  Fixture f(InnovationPolicyKind::persistent);
  const SplitIds once = split(f.first, *f.policy, 0, 3);
  // Re-enable 0 -> 3 and split it again in the same genome: the recorded node is taken.
  f.first.find_connection(0, 3)->enabled = true;
  f.policy->begin_generation();
  const SplitIds twice = split(f.first, *f.policy, 0, 3);
  CHECK(twice.node != once.node);
  CHECK(twice.into != once.into);
  // A third genome in the same situation later shares that second node.
  f.second.find_connection(0, 3)->enabled = true;
  split(f.second, *f.policy, 0, 3);
  f.second.find_connection(0, 3)->enabled = true;
  CHECK(split(f.second, *f.policy, 0, 3) == twice);
}

TEST_CASE("a new connection's id under each policy") {
  SECTION("node_pair: a function of (in, out) alone, across generations and policy objects") {
    Fixture f(InnovationPolicyKind::node_pair);
    const InnovationId id = f.policy->new_connection(0, 7);
    f.policy->begin_generation();
    CHECK(f.policy->new_connection(0, 7) == id);
    CHECK(NodePairPolicy().new_connection(0, 7) == id);
    CHECK(f.policy->new_connection(7, 0) != id);
    CHECK(id == NodePairPolicy::pair_key(0, 7));
  }
  SECTION("per_generation: same pair same id within a generation only") {
    Fixture f(InnovationPolicyKind::per_generation);
    const InnovationId id = f.policy->new_connection(1, 3);
    CHECK(f.policy->new_connection(1, 3) == id);
    f.policy->begin_generation();
    CHECK(f.policy->new_connection(1, 3) != id);
  }
  SECTION("persistent: same pair same id for the whole run") {
    Fixture f(InnovationPolicyKind::persistent);
    const InnovationId id = f.policy->new_connection(1, 3);
    f.policy->begin_generation();
    CHECK(f.policy->new_connection(1, 3) == id);
  }
  SECTION("persistent: a start connection added again gets its start id; per_generation gives a new one") {
    Fixture persistent(InnovationPolicyKind::persistent);
    CHECK(persistent.policy->new_connection(0, 3) == persistent.first.find_connection(0, 3)->innovation);
    Fixture per_generation(InnovationPolicyKind::per_generation);
    CHECK(per_generation.policy->new_connection(0, 3) != per_generation.first.find_connection(0, 3)->innovation);
  }
  SECTION("fresh: a new id every time") {
    Fixture f(InnovationPolicyKind::fresh);
    CHECK(f.policy->new_connection(1, 3) != f.policy->new_connection(1, 3));
  }
}

TEST_CASE("node_pair derives split nodes from (connection, repeat count)") {
  Fixture f(InnovationPolicyKind::node_pair);
  const InnovationId c = f.first.find_connection(0, 3)->innovation;
  const SplitIds a = split(f.first, *f.policy, 0, 3);
  const SplitIds b = split(f.second, *f.policy, 0, 3);
  CHECK(a == b);
  CHECK(a.node == NodePairPolicy::split_key(c, 0));
  CHECK(a.into == NodePairPolicy::pair_key(0, a.node));
  f.first.find_connection(0, 3)->enabled = true;
  CHECK(split(f.first, *f.policy, 0, 3).node == NodePairPolicy::split_key(c, 1));
}

TEST_CASE("a policy's saved state continues exactly where it left off") {
  const auto kind = GENERATE(InnovationPolicyKind::fresh, InnovationPolicyKind::per_generation,
                             InnovationPolicyKind::persistent, InnovationPolicyKind::node_pair);
  Fixture f(kind);
  split(f.first, *f.policy, 0, 3);
  auto restored = make_innovation_policy(kind, NodeLayout(f.config).first_free_node);
  restored->load_state(f.policy->save_state());
  Genome copy = f.second;
  CHECK(split(f.second, *f.policy, 1, 3) == split(copy, *restored, 1, 3));
  CHECK(f.policy->save_state() == restored->save_state());
}
