// Spatial genomes stay valid through generations of every spatial mutation and crossover, and
// the invariant checker names each way a front end can be broken.
#include <catch2/catch.hpp>

#include <limits>

#include "genome/crossover.hpp"
#include "genome/genome_invariants.hpp"
#include "genome/spatial/geometry.hpp"
#include "spatial_support.hpp"

using namespace convneat;
using namespace convneat::testing;

TEST_CASE("300 spatial genomes keep every invariant through generations of mutation and crossover", "[spatial]") {
  const auto policy = GENERATE(InnovationPolicyKind::fresh, InnovationPolicyKind::per_generation,
                               InnovationPolicyKind::persistent, InnovationPolicyKind::node_pair);
  CAPTURE(policy_name(policy));
  GenomeConfig config = busy_spatial_config(spatial_genome_config());
  config.spatial.centroid.per_feature = policy == InnovationPolicyKind::node_pair;
  auto innovations = make_innovation_policy(policy, NodeLayout(config).first_free_node);
  std::vector<Genome> population;
  for (GenomeId id = 0; id < 300; ++id) {
    RandomStream random(42, 0, id, Purpose::initial_population);
    population.push_back(make_initial_genome(id, config, *innovations, random));
  }
  std::size_t inserted = 0, converted = 0;
  for (std::uint64_t generation = 1; generation <= 5; ++generation) {
    innovations->begin_generation();
    std::vector<Genome> offspring;
    for (GenomeId id = 0; id < population.size(); ++id) {
      RandomStream random(42, generation, id, Purpose::reproduction);
      const Genome& a = population[random.index(population.size())];
      const Genome& b = population[random.index(population.size())];
      Genome child = random.chance(0.5) ? crossover(a, b, config, random) : a;
      MutationContext context{config, *innovations, random};
      mutate(child, context);
      child.fitness = random.uniform();
      const auto problems = invariant_violations(child, true);
      INFO("generation " << generation << ", genome " << id << ": " << describe(problems));
      REQUIRE(problems.empty());
      offspring.push_back(std::move(child));
    }
    population = std::move(offspring);
  }
  for (const Genome& genome : population) {
    inserted += genome.spatial->layers.size() > 3;
    for (const SpatialLayerGene& layer : genome.spatial->layers) converted += layer.mode == SharingMode::local;
  }
  CHECK(inserted > 100);  // the run really exercised the operators
  CHECK(converted > 300);
}

TEST_CASE("the invariant checker reports each kind of broken front end", "[spatial]") {
  const GenomeConfig config = spatial_genome_config();
  auto policy = make_innovation_policy(InnovationPolicyKind::fresh, NodeLayout(config).first_free_node);
  RandomStream random(1, 0, 0, Purpose::initial_population);
  Genome genome = make_initial_genome(0, config, *policy, random);
  REQUIRE(invariant_violations(genome, true).empty());
  SpatialStack& stack = *genome.spatial;
  const auto reports = [&](const char* text) {
    const auto problems = invariant_violations(genome, true);
    INFO(describe(problems));
    CHECK(problems.size() == 1);
    CHECK_THAT(describe(problems), Catch::Contains(text));
  };

  SECTION("kernel count") {
    stack.layers[1].kernels.pop_back();
    reports("kernel weights, expected 216");
  }
  SECTION("bias count") {
    stack.layers[0].biases.push_back(0.0);
    reports("4 biases, expected 3");
  }
  SECTION("non-finite value") {
    stack.layers[2].kernels[5] = std::numeric_limits<double>::quiet_NaN();
    reports("not finite");
  }
  SECTION("duplicate layer innovation") {
    stack.layers[1].innovation = 0;
    reports("innovation id not unique");
  }
  SECTION("broken channel chain") {
    stack.layers[1].in_channels = 4;
    stack.layers[1].kernels.resize(4 * 2 * 4 * 9);
    reports("reads 4 channels, the layer before writes 3");
  }
  SECTION("banks that do not fit the mode") {
    stack.layers[2].mode = SharingMode::shared;
    reports("9 banks, its mode needs 1");
  }
  SECTION("centroid parameters sized wrong") {
    stack.layers[1].centroid.centroids.pop_back();
    reports("3 centroids, expected 4");
  }
  SECTION("centroid parameters on a shared layer") {
    stack.layers[0].centroid.scale = 2.0;
    reports("centroid parameters on a non-centroid layer");
  }
  SECTION("a kernel that does not fit") {
    stack.layers[2].kernel_size = 5;
    stack.layers[2].kernels.resize(9 * 2 * 2 * 25);
    reports("does not fit");
  }
  SECTION("an input node that is not read out") {
    genome.remove_node_with_connections(readout_node_id(2, 1, 3));
    reports("not the spatial readout nodes");
  }
  SECTION("no layers") {
    stack.layers.clear();
    reports("without layers");
  }
}
