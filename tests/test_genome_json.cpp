// The champion format: lossless, and strict about what it reads.
#include <catch2/catch.hpp>

#include <limits>

#include "genome/genome_json.hpp"
#include "genome/initial_genome.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/mutation.hpp"
#include "genome/node_layout.hpp"
#include "nets/compile_network.hpp"

using namespace convneat;

namespace {

Genome evolved_genome(bool feed_forward, std::uint64_t seed) {
  GenomeConfig config;
  config.num_inputs = 3;
  config.num_outputs = 2;
  config.feed_forward = feed_forward;
  config.add_node_rate = 0.5;
  config.bias_mutate_rate = 0.7;
  config.bias_init_stdev = 1.0;
  config.activation_mutate_rate = 0.5;
  config.activation_options = {Activation::tanh, Activation::sin, Activation::gauss, Activation::relu};
  auto innovations = make_innovation_policy(InnovationPolicyKind::node_pair, NodeLayout(config).first_free_node);
  RandomStream random(seed, 0, 0, Purpose::reproduction);
  Genome genome = make_initial_genome(1, config, *innovations, random);
  MutationContext context{config, *innovations, random};
  for (int i = 0; i < 40; ++i) mutate(genome, context);
  genome.fitness = random.normal(0, 1);
  return genome;
}

}  // namespace

TEST_CASE("a genome written to JSON and read back is identical and computes bit-identical outputs") {
  const bool feed_forward = GENERATE(true, false);
  const std::uint64_t seed = GENERATE(1, 2, 3);
  const Genome original = evolved_genome(feed_forward, seed);
  const Genome restored = genome_from_json(nlohmann::json::parse(genome_to_json(original).dump()));
  CHECK(restored == original);  // every double exactly

  auto a = compile_network(original, feed_forward);
  auto b = compile_network(restored, feed_forward);
  RandomStream random(seed, 1, 1, Purpose::evaluation);
  for (int step = 0; step < 20; ++step) {
    std::vector<double> inputs{random.normal(0, 2), random.normal(0, 2), random.normal(0, 2)}, x(2), y(2);
    a->activate(inputs, x);
    b->activate(inputs, y);
    CHECK(x == y);
  }
}

TEST_CASE("reading a genome names the JSON path of the first bad value") {
  nlohmann::json document = genome_to_json(evolved_genome(true, 4));
  SECTION("unknown activation") {
    document["nodes"][1]["activation"] = "swish";
    CHECK_THROWS_WITH(genome_from_json(document), Catch::StartsWith("/nodes/1/activation: expected one of sigmoid"));
  }
  SECTION("unknown node kind") {
    document["nodes"][0]["kind"] = "sensor";
    CHECK_THROWS_WITH(genome_from_json(document), Catch::StartsWith("/nodes/0/kind: expected one of input"));
  }
  SECTION("missing field") {
    document["connections"][0].erase("weight");
    CHECK_THROWS_WITH(genome_from_json(document), "/connections/0/weight: missing");
  }
  SECTION("a genome that breaks an invariant") {
    document["connections"].push_back(document["connections"][0]);
    document["connections"].back()["innovation"] = 1ULL << 60;
    CHECK_THROWS_WITH(genome_from_json(document), Catch::Contains("invalid genome: ") && Catch::Contains("duplicate (in, out) pair"));
  }
  SECTION("wrong type") {
    document["connections"][0]["enabled"] = "yes";
    CHECK_THROWS_WITH(genome_from_json(document), Catch::StartsWith("/connections/0/enabled: wrong type"));
  }
}
