// Crossover of genomes with front ends: the fitter parent's layer list, matching layers whole
// from one parent, channels repaired, graph inputs equal to the readout.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "genome/crossover.hpp"
#include "genome/genome_invariants.hpp"
#include "genome/spatial/layer_channels.hpp"
#include "genome/spatial/layer_insertion.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/spatial/sharing_mode_conversion.hpp"
#include "spatial_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

struct Parents {
  GenomeConfig config = busy_spatial_config(spatial_genome_config());
  std::unique_ptr<InnovationPolicy> policy;
  Genome a, b;

  // a: the start stack with an identity layer (id 5000) before layer 2, some graph growth.
  // b: layers 0 and 2 one channel wider, an identity layer (id 6000) before layer 1,
  //    layer 0 turned centroid and layer 1 local.
  Parents() {
    policy = make_innovation_policy(InnovationPolicyKind::persistent, NodeLayout(config).first_free_node);
    RandomStream random(1, 0, 0, Purpose::initial_population);
    a = make_initial_genome(0, config, *policy, random);
    b = make_initial_genome(1, config, *policy, random);
    MutationContext context{config, *policy, random};
    for (int i = 0; i < 3; ++i) mutate_add_node(a, context), mutate_add_node(b, context);

    insert_identity_layer(*a.spatial, 2, 5000, config.spatial);
    add_channel(b, 0, config.spatial, random);
    add_channel(b, 2, config.spatial, random);
    for (int i = 0; i < 5; ++i) mutate_add_connection(b, context);  // some from the new readout nodes
    insert_identity_layer(*b.spatial, 1, 6000, config.spatial);
    b.spatial->layers[0] = shared_to_centroid(b.spatial->layers[0], config.spatial.centroid, random);
    b.spatial->layers[2] = centroid_to_local(b.spatial->layers[2], stack_geometry(*b.spatial)[2]);
  }
};

std::vector<InnovationId> layer_ids(const Genome& genome) {
  std::vector<InnovationId> ids;
  for (const SpatialLayerGene& layer : genome.spatial->layers) ids.push_back(layer.innovation);
  return ids;
}

const SpatialLayerGene* find_layer(const Genome& genome, InnovationId id) {
  for (const SpatialLayerGene& layer : genome.spatial->layers)
    if (layer.innovation == id) return &layer;
  return nullptr;
}

// True when `child` is `parent` whole, up to the input-channel repair.
bool comes_whole_from(const SpatialLayerGene& child, SpatialLayerGene parent) {
  resize_input_channels(parent, child.in_channels);
  return child == parent;
}

}  // namespace

TEST_CASE("the parents of the crossover tests are valid and differ as intended", "[spatial]") {
  Parents p;
  CHECK(invariant_violations(p.a, true).empty());
  CHECK(invariant_violations(p.b, true).empty());
  CHECK(layer_ids(p.a) == std::vector<InnovationId>{0, 1, 5000, 2});
  CHECK(layer_ids(p.b) == std::vector<InnovationId>{0, 6000, 1, 2});
}

TEST_CASE("a spatial child keeps the fitter parent's layer list and takes matching layers whole", "[spatial]") {
  Parents p;
  const int fitter = GENERATE(0, 1, 2);  // a fitter, b fitter, equally fit (the first parent's list)
  CAPTURE(fitter);
  p.a.fitness = fitter == 1 ? 0.0 : 1.0;
  p.b.fitness = fitter == 0 ? 0.0 : 1.0;
  const bool a_first = GENERATE(true, false);
  const Genome& first = a_first ? p.a : p.b;
  const Genome& second = a_first ? p.b : p.a;
  const Genome& list_parent = fitter == 2 ? first : (fitter == 0 ? p.a : p.b);

  RandomStream random(2, 0, 0, Purpose::reproduction);
  std::map<InnovationId, std::set<char>> sources;
  for (int round = 0; round < 100; ++round) {
    const Genome child = crossover(first, second, p.config, random);
    const auto problems = invariant_violations(child, true);
    INFO("round " << round << ": " << describe(problems));
    REQUIRE(problems.empty());
    REQUIRE(layer_ids(child) == layer_ids(list_parent));
    for (const SpatialLayerGene& layer : child.spatial->layers) {
      const SpatialLayerGene* in_a = find_layer(p.a, layer.innovation);
      const SpatialLayerGene* in_b = find_layer(p.b, layer.innovation);
      const bool from_a = in_a && comes_whole_from(layer, *in_a), from_b = in_b && comes_whole_from(layer, *in_b);
      CHECK((from_a || from_b));
      if (from_a) sources[layer.innovation].insert('a');
      if (from_b) sources[layer.innovation].insert('b');
    }
  }
  for (InnovationId matching : {0, 1, 2}) CHECK(sources[matching] == std::set<char>{'a', 'b'});
}

TEST_CASE("crossover repairs the channel chain, keeping the channels both layers agree on", "[spatial]") {
  Parents p;
  p.a.fitness = 1.0;
  p.b.fitness = 0.0;
  RandomStream random(3, 0, 0, Purpose::reproduction);
  bool wider_taken = false;
  for (int round = 0; round < 50; ++round) {
    const Genome child = crossover(p.a, p.b, p.config, random);
    const SpatialLayerGene& first = child.spatial->layers[0];
    const SpatialLayerGene& second = child.spatial->layers[1];  // layer 1 in a's list
    REQUIRE(second.in_channels == first.out_channels);
    if (first.out_channels == 4) {  // layer 0 from b (4 channels), layer 1 reads a 4th channel
      wider_taken = true;
      const SpatialLayerGene* source = second.mode == SharingMode::local ? find_layer(p.b, 1) : find_layer(p.a, 1);
      if (source->in_channels == 3)  // layer 1 from a: its 4th input channel is new, weight 0
        for (std::size_t bank = 0; bank < second.banks; ++bank)
          for (std::size_t o = 0; o < second.out_channels; ++o)
            for (std::size_t u = 0; u < 3; ++u)
              for (std::size_t v = 0; v < 3; ++v) CHECK(second.weight(bank, o, 3, u, v) == 0.0);
    }
  }
  CHECK(wider_taken);
}

TEST_CASE("a child whose readout layer is narrower drops the extra inputs with their connections", "[spatial]") {
  Parents p;
  p.a.fitness = p.b.fitness = 1.0;  // equally fit: both parents' graph genes, so b's wide inputs come along
  RandomStream random(4, 0, 0, Purpose::reproduction);
  std::size_t narrow = 0;
  for (int round = 0; round < 50; ++round) {
    const Genome child = crossover(p.b, p.a, p.config, random);
    REQUIRE(invariant_violations(child, true).empty());
    if (child.spatial->layers.back().out_channels == 2) {
      ++narrow;
      for (const ConnectionGene& c : child.connections) CHECK_FALSE(c.in == readout_node_id(2, 2, 0));
    }
  }
  CHECK(narrow > 0);
}

TEST_CASE("graph-only genomes cross over as before: no front end appears", "[spatial]") {
  GenomeConfig config;
  auto policy = make_innovation_policy(InnovationPolicyKind::persistent, NodeLayout(config).first_free_node);
  RandomStream random(5, 0, 0, Purpose::initial_population);
  const Genome a = make_initial_genome(0, config, *policy, random), b = make_initial_genome(1, config, *policy, random);
  CHECK_FALSE(crossover(a, b, config, random).spatial.has_value());
}
