// The "spatial" member of the genome JSON: lossless for every mode, strict about what it reads.
#include <catch2/catch.hpp>

#include <algorithm>

#include "genome/genome_json.hpp"
#include "genome/spatial/geometry.hpp"
#include "spatial_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

Genome evolved_spatial_genome(std::vector<SharingMode> modes, bool per_feature, std::uint64_t seed,
                              int mutations = 6) {
  GenomeConfig config = busy_spatial_config(spatial_genome_config(std::move(modes)));
  config.spatial.centroid.per_feature = per_feature;
  config.spatial.centroid.init = per_feature ? CentroidInit::random : CentroidInit::grid;
  auto policy = make_innovation_policy(InnovationPolicyKind::node_pair, NodeLayout(config).first_free_node);
  RandomStream random(seed, 0, 0, Purpose::reproduction);
  Genome genome = make_initial_genome(3, config, *policy, random);
  MutationContext context{config, *policy, random};
  for (int i = 0; i < mutations; ++i) mutate(genome, context);
  genome.fitness = random.normal(0, 1);
  return genome;
}

Genome round_trip(const Genome& genome) {
  return genome_from_json(nlohmann::json::parse(genome_to_json(genome).dump()));
}

}  // namespace

TEST_CASE("a spatial genome written to JSON reads back identical, every double exactly", "[spatial]") {
  const auto modes = GENERATE(std::vector<SharingMode>{SharingMode::shared, SharingMode::shared, SharingMode::shared},
                              std::vector<SharingMode>{SharingMode::local, SharingMode::local, SharingMode::local},
                              std::vector<SharingMode>{SharingMode::centroid, SharingMode::centroid,
                                                       SharingMode::centroid},
                              std::vector<SharingMode>{SharingMode::shared, SharingMode::centroid, SharingMode::local});
  const bool per_feature = GENERATE(false, true);
  const std::uint64_t seed = GENERATE(1, 2, 3);
  const Genome original = evolved_spatial_genome(modes, per_feature, seed);
  REQUIRE(original.spatial);
  CHECK(round_trip(original) == original);
}

TEST_CASE("every padding kind and readout survive the round trip", "[spatial]") {
  Genome genome = evolved_spatial_genome({SharingMode::shared, SharingMode::centroid, SharingMode::local}, false, 4, 0);
  genome.spatial->readout = ReadoutKind::max;
  genome.spatial->layers[1].padding = {Padding::Kind::explicit_amount, 1};  // 3×3 over 4×4 with 1: still 4×4
  const nlohmann::json document = genome_to_json(genome);
  CHECK(document["spatial"]["layers"][0]["padding"] == "same");
  CHECK(document["spatial"]["layers"][1]["padding"] == 1);
  CHECK(document["spatial"]["readout"] == "max");
  CHECK_FALSE(document["spatial"]["layers"][0].contains("centroid"));
  CHECK(document["spatial"]["layers"][1].contains("centroid"));
  genome.nodes.erase(std::remove_if(genome.nodes.begin(), genome.nodes.end(),
                                    [](const NodeGene& n) { return n.kind == NodeKind::input; }),
                     genome.nodes.end());
  genome.connections.clear();
  for (NodeId id : readout_nodes(*genome.spatial)) genome.insert_node({id, NodeKind::input, Activation::identity, 0});
  CHECK(round_trip(genome) == genome);
}

TEST_CASE("a genome without a front end has no spatial member", "[spatial]") {
  GenomeConfig config;
  auto policy = make_innovation_policy(InnovationPolicyKind::fresh, NodeLayout(config).first_free_node);
  RandomStream random(1, 0, 0, Purpose::initial_population);
  const Genome genome = make_initial_genome(0, config, *policy, random);
  CHECK_FALSE(genome_to_json(genome).contains("spatial"));
  CHECK_FALSE(round_trip(genome).spatial.has_value());
}

TEST_CASE("reading a front end names the JSON path of the first bad value", "[spatial]") {
  // The start genome: layers 0 shared, 1 centroid (K = 4), 2 local.
  nlohmann::json document =
      genome_to_json(evolved_spatial_genome({SharingMode::shared, SharingMode::centroid, SharingMode::local}, false, 5, 0));
  nlohmann::json& layers = document["spatial"]["layers"];
  const std::size_t centroid = 1;
  const std::string at = "/spatial/layers/" + std::to_string(centroid);

  SECTION("wrong kernel count") {
    const std::size_t expected = layers[centroid]["kernels"].size();
    layers[centroid]["kernels"].erase(0);
    CHECK_THROWS_WITH(genome_from_json(document), at + "/kernels: expected " + std::to_string(expected) +
                                                      " numbers, got " + std::to_string(expected - 1));
  }
  SECTION("a kernel weight that is not a number") {
    layers[0]["kernels"][3] = "0.5";
    CHECK_THROWS_WITH(genome_from_json(document), Catch::StartsWith("/spatial/layers/0/kernels/3: expected a number"));
  }
  SECTION("unknown mode") {
    layers[0]["mode"] = "tiled";
    CHECK_THROWS_WITH(genome_from_json(document),
                      "/spatial/layers/0/mode: expected one of shared, local, centroid, got \"tiled\"");
  }
  SECTION("bad padding") {
    layers[0]["padding"] = "full";
    CHECK_THROWS_WITH(genome_from_json(document), Catch::StartsWith("/spatial/layers/0/padding: expected \"valid\""));
  }
  SECTION("negative channel count") {
    layers[0]["out_channels"] = -3;
    CHECK_THROWS_WITH(genome_from_json(document), Catch::StartsWith("/spatial/layers/0/out_channels: expected a whole"));
  }
  SECTION("missing centroid parameters") {
    layers[centroid].erase("centroid");
    CHECK_THROWS_WITH(genome_from_json(document), at + "/centroid: missing");
  }
  SECTION("a centroid that is not a pair") {
    layers[centroid]["centroid"]["centroids"][1] = {0.5};
    CHECK_THROWS_WITH(genome_from_json(document), Catch::StartsWith(at + "/centroid/centroids/1: expected 2 numbers"));
  }
  SECTION("wrong shape count") {
    layers[centroid]["centroid"]["shapes"].erase(0);
    CHECK_THROWS_WITH(genome_from_json(document), Catch::StartsWith(at + "/centroid/shapes: expected 4 shapes, got 3"));
  }
  SECTION("unknown readout") {
    document["spatial"]["readout"] = "sum";
    CHECK_THROWS_WITH(genome_from_json(document), Catch::StartsWith("/spatial/readout: expected one of flatten"));
  }
  SECTION("missing input shape") {
    document["spatial"].erase("input");
    CHECK_THROWS_WITH(genome_from_json(document), "/spatial/input: missing");
  }
  SECTION("a stack that reads well but does not fit together") {
    layers[0]["banks"] = 2;
    nlohmann::json& kernels = layers[0]["kernels"];
    const nlohmann::json copy = kernels;
    for (const auto& w : copy) kernels.push_back(w);
    const nlohmann::json biases = layers[0]["biases"];
    for (const auto& b : biases) layers[0]["biases"].push_back(b);
    CHECK_THROWS_WITH(genome_from_json(document), Catch::StartsWith("invalid genome: ") && Catch::Contains("2 banks"));
  }
}
