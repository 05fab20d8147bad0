// The first spatial layer of many genomes in one product (nets/population_first_layer.hpp):
// SharedLayer::forward_together against each layer's own forward(), bit for bit; which front
// ends are grouped; a front end using an adopted first layer only for the images it was
// computed from; and a whole generation evaluated with the sharing equal to each genome
// evaluated alone.
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "genome/random.hpp"
#include "genome/spatial/geometry.hpp"
#include "image_experiment.hpp"
#include "neat/tbb_evaluator.hpp"
#include "nets/compile_network.hpp"
#include "nets/compile_spatial_layer.hpp"
#include "nets/population_first_layer.hpp"
#include "nets/shared_layer.hpp"
#include "nets/spatial_network.hpp"
#include "spatial_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

// N × size values uniform in [-1, 1]: N images in the batch-innermost layout.
Eigen::MatrixXf random_batch(RandomStream& rng, std::size_t batch, std::size_t size) {
  Eigen::MatrixXf images(static_cast<Eigen::Index>(batch), static_cast<Eigen::Index>(size));
  for (float& x : images.reshaped()) x = static_cast<float>(rng.uniform(-1.0, 1.0));
  return images;
}

// A `shared` layer on `input` with `channels` outputs, the geometry of `like` and random
// parameters, activation and (where the map allows it) pooling.
SpatialLayerGene shared_like(const SpatialLayerGene& like, std::size_t channels, const ImageShape& input,
                             RandomStream& rng) {
  SpatialLayerGene layer = like;
  layer.out_channels = channels;
  const auto& activations = all_activations();
  layer.activation = activations[rng.index(activations.size())];
  const ImageShape convolved = layer_geometry(layer, input).convolved;
  const bool poolable = convolved.height >= 2 && convolved.width >= 2;
  layer.pooling = !poolable || rng.chance(0.3) ? Pooling::none : rng.chance(0.5) ? Pooling::max : Pooling::mean;
  randomise_parameters(layer, input, rng);
  return layer;
}

std::unique_ptr<SpatialLayer> compile(const SpatialLayerGene& gene, const ImageShape& input) {
  return compile_spatial_layer(gene, layer_geometry(gene, input));
}

// A front end of one layer: `gene` on `input`.
std::unique_ptr<SpatialFrontEnd> front_end_of(const SpatialLayerGene& gene, const ImageShape& input) {
  return std::make_unique<SpatialFrontEnd>(make_stack(input, {gene}));
}

// A layer of `mode` on `input`: k × k, stride 1, valid padding, random parameters.
SpatialLayerGene layer_gene(SharingMode mode, const ImageShape& input, std::size_t kernel, std::size_t channels,
                            RandomStream& rng) {
  SpatialLayerGene layer;
  layer.innovation = 1;
  layer.mode = mode;
  layer.in_channels = input.channels;
  layer.out_channels = channels;
  layer.kernel_size = kernel;
  randomise_parameters(layer, input, rng, 2);
  return layer;
}

std::vector<SpatialFrontEnd*> pointers(const std::vector<std::unique_ptr<SpatialFrontEnd>>& front_ends) {
  std::vector<SpatialFrontEnd*> result;
  for (const auto& front_end : front_ends) result.push_back(front_end.get());
  return result;
}

}  // namespace

TEST_CASE("Shared layers run together give what each gives alone, to the bit", "[spatial][population]") {
  RandomStream rng(2026);
  for (int trial = 0; trial < 40; ++trial) {
    // Up to 32 input channels: depths (C_in·k·k) past the block Eigen splits a product's depth into.
    const std::size_t channels = rng.chance(0.3) ? 8 + rng.index(25) : 1 + rng.index(3);
    const ImageShape input = {channels, 4 + rng.index(12), 4 + rng.index(12)};
    const SpatialLayerGene like = random_layer(rng, SharingMode::shared, input);
    const std::size_t count = 2 + rng.index(12);
    const std::size_t batch = std::vector<std::size_t>{1, 5, 47, 49, 100}[rng.index(5)];
    std::vector<std::unique_ptr<SpatialLayer>> layers;
    std::vector<const SharedLayer*> shared;
    for (std::size_t i = 0; i < count; ++i) {
      layers.push_back(compile(shared_like(like, 2 + rng.index(7), input, rng), input));
      shared.push_back(dynamic_cast<const SharedLayer*>(layers.back().get()));
      REQUIRE(shared.back() != nullptr);
    }
    const std::size_t block_bytes = rng.chance(0.5) ? 0 : 64 + rng.index(1 << 16);
    layers.front()->set_patch_block_bytes(block_bytes);
    const Eigen::MatrixXf images = random_batch(rng, batch, input.size());
    std::vector<Eigen::MatrixXf> together(count);
    std::vector<Eigen::MatrixXf*> targets;
    for (Eigen::MatrixXf& output : together) targets.push_back(&output);
    SpatialScratch scratch;
    SharedLayer::forward_together(shared, images.data(), batch, targets, scratch);
    for (std::size_t i = 0; i < count; ++i) {
      Eigen::MatrixXf alone;
      SpatialScratch own;
      layers[i]->forward(images.data(), batch, alone, own);
      INFO("trial " << trial << ", layer " << i << " of " << count << ", batch " << batch << ", block bytes "
                    << block_bytes << ", kernel " << like.kernel_size << ", stride " << like.stride);
      REQUIRE(together[i].rows() == alone.rows());
      REQUIRE(together[i].cols() == alone.cols());
      CHECK((together[i].array() == alone.array()).all());
    }
  }
}

TEST_CASE("Front ends are grouped by first-layer geometry, in order, up to the column limit", "[spatial][population]") {
  RandomStream rng(7);
  const ImageShape input{1, 8, 8};
  std::vector<std::unique_ptr<SpatialFrontEnd>> front_ends;
  const auto add = [&](SpatialLayerGene gene) { front_ends.push_back(front_end_of(gene, input)); };
  const std::size_t wide = kFirstLayerGroupColumns / 4 + 2;  // 4-channel front ends: more than one group holds
  for (std::size_t i = 0; i < wide; ++i) add(layer_gene(SharingMode::shared, input, 3, 4, rng));  // 0 …
  add(layer_gene(SharingMode::shared, input, 5, 4, rng));     // another kernel size, alone: left out
  add(layer_gene(SharingMode::shared, input, 3, 1, rng));     // one channel: left out
  add(layer_gene(SharingMode::local, input, 3, 4, rng));      // another mode: left out
  add(layer_gene(SharingMode::centroid, input, 3, 4, rng));   // another mode: left out
  SpatialLayerGene normalised = layer_gene(SharingMode::shared, input, 3, 4, rng);
  add_normalisation(normalised, rng);
  add(normalised);                                            // virtual batch norm: left out
  add(layer_gene(SharingMode::shared, input, 3, 2, rng));     // joins the last 3×3 group

  const std::vector<SpatialFrontEnd*> all = pointers(front_ends);
  const auto groups = first_layer_groups(all);
  REQUIRE(groups.size() == 2);
  CHECK(groups[0] == std::vector<SpatialFrontEnd*>(all.begin(), all.begin() + kFirstLayerGroupColumns / 4));
  CHECK(groups[1] == std::vector<SpatialFrontEnd*>{all[wide - 2], all[wide - 1], all.back()});
}

TEST_CASE("A front end takes an adopted first layer for exactly the images it came from", "[spatial][population]") {
  RandomStream rng(11);
  const ImageShape input{2, 9, 9};
  SpatialLayerGene first = layer_gene(SharingMode::shared, input, 3, 3, rng);
  first.pooling = Pooling::max;
  const ImageShape after_first = layer_geometry(first, input).output;
  const SpatialStack stack = make_stack(input, {first, layer_gene(SharingMode::shared, after_first, 2, 2, rng)});
  const Genome genome = genome_with_front_end(stack, 3, rng);
  const auto images = std::make_shared<const Eigen::MatrixXf>(random_batch(rng, 37, input.size()));

  SpatialNetwork alone(genome, Phenotype{});
  const Eigen::MatrixXd expected = alone.activate_float_batch(*images);

  std::vector<std::unique_ptr<SpatialNetwork>> networks;
  std::vector<SpatialFrontEnd*> front_ends;
  for (int i = 0; i < 3; ++i) {
    networks.push_back(std::make_unique<SpatialNetwork>(genome, Phenotype{}));
    front_ends.push_back(&networks.back()->front_end());
  }
  const auto groups = first_layer_groups(front_ends);
  REQUIRE(groups.size() == 1);
  run_first_layer_group(groups[0], images, *images);
  for (auto& network : networks) {
    CHECK((network->activate_float_batch(*images).array() == expected.array()).all());
    CHECK((network->activate_float_batch(*images).array() == expected.array()).all());  // computed itself now
  }

  // An adopted layer is used: a wrong one changes the outputs, but only for its own images.
  SpatialNetwork fooled(genome, Phenotype{});
  const Eigen::MatrixXf copy = *images;  // the same values elsewhere in memory
  fooled.front_end().adopt_first_layer(images, *images, Eigen::MatrixXf::Zero(37, static_cast<Eigen::Index>(after_first.size())));
  CHECK((fooled.activate_float_batch(copy).array() == expected.array()).all());
  CHECK((fooled.activate_float_batch(*images).array() != expected.array()).any());
  CHECK_THROWS_AS(fooled.front_end().adopt_first_layer(images, *images, Eigen::MatrixXf::Zero(36, 1)),
                  std::invalid_argument);
}

TEST_CASE("An image task hands each network its first layer, which scoring then uses", "[spatial][population]") {
  ImageExperiment experiment("digits_shared.json", {{"task.batch_size", "100"}});
  const Task& task = *experiment.task;
  REQUIRE(task.shares_generation_work());
  std::vector<std::unique_ptr<Network>> networks;
  std::vector<Network*> pointers;
  for (std::uint64_t id = 1; id <= 20; ++id) {
    networks.push_back(compile_network(experiment.start_genome(id), true));
    pointers.push_back(networks.back().get());
  }
  const std::uint64_t seed = experiment.config.seed;
  task.share_generation_work(pointers, seed, 4);
  for (std::size_t i = 0; i < networks.size(); ++i) {
    auto& spatial = dynamic_cast<SpatialNetwork&>(*networks[i]);
    INFO("genome " << i + 1);
    REQUIRE(spatial.front_end().adopted_first_layers() == 1);
    RandomStream shared_stream(seed, 4, i + 1, Purpose::evaluation), own_stream(seed, 4, i + 1, Purpose::evaluation);
    EvaluationContext shared_context{seed, 4, i + 1, shared_stream}, own_context{seed, 4, i + 1, own_stream};
    const double shared = task.evaluate(spatial, shared_context).fitness;
    CHECK(spatial.front_end().adopted_first_layers() == 0);  // used
    const auto alone = compile_network(experiment.start_genome(i + 1), true);
    CHECK(task.evaluate(*alone, own_context).fitness == shared);
  }
}

TEST_CASE("A generation evaluated with shared first layers scores each genome as it scores alone",
          "[spatial][population][evaluator]") {
  ImageExperiment experiment("digits_shared.json", {{"task.batch_size", "100"}});
  std::vector<Genome> genomes;
  for (std::uint64_t id = 1; id <= 40; ++id) genomes.push_back(experiment.start_genome(id));
  const EvaluationSettings settings = evaluation_settings(experiment.config);
  for (const std::size_t threads : {std::size_t{1}, std::size_t{2}}) {
    EvaluationSettings threaded = settings;
    threaded.threads = threads;
    TbbEvaluator evaluator(*experiment.task, threaded);
    const std::vector<Evaluation> together = evaluator.evaluate(genomes, 3);
    for (std::size_t i = 0; i < genomes.size(); ++i) {
      const Evaluation alone = evaluate_genome(genomes[i], *experiment.task, settings, 3);
      INFO("threads " << threads << ", genome " << i);
      REQUIRE_FALSE(alone.failed);
      CHECK(together[i].fitness == alone.fitness);
    }
  }
}
