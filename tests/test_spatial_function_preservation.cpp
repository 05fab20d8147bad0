// The function-preserving spatial mutations leave the network's outputs unchanged (up to
// float rounding) on random images: shared -> centroid, centroid -> local, add channel and
// add layer. These run the spatial phenotype (compile_network of a genome with a front end,
// nets/); without it the input-count check below fails first.
#include <catch2/catch.hpp>

#include "genome/genome_invariants.hpp"
#include "genome/spatial/layer_channels.hpp"
#include "genome/spatial/layer_insertion.hpp"
#include "genome/spatial/sharing_mode_conversion.hpp"
#include "genome/spatial/geometry.hpp"
#include "nets/compile_network.hpp"
#include "spatial_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

GenomeConfig preservation_config(std::vector<SharingMode> modes) {
  GenomeConfig config = spatial_genome_config(std::move(modes));
  config.output_activation = Activation::identity;  // no saturation hiding differences
  config.spatial.centroid.init = CentroidInit::random;
  return config;
}

Genome start_genome(const GenomeConfig& config, std::uint64_t seed) {
  auto policy = make_innovation_policy(InnovationPolicyKind::persistent, NodeLayout(config).first_free_node);
  RandomStream random(seed, 0, 0, Purpose::initial_population);
  return make_initial_genome(0, config, *policy, random);
}

Eigen::MatrixXd random_images(const SpatialStack& stack, std::uint64_t seed) {
  RandomStream random(seed, 0, 0, Purpose::task_data);
  Eigen::MatrixXd images(16, static_cast<Eigen::Index>(stack.input.size()));  // one CHW image a row
  for (Eigen::Index i = 0; i < images.size(); ++i) images.data()[i] = random.uniform(-1.0, 1.0);
  return images;
}

Eigen::MatrixXd outputs(const Genome& genome, const Eigen::MatrixXd& images) {
  auto network = compile_network(genome, true);
  INFO("the network must read images: this needs the spatial phenotype of nets/");
  REQUIRE(network->input_count() == genome.spatial->input.size());
  return network->activate_batch(images);
}

void check_same_outputs(const Genome& before, const Genome& after, std::uint64_t seed) {
  const Eigen::MatrixXd images = random_images(*before.spatial, seed);
  const Eigen::MatrixXd expected = outputs(before, images), actual = outputs(after, images);
  REQUIRE(actual.rows() == expected.rows());
  REQUIRE(actual.cols() == expected.cols());
  for (Eigen::Index i = 0; i < expected.size(); ++i)
    CHECK(actual.data()[i] == Approx(expected.data()[i]).epsilon(1e-4).margin(1e-5));
}

}  // namespace

TEST_CASE("shared -> centroid keeps the network's function", "[spatial][preservation]") {
  const std::uint64_t seed = GENERATE(1, 2, 3);
  const bool per_feature = GENERATE(false, true);
  GenomeConfig config = preservation_config({SharingMode::shared, SharingMode::shared, SharingMode::local});
  config.spatial.centroid.per_feature = per_feature;
  const Genome before = start_genome(config, seed);
  Genome after = before;
  RandomStream random(seed, 1, 0, Purpose::reproduction);
  for (std::size_t layer : {0, 1})
    after.spatial->layers[layer] = shared_to_centroid(after.spatial->layers[layer], config.spatial.centroid, random);
  check_same_outputs(before, after, seed);
}

TEST_CASE("centroid -> local keeps the network's function", "[spatial][preservation]") {
  const std::uint64_t seed = GENERATE(1, 2, 3);
  const bool per_feature = GENERATE(false, true);
  GenomeConfig config = preservation_config({SharingMode::centroid, SharingMode::centroid, SharingMode::centroid});
  config.spatial.centroid.per_feature = per_feature;
  config.spatial.centroid.sigma = 2.0;
  const Genome before = start_genome(config, seed);
  Genome after = before;
  const auto geometry = stack_geometry(*before.spatial);
  for (std::size_t layer = 0; layer < 3; ++layer)
    after.spatial->layers[layer] = centroid_to_local(after.spatial->layers[layer], geometry[layer]);
  check_same_outputs(before, after, seed);
}

TEST_CASE("add channel keeps the network's function", "[spatial][preservation]") {
  const std::size_t layer = GENERATE(0, 1, 2);
  const bool per_feature = GENERATE(false, true);
  GenomeConfig config = preservation_config({SharingMode::shared, SharingMode::centroid, SharingMode::local});
  config.spatial.centroid.per_feature = per_feature;
  const Genome before = start_genome(config, 4);
  Genome after = before;
  RandomStream random(4, 1, 0, Purpose::reproduction);
  add_channel(after, layer, config.spatial, random);
  check_same_outputs(before, after, 4);
}

TEST_CASE("add channel with its readout connected keeps the network's function", "[spatial][preservation]") {
  GenomeConfig config = preservation_config({SharingMode::shared, SharingMode::centroid, SharingMode::local});
  // One innovation record for the start genome and the new links, so their numbers never clash.
  auto policy = make_innovation_policy(InnovationPolicyKind::persistent, NodeLayout(config).first_free_node);
  RandomStream start(5, 0, 0, Purpose::initial_population);
  const Genome before = make_initial_genome(0, config, *policy, start);
  Genome after = before;
  RandomStream random(5, 1, 0, Purpose::reproduction);
  add_channel(after, 2, config.spatial, random);
  connect_readout_channel(after, after.spatial->layers[2].out_channels - 1, *policy);
  CHECK(after.connections.size() == before.connections.size() + 9 * config.num_outputs);  // 3 × 3 readout cells
  CHECK(invariant_violations(after, true).empty());
  check_same_outputs(before, after, 5);
}

TEST_CASE("add layer with the identity activation keeps the network's function", "[spatial][preservation]") {
  const std::size_t position = GENERATE(0, 1, 2);
  const std::size_t kernel = GENERATE(1, 3, 5);
  GenomeConfig config = preservation_config({SharingMode::shared, SharingMode::centroid, SharingMode::local});
  config.spatial.added_layer_kernel = kernel;
  const Genome before = start_genome(config, 5);
  Genome after = before;
  insert_identity_layer(*after.spatial, position, 1u << 20, config.spatial);
  check_same_outputs(before, after, 5);
}
