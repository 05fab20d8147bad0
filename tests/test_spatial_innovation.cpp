// Ids of inserted spatial layers under each innovation-record policy.
#include <catch2/catch.hpp>

#include "genome/innovation/counting_policy.hpp"
#include "genome/spatial/layer_insertion.hpp"
#include "genome/innovation/node_pair_policy.hpp"
#include "spatial_support.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

struct Fixture : PolicyFixture {
  explicit Fixture(InnovationPolicyKind kind) : PolicyFixture(kind, spatial_genome_config()) {}
};

// Inserts an identity layer before the layer with id `before`, as mutate_add_layer does.
InnovationId insert_before(Genome& genome, InnovationPolicy& policy, InnovationId before, const GenomeConfig& config) {
  std::size_t position = 0;
  while (genome.spatial->layers[position].innovation != before) ++position;
  const InnovationId id = policy.inserted_layer(before, genome);
  REQUIRE_FALSE(genome.has_layer(id));
  insert_identity_layer(*genome.spatial, position, id, config.spatial);
  return id;
}

}  // namespace

TEST_CASE("the same layer insertion in one generation shares its id except under fresh", "[spatial]") {
  SECTION("per_generation, persistent and node_pair share") {
    const auto kind = GENERATE(InnovationPolicyKind::per_generation, InnovationPolicyKind::persistent,
                               InnovationPolicyKind::node_pair);
    Fixture f(kind);
    CHECK(insert_before(f.first, *f.policy, 1, f.config) == insert_before(f.second, *f.policy, 1, f.config));
    CHECK(insert_before(f.first, *f.policy, 0, f.config) != insert_before(f.first, *f.policy, 1, f.config));
  }
  SECTION("fresh does not") {
    Fixture f(InnovationPolicyKind::fresh);
    CHECK(insert_before(f.first, *f.policy, 1, f.config) != insert_before(f.second, *f.policy, 1, f.config));
  }
}

TEST_CASE("a later generation reuses an inserted layer's id under persistent and node_pair only", "[spatial]") {
  SECTION("persistent and node_pair reuse") {
    const auto kind = GENERATE(InnovationPolicyKind::persistent, InnovationPolicyKind::node_pair);
    Fixture f(kind);
    const InnovationId earlier = insert_before(f.first, *f.policy, 2, f.config);
    f.policy->begin_generation();
    CHECK(insert_before(f.second, *f.policy, 2, f.config) == earlier);
  }
  SECTION("per_generation and fresh do not") {
    const auto kind = GENERATE(InnovationPolicyKind::per_generation, InnovationPolicyKind::fresh);
    Fixture f(kind);
    const InnovationId earlier = insert_before(f.first, *f.policy, 2, f.config);
    f.policy->begin_generation();
    CHECK(insert_before(f.second, *f.policy, 2, f.config) != earlier);
  }
}

TEST_CASE("a genome that already holds the recorded layer id gets another one", "[spatial]") {
  const auto kind = GENERATE(InnovationPolicyKind::per_generation, InnovationPolicyKind::persistent,
                             InnovationPolicyKind::node_pair);
  Fixture f(kind);
  const InnovationId once = insert_before(f.first, *f.policy, 1, f.config);
  const InnovationId twice = insert_before(f.first, *f.policy, 1, f.config);
  CHECK(twice != once);
  // A second genome doing the same twice gets the same two ids.
  CHECK(insert_before(f.second, *f.policy, 1, f.config) == once);
  CHECK(insert_before(f.second, *f.policy, 1, f.config) == twice);
  if (kind == InnovationPolicyKind::node_pair) {
    CHECK(once == NodePairPolicy::layer_key(1, 0));
    CHECK(twice == NodePairPolicy::layer_key(1, 1));
  }
}

TEST_CASE("counted policies number inserted layers from 2^32, clear of the start stack's ids", "[spatial]") {
  const auto kind = GENERATE(InnovationPolicyKind::fresh, InnovationPolicyKind::per_generation,
                             InnovationPolicyKind::persistent);
  Fixture f(kind);
  CHECK(insert_before(f.first, *f.policy, 0, f.config) == CountingPolicy::kFirstInsertedLayer);
  CHECK(insert_before(f.second, *f.policy, 2, f.config) == CountingPolicy::kFirstInsertedLayer + 1);
}

TEST_CASE("a policy's saved layer record and counter continue exactly", "[spatial]") {
  const auto kind = GENERATE(InnovationPolicyKind::fresh, InnovationPolicyKind::per_generation,
                             InnovationPolicyKind::persistent, InnovationPolicyKind::node_pair);
  Fixture f(kind);
  insert_before(f.first, *f.policy, 1, f.config);
  auto restored = make_innovation_policy(kind, NodeLayout(f.config).first_free_node);
  restored->load_state(nlohmann::json::parse(f.policy->save_state().dump()));
  CHECK(f.policy->save_state() == restored->save_state());
  Genome copy = f.second;
  CHECK(insert_before(f.second, *f.policy, 1, f.config) == insert_before(copy, *restored, 1, f.config));
  CHECK(insert_before(f.second, *f.policy, 0, f.config) == insert_before(copy, *restored, 0, f.config));
}

TEST_CASE("a checkpoint from before spatial layers loads with a fresh layer counter and record", "[spatial]") {
  const auto kind = GENERATE(InnovationPolicyKind::fresh, InnovationPolicyKind::per_generation,
                             InnovationPolicyKind::persistent);
  Fixture f(kind);
  nlohmann::json old = f.policy->save_state();
  old.erase("next_layer");
  old.erase("layers");
  auto restored = make_innovation_policy(kind, NodeLayout(f.config).first_free_node);
  REQUIRE_NOTHROW(restored->load_state(old));
  CHECK(insert_before(f.first, *restored, 1, f.config) == CountingPolicy::kFirstInsertedLayer);
}
