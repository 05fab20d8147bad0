// Reproduction (neat/reproduction.hpp) makes a generation in passes, crossover and
// parametric mutation in parallel: the offspring, their ids and the innovation records it
// leaves must be the same for any number of threads. (That they are what the serial
// breeder made before the passes existed, the golden runs pin: tests/test_golden_runs.cpp.)
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "genome/genome_json.hpp"
#include "genome/initial_genome.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/mutation.hpp"
#include "genome/node_layout.hpp"
#include "neat/reproduction.hpp"

using namespace convneat;

namespace {

// Structural mutation likely in every offspring, so that innovation numbers are drawn often.
NeatConfig busy_config() {
  NeatConfig config;
  config.genome.num_inputs = 4;
  config.genome.num_outputs = 2;
  config.genome.add_node_rate = 0.5;
  config.genome.add_connection_rate = 0.8;
  config.genome.delete_connection_rate = 0.1;
  config.reproduction.crossover_rate = 0.75;
  config.reproduction.interspecies_mating_rate = 0.2;
  return config;
}

struct Generation {
  std::vector<std::string> genomes;  // as JSON
  std::string innovations;           // the records after reproduction
  GenomeId next_id = 0;
};

// Three species of 12 parents each (their structure grown by a few mutations), reproduced
// into 60 offspring on `threads` threads.
Generation reproduce_on(std::size_t threads, InnovationPolicyKind policy) {
  NeatConfig config = busy_config();
  config.innovation_policy = policy;
  auto innovations = make_innovation_policy(policy, NodeLayout(config.genome).first_free_node);
  std::vector<Genome> parents;
  std::vector<Species> species(3);
  for (GenomeId id = 0; id < 36; ++id) {
    RandomStream random(config.seed, 0, id, Purpose::initial_population);
    Genome genome = make_initial_genome(id, config.genome, *innovations, random);
    MutationContext mutation{config.genome, *innovations, random};
    for (int step = 0; step < 4; ++step) mutate(genome, mutation);
    genome.fitness = static_cast<double>((id * 7) % 11);
    species[id % 3].id = id % 3 + 1;
    species[id % 3].members.push_back(parents.size());
    parents.push_back(std::move(genome));
  }
  innovations->begin_generation();
  GenomeId next_id = 100;
  ReproductionContext context{config, *innovations, config.seed, 5, next_id, threads};
  Generation generation;
  for (const Genome& genome : reproduce(parents, species, {25, 20, 15}, context))
    generation.genomes.push_back(genome_to_json(genome).dump());
  generation.innovations = innovations->save_state().dump();
  generation.next_id = next_id;
  return generation;
}

}  // namespace

TEST_CASE("Reproduction makes the same generation on 1, 2 and 4 threads", "[reproduction]") {
  const InnovationPolicyKind policy = GENERATE(InnovationPolicyKind::per_generation, InnovationPolicyKind::persistent,
                                               InnovationPolicyKind::fresh, InnovationPolicyKind::node_pair);
  const Generation serial = reproduce_on(1, policy);
  REQUIRE(serial.genomes.size() == 60);
  CHECK(serial.next_id == 100 + 60 - 3 /* one elite per species */);
  for (const std::size_t threads : {std::size_t{2}, std::size_t{4}}) {
    const Generation parallel = reproduce_on(threads, policy);
    INFO(threads << " threads");
    CHECK(parallel.genomes == serial.genomes);
    CHECK(parallel.innovations == serial.innovations);
    CHECK(parallel.next_id == serial.next_id);
  }
}
