// Tied weights (SpatialStack::copies): one front end applied to several images per example,
// its parameters stored once. Readout ids, the copy-major feed into the graph, mutation
// acting on every copy at once, the parameter count, the genome operators, JSON and export.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "export/dot_writer.hpp"
#include "genome/crossover.hpp"
#include "genome/genome_invariants.hpp"
#include "genome/genome_json.hpp"
#include "nets/feed_forward_network.hpp"
#ifdef CONVNEAT_HAS_ONNX
#include "export/onnx_writer.hpp"
#endif
#include "nets/spatial_network.hpp"
#include "spatial_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

// spatial_genome_config's three layers (shared, centroid, local) tied over two images,
// the first layer with virtual batch norm when asked; busy mutation rates.
GenomeConfig tied_config(bool normalise) {
  GenomeConfig config = busy_spatial_config(spatial_genome_config());
  config.spatial.copies = 2;
  config.spatial.layers[0].virtual_batch_norm = normalise;
  config.spatial.norm_mutate_rate = 0.5;
  return config;
}

Genome tied_genome(const GenomeConfig& config, std::uint64_t seed, int mutations = 0) {
  auto policy = make_innovation_policy(InnovationPolicyKind::node_pair, NodeLayout(config).first_free_node);
  RandomStream random(seed, 0, 0, Purpose::reproduction);
  Genome genome = make_initial_genome(seed, config, *policy, random);
  MutationContext context{config, *policy, random};
  for (int i = 0; i < mutations; ++i) mutate(genome, context);
  return genome;
}

// A genome whose outputs are its graph inputs: output i reads readout node i with weight 1,
// identity activation, no bias. Its network shows exactly what the front end feeds the graph.
Genome probe_genome(const SpatialStack& stack) {
  Genome genome;
  genome.spatial = stack;
  const std::vector<NodeId> readout = readout_nodes(stack);
  genome.insert_node({0, NodeKind::bias, Activation::identity, 0.0});
  for (NodeId node : readout) genome.insert_node({node, NodeKind::input, Activation::identity, 0.0});
  InnovationId innovation = 1;
  for (std::size_t i = 0; i < readout.size(); ++i) {
    const NodeId output = 1 + i;
    genome.insert_node({output, NodeKind::output, Activation::identity, 0.0});
    genome.insert_connection({innovation++, readout[i], output, 1.0, true});
  }
  return genome;
}

// The probe's outputs for one example of two images.
Eigen::MatrixXd graph_inputs(SpatialStack stack, const std::vector<float>& a, const std::vector<float>& b,
                             const std::vector<float>& reference) {
  SpatialNetwork network(probe_genome(stack), Phenotype{});
  if (network.needs_reference()) network.calibrate(reference.data(), reference.size() / stack.input.size());
  std::vector<float> pair = a;
  pair.insert(pair.end(), b.begin(), b.end());
  return network.activate_images(pair.data(), 1);
}

// One image's readout through the stack alone.
Eigen::MatrixXd single_readout(SpatialStack stack, const std::vector<float>& image, const std::vector<float>& reference) {
  stack.copies = 1;
  SpatialFrontEnd front_end(stack);
  if (front_end.normalises()) front_end.calibrate(reference.data(), reference.size() / stack.input.size());
  return front_end.forward(image.data(), 1).cast<double>();
}

}  // namespace

TEST_CASE("readout ids of copy 0 are those of a single-image stack and further copies follow, sorted copy-major",
          "[spatial][tied]") {
  // The id layout before copies existed: 2^51 + layer·2^32 + channel·2^20 + cell.
  CHECK(readout_node_id(2, 1, 5) == (NodeId{1} << 51) + (NodeId{2} << 32) + (NodeId{1} << 20) + 5);
  CHECK(readout_node_id(2, 1, 5, 3) == readout_node_id(2, 1, 5) + (NodeId{3} << 47));
  CHECK(is_readout_node_id(readout_node_id(kMaxReadoutLayerId, kMaxChannels - 1, kMaxCells - 1, kMaxCopies - 1)));
  CHECK(readout_source(readout_node_id(2, 1, 5, 3)) == ReadoutSource{3, 1, 5});
  CHECK(readout_source(readout_node_id(kMaxReadoutLayerId, kMaxChannels - 1, kMaxCells - 1, kMaxCopies - 1)) ==
        ReadoutSource{kMaxCopies - 1, kMaxChannels - 1, kMaxCells - 1});
  CHECK_THROWS_AS(readout_node_id(0, 0, 0, kMaxCopies), std::invalid_argument);
  CHECK_THROWS_AS(readout_node_id(kMaxReadoutLayerId + 1, 0, 0), std::invalid_argument);

  const Genome genome = tied_genome(tied_config(false), 1);
  SpatialStack single = *genome.spatial;
  single.copies = 1;
  const std::vector<NodeId> one = readout_nodes(single), two = readout_nodes(*genome.spatial);
  REQUIRE(two.size() == 2 * one.size());
  CHECK(std::is_sorted(two.begin(), two.end()));
  CHECK(std::adjacent_find(two.begin(), two.end()) == two.end());
  CHECK(std::equal(one.begin(), one.end(), two.begin()));
  for (std::size_t i = 0; i < one.size(); ++i) CHECK(two[one.size() + i] == one[i] + (NodeId{1} << 47));
  CHECK(invariant_violations(genome, true).empty());
}

TEST_CASE("a tied front end feeds copy c's readout to graph inputs c·R … (c + 1)·R − 1, on every path",
          "[spatial][tied]") {
  RandomStream rng(7, 0, 0, Purpose::evaluation);
  for (bool normalise : {false, true}) {
    CAPTURE(normalise);
    const Genome genome = tied_genome(tied_config(normalise), 2, 4);
    const SpatialStack& stack = *genome.spatial;
    const std::vector<float> reference = random_images(rng, stack.input, 12);
    const std::vector<float> a = random_images(rng, stack.input, 1), b = random_images(rng, stack.input, 1);
    const Eigen::MatrixXd fed = graph_inputs(stack, a, b, reference);
    const Eigen::MatrixXd readout_a = single_readout(stack, a, reference), readout_b = single_readout(stack, b, reference);
    const Eigen::Index r = readout_a.cols();
    REQUIRE(fed.cols() == 2 * r);
    CHECK((fed.leftCols(r).array() == readout_a.array()).all());
    CHECK((fed.rightCols(r).array() == readout_b.array()).all());

    // activate(), activate_batch() and activate_images() agree on a batch of three pairs.
    SpatialNetwork network(genome, Phenotype{});
    if (normalise) network.calibrate(reference.data(), 12);
    const std::vector<float> pairs = random_images(rng, stack.input, 6);  // example n: images 2n, 2n + 1
    Eigen::MatrixXd rows(3, static_cast<Eigen::Index>(network.input_count()));
    for (Eigen::Index i = 0; i < rows.size(); ++i) rows(i / rows.cols(), i % rows.cols()) = pairs[static_cast<std::size_t>(i)];
    const Eigen::MatrixXd batch = network.activate_batch(rows);
    const Eigen::MatrixXd images = network.activate_images(pairs.data(), 3);
    CHECK((batch.array() == images.array()).all());
    for (Eigen::Index n = 0; n < 3; ++n) {
      const Eigen::VectorXd row = rows.row(n).transpose();
      std::vector<double> out(network.output_count());
      network.activate(std::span<const double>(row.data(), static_cast<std::size_t>(row.size())), out);
      CHECK((Eigen::Map<const Eigen::RowVectorXd>(out.data(), static_cast<Eigen::Index>(out.size())).array() ==
             batch.row(n).array())
                .all());
    }
  }
}

TEST_CASE("a mutation of the tied front end changes the readouts of both copies identically", "[spatial][tied]") {
  RandomStream rng(8, 0, 0, Purpose::evaluation);
  for (bool normalise : {false, true}) {
    CAPTURE(normalise);
    const GenomeConfig config = tied_config(normalise);
    SpatialStack stack = *tied_genome(config, 3).spatial;
    const std::vector<float> reference = random_images(rng, stack.input, 12);
    const std::vector<float> image = random_images(rng, stack.input, 1);
    const Eigen::MatrixXd before = graph_inputs(stack, image, image, reference);
    const Eigen::Index r = before.cols() / 2;
    CHECK((before.leftCols(r).array() == before.rightCols(r).array()).all());

    RandomStream mutation(9, 1, 3, Purpose::reproduction);
    mutate_spatial_parameters(stack, config, mutation);
    const Eigen::MatrixXd after = graph_inputs(stack, image, image, reference);
    CHECK((after.leftCols(r).array() == after.rightCols(r).array()).all());  // the same parameters, bit for bit
    CHECK((after.array() != before.array()).any());                          // and the mutation did change them
  }
}

TEST_CASE("a siamese genome counts its front end once and virtual batch norm adds a gain and a shift per channel",
          "[spatial][tied]") {
  const Genome tied = tied_genome(tied_config(true), 4);
  SpatialStack single = *tied.spatial;
  single.copies = 1;
  CHECK(parameter_count(*tied.spatial) == parameter_count(single));

  const SpatialLayerGene& first = tied.spatial->layers[0];  // shared 3×3, 2 → 3 channels, normalised
  REQUIRE(first.mode == SharingMode::shared);
  REQUIRE(first.virtual_batch_norm);
  CHECK(parameter_count(first) == 3 * 2 * 3 * 3 + 3 + 2 * 3);
  SpatialLayerGene plain = first;
  plain.virtual_batch_norm = false;
  plain.norm_gains.clear();
  plain.norm_shifts.clear();
  CHECK(parameter_count(plain) == 3 * 2 * 3 * 3 + 3);
  CHECK(first.norm_gains == std::vector<double>(3, 1.0));  // start: the normalised map itself
  CHECK(first.norm_shifts == std::vector<double>(3, 0.0));
}

TEST_CASE("tied genomes with virtual batch norm keep every invariant under mutation and crossover, and round-trip "
          "through JSON exactly",
          "[spatial][tied]") {
  const GenomeConfig config = tied_config(true);
  std::vector<Genome> genomes;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) genomes.push_back(tied_genome(config, seed, 8));
  bool gains_moved = false;
  for (std::size_t i = 0; i < genomes.size(); ++i) {
    const Genome& genome = genomes[i];
    INFO(describe(invariant_violations(genome, true)));
    CHECK(invariant_violations(genome, true).empty());
    CHECK(genome.spatial->copies == 2);
    gains_moved = gains_moved || genome.spatial->layers[0].norm_gains != std::vector<double>(
                                                                           genome.spatial->layers[0].out_channels, 1.0);
    const Genome read = genome_from_json(nlohmann::json::parse(genome_to_json(genome).dump()));
    CHECK(read == genome);
    RandomStream random(i, 0, 0, Purpose::reproduction);
    const Genome child = crossover(genome, genomes[(i + 1) % genomes.size()], config, random);
    INFO(describe(invariant_violations(child, true)));
    CHECK(invariant_violations(child, true).empty());
  }
  CHECK(gains_moved);

  // A single-image genome without normalisation writes exactly the format it wrote before.
  GenomeConfig plain = spatial_genome_config();
  const nlohmann::json document = genome_to_json(tied_genome(plain, 5));
  CHECK_FALSE(document["spatial"].contains("copies"));
  for (const auto& layer : document["spatial"]["layers"]) CHECK_FALSE(layer.contains("virtual_batch_norm"));

  nlohmann::json bad = genome_to_json(genomes[0]);
  bad["spatial"]["layers"][0]["virtual_batch_norm"]["gains"].erase(0);
  CHECK_THROWS_WITH(genome_from_json(bad), Catch::Contains("spatial/layers/0/virtual_batch_norm/gains"));
  bad = genome_to_json(genomes[0]);
  bad["spatial"]["copies"] = 0;
  CHECK_THROWS_WITH(genome_from_json(bad), Catch::Contains("spatial/copies"));
}

TEST_CASE("ONNX export takes a tied front end, wants virtual batch norm's statistics, and DOT shows both",
          "[spatial][tied]") {
#ifdef CONVNEAT_HAS_ONNX  // the models themselves: test_onnx_spatial_export.cpp
  CHECK_FALSE(genome_to_onnx(tied_genome(tied_config(false), 6)).empty());
  const Genome normalised = tied_genome(tied_config(true), 6);
  CHECK_THROWS_WITH(genome_to_onnx(normalised), Catch::Contains("virtual batch norm"));
  SpatialNetwork network(normalised, Phenotype{});
  RandomStream rng(6, 0, 0, Purpose::evaluation);
  const std::vector<float> reference = random_images(rng, normalised.spatial->input, 8);
  network.calibrate(reference.data(), 8);
  CHECK_FALSE(genome_to_onnx(normalised, Phenotype{}, network.front_end().normalisation_statistics()).empty());
#endif
  const std::string dot = genome_to_dot(tied_genome(tied_config(true), 6));
  CHECK(dot.find("tied: applied to each of 2 images") != std::string::npos);
  CHECK(dot.find("virtual batch norm") != std::string::npos);
}
