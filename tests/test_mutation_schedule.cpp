// The annealing of perturbation sizes: the scale it gives each generation, the config it
// builds, and that reproduction mutates with exactly the scaled powers of its generation.
#include <catch2/catch.hpp>

#include <algorithm>

#include "genome/initial_genome.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/mutation_schedule.hpp"
#include "genome/node_layout.hpp"
#include "neat/config_document.hpp"
#include "neat/reproduction.hpp"

using namespace convneat;

namespace {

GenomeConfig annealed(double final_scale, std::size_t generations) {
  GenomeConfig config;
  config.mutate_power_final_scale = final_scale;
  config.mutate_power_decay_generations = generations;
  return config;
}

// One generation of offspring from a single species of start genomes ranked by id, all
// perturbations on and no structural change, so offspring differ only in their weight steps.
std::vector<Genome> offspring(const NeatConfig& config, std::size_t generation) {
  auto innovations = make_innovation_policy(InnovationPolicyKind::persistent,
                                            NodeLayout(config.genome).first_free_node);
  std::vector<Genome> parents;
  Species species;
  for (GenomeId id = 0; id < 10; ++id) {
    RandomStream random(config.seed, 0, id, Purpose::initial_population);
    parents.push_back(make_initial_genome(id, config.genome, *innovations, random));
    parents.back().fitness = static_cast<double>(id);
    species.members.push_back(id);
  }
  GenomeId next_id = 100;
  ReproductionContext context{config, *innovations, config.seed, generation, next_id};
  return reproduce(parents, {species}, {20}, context);
}

NeatConfig mutating_config() {
  NeatConfig config;
  config.genome.num_inputs = 3;
  config.genome.num_outputs = 2;
  config.genome.weight_mutate_rate = 1.0;
  config.genome.weight_mutate_power = 0.4;
  config.genome.weight_replace_rate = 0.0;
  config.genome.bias_mutate_rate = 1.0;
  config.genome.bias_mutate_power = 0.3;
  config.genome.add_connection_rate = 0.0;
  config.genome.add_node_rate = 0.0;
  return config;
}

void require_same_genes(const std::vector<Genome>& a, const std::vector<Genome>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    REQUIRE(a[i].connections.size() == b[i].connections.size());
    for (std::size_t c = 0; c < a[i].connections.size(); ++c)
      REQUIRE(a[i].connections[c].weight == b[i].connections[c].weight);
    for (std::size_t n = 0; n < a[i].nodes.size(); ++n) REQUIRE(a[i].nodes[n].bias == b[i].nodes[n].bias);
  }
}

}  // namespace

TEST_CASE("the mutation power scale falls geometrically from 1 to the final scale and stays there") {
  CHECK(mutate_power_scale(GenomeConfig{}, 0) == 1.0);
  CHECK(mutate_power_scale(GenomeConfig{}, 5000) == 1.0);
  CHECK(mutate_power_scale(annealed(0.25, 0), 300) == 1.0);  // no decay generations: no annealing
  const GenomeConfig config = annealed(0.25, 100);
  CHECK(mutate_power_scale(config, 0) == 1.0);
  CHECK(mutate_power_scale(config, 50) == Approx(0.5).epsilon(1e-15));
  CHECK(mutate_power_scale(config, 100) == Approx(0.25).epsilon(1e-15));
  CHECK(mutate_power_scale(config, 10000) == Approx(0.25).epsilon(1e-15));
  for (std::size_t g = 1; g <= 100; ++g) CHECK(mutate_power_scale(config, g) < mutate_power_scale(config, g - 1));
}

TEST_CASE("scaling the mutation powers scales every perturbation stdev and nothing else") {
  GenomeConfig config;
  config.spatial.kernel_mutate_power = 0.5;
  const GenomeConfig scaled = with_scaled_mutate_powers(config, 0.5);
  CHECK(scaled.weight_mutate_power == config.weight_mutate_power * 0.5);
  CHECK(scaled.bias_mutate_power == config.bias_mutate_power * 0.5);
  CHECK(scaled.spatial.kernel_mutate_power == 0.25);
  CHECK(scaled.spatial.norm_mutate_power == config.spatial.norm_mutate_power * 0.5);
  CHECK(scaled.spatial.centroid_mutate_power == config.spatial.centroid_mutate_power * 0.5);
  CHECK(scaled.spatial.shape_mutate_power == config.spatial.shape_mutate_power * 0.5);
  CHECK(scaled.weight_mutate_rate == config.weight_mutate_rate);
  CHECK(scaled.spatial.kernel_mutate_rate == config.spatial.kernel_mutate_rate);
  CHECK(scaled.weight_init_stdev == config.weight_init_stdev);
}

TEST_CASE("reproduction in generation g mutates with the powers the schedule gives g") {
  NeatConfig scheduled = mutating_config();
  scheduled.genome.mutate_power_final_scale = 0.25;
  scheduled.genome.mutate_power_decay_generations = 40;

  SECTION("generation 0 mutates as if there were no schedule") {
    require_same_genes(offspring(scheduled, 0), offspring(mutating_config(), 0));
  }
  SECTION("halfway, every step is half as large: the same draws, the scaled powers") {
    NeatConfig halved = mutating_config();
    halved.genome.weight_mutate_power *= 0.5;
    halved.genome.bias_mutate_power *= 0.5;
    const auto a = offspring(scheduled, 20), b = offspring(halved, 20);
    require_same_genes(a, b);
    // And they differ from the unscheduled offspring, so the schedule did something.
    const auto plain = offspring(mutating_config(), 20);
    CHECK(a[5].connections[0].weight != plain[5].connections[0].weight);
  }
}

TEST_CASE("an annealing scale of 0, above 1 or negative is refused naming the key") {
  for (double bad : {0.0, 1.5, -0.1}) {
    const nlohmann::json document = {{"genome", {{"mutate_power_final_scale", bad}}}};
    REQUIRE_THROWS_WITH(config_from_json(document, "bad.json"),
                        Catch::Contains("/genome/mutate_power_final_scale"));
  }
  const nlohmann::json good = {{"genome", {{"mutate_power_final_scale", 0.1},
                                           {"mutate_power_decay_generations", 500}}}};
  const NeatConfig config = config_from_json(good, "good.json");
  CHECK(config.genome.mutate_power_final_scale == 0.1);
  CHECK(config.genome.mutate_power_decay_generations == 500);
}
