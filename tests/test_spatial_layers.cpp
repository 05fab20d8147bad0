// Spatial front end (nets/spatial_*.hpp): every sharing mode against a naive reference
// written from docs/specs/spatial-layers.md (spatial_reference.hpp), the relations the spec pins down, batch
// consistency, the SpatialNetwork composition and the errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <numeric>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "genome/random.hpp"
#include "genome/spatial/geometry.hpp"
#include "nets/activation_functions.hpp"
#include "nets/feed_forward_network.hpp"
#include "nets/compile_network.hpp"
#include "nets/spatial_front_end.hpp"
#include "nets/spatial_network.hpp"
#include "spatial_reference.hpp"
#include "spatial_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

using ImageRows = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// ---------------------------------------------------------------------------------------
// Comparisons and descriptions.

// |actual − expected| ≤ tolerance · max(1, |expected|) everywhere (relative, with an
// absolute floor for values near 0); row n of `actual` is image n.
void check_matches(const Eigen::MatrixXf& actual, const std::vector<Image>& expected, double tolerance = 1e-4) {
  REQUIRE(static_cast<std::size_t>(actual.rows()) == expected.size());
  double worst = 0.0;
  std::string where;
  for (std::size_t n = 0; n < expected.size(); ++n) {
    REQUIRE(static_cast<std::size_t>(actual.cols()) == expected[n].size());
    for (std::size_t f = 0; f < expected[n].size(); ++f) {
      const double a = actual(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(f)), e = expected[n][f];
      const double error = std::abs(a - e) / std::max(1.0, std::abs(e));
      if (!(error <= worst)) {
        worst = std::isnan(error) ? std::numeric_limits<double>::infinity() : error;
        where = "image " + std::to_string(n) + " value " + std::to_string(f) + ": " + std::to_string(a) + " vs " +
                std::to_string(e);
      }
    }
  }
  INFO("worst: " << where);
  CHECK(worst <= tolerance);
}

void check_close(const Eigen::MatrixXf& actual, const Eigen::MatrixXf& expected, double tolerance) {
  REQUIRE(actual.rows() == expected.rows());
  REQUIRE(actual.cols() == expected.cols());
  const Eigen::ArrayXXf scale = expected.array().abs().max(1.0f);
  CHECK(((actual - expected).array().abs() / scale).maxCoeff() <= tolerance);
}

std::string describe(const SpatialStack& stack, std::size_t batch) {
  std::ostringstream text;
  text << "input " << stack.input.channels << "x" << stack.input.height << "x" << stack.input.width << ", batch "
       << batch << ", readout " << static_cast<int>(stack.readout);
  for (const SpatialLayerGene& l : stack.layers) {
    text << "\n  mode " << static_cast<int>(l.mode) << " C_out " << l.out_channels << " k " << l.kernel_size << " s "
         << l.stride << " padding " << static_cast<int>(l.padding.kind) << "/" << l.padding.amount << " pooling "
         << static_cast<int>(l.pooling) << " " << activation_name(l.activation);
    if (l.mode == SharingMode::centroid)
      text << " K " << l.centroid.shapes.size() << " per_feature " << l.centroid.per_feature << " normalise "
           << l.centroid.normalise << " S " << l.centroid.scale;
  }
  return text.str();
}

// The patch-block size of a random case: one product for everything, one cell per block,
// or something in between (so the blocked paths see ragged last blocks).
std::size_t random_block_bytes(RandomStream& rng) {
  switch (rng.index(3)) {
    case 0: return 0;
    case 1: return 1;
    default: return 64 + rng.index(4096);
  }
}

// The single-layer stack's output through the front end.
Eigen::MatrixXf run_layer(const ImageShape& input, const SpatialLayerGene& layer, const std::vector<float>& images,
                          std::size_t batch, std::size_t block_bytes = 0) {
  SpatialFrontEnd front_end(make_stack(input, {layer}));
  front_end.set_patch_block_bytes(block_bytes);
  front_end.forward(images.data(), batch);
  return front_end.layer_output(0);
}

// A layer that uses bank `bank` of `layer` everywhere.
SpatialLayerGene bank_as_shared(const SpatialLayerGene& layer, std::size_t bank) {
  SpatialLayerGene shared = layer;
  shared.mode = SharingMode::shared;
  shared.banks = 1;
  shared.centroid = {};
  const std::size_t weights = layer.bank_weight_count(), channels = layer.out_channels;
  shared.kernels.assign(layer.kernels.begin() + static_cast<long>(bank * weights),
                        layer.kernels.begin() + static_cast<long>((bank + 1) * weights));
  shared.biases.assign(layer.biases.begin() + static_cast<long>(bank * channels),
                       layer.biases.begin() + static_cast<long>((bank + 1) * channels));
  return shared;
}

// `shared`'s single bank repeated `banks` times, as a layer of `mode`.
SpatialLayerGene repeat_bank(const SpatialLayerGene& shared, SharingMode mode, std::size_t banks) {
  SpatialLayerGene layer = shared;
  layer.mode = mode;
  layer.banks = banks;
  layer.kernels.clear();
  layer.biases.clear();
  for (std::size_t b = 0; b < banks; ++b) {
    layer.kernels.insert(layer.kernels.end(), shared.kernels.begin(), shared.kernels.end());
    layer.biases.insert(layer.biases.end(), shared.biases.begin(), shared.biases.end());
  }
  return layer;
}

struct RandomCase {
  ImageShape input;
  SpatialLayerGene layer;
  std::size_t batch = 1;
  std::vector<float> images;
};

RandomCase random_case(RandomStream& rng, SharingMode mode) {
  RandomCase c;
  c.input = random_image_shape(rng);
  c.layer = random_layer(rng, mode, c.input);
  c.batch = 1 + rng.index(4);
  c.images = random_images(rng, c.input, c.batch);
  return c;
}

}  // namespace

// ---------------------------------------------------------------------------------------

TEST_CASE("Every sharing mode equals the naive reference on random layers", "[spatial]") {
  const SharingMode mode = GENERATE(SharingMode::shared, SharingMode::local, SharingMode::centroid);
  RandomStream rng(100 + static_cast<std::uint64_t>(mode));
  for (int trial = 0; trial < 60; ++trial) {
    const RandomCase c = random_case(rng, mode);
    const SpatialStack stack = make_stack(c.input, {c.layer});
    const std::size_t block_bytes = random_block_bytes(rng);
    INFO("trial " << trial << ", block bytes " << block_bytes << ": " << describe(stack, c.batch));
    check_matches(run_layer(c.input, c.layer, c.images, c.batch, block_bytes), reference_maps(stack, c.images, c.batch, 1));
  }
}

TEST_CASE("A stack of mixed layers and its readout equal the reference", "[spatial]") {
  const ReadoutKind readout = GENERATE(ReadoutKind::flatten, ReadoutKind::mean, ReadoutKind::max);
  RandomStream rng(200 + static_cast<std::uint64_t>(readout));
  for (int trial = 0; trial < 20; ++trial) {
    ImageShape shape = random_image_shape(rng, 3, 16);
    SpatialStack stack = make_stack(shape, {}, readout);
    const std::size_t depth = 1 + rng.index(3);
    for (std::size_t l = 0; l < depth; ++l) {
      const auto mode = static_cast<SharingMode>(rng.index(3));
      stack.layers.push_back(random_layer(rng, mode, shape, 10 + l));
      shape = layer_geometry(stack.layers.back(), shape).output;
    }
    const std::size_t batch = 1 + rng.index(4);
    const std::vector<float> images = random_images(rng, stack.input, batch);
    INFO("trial " << trial << ": " << describe(stack, batch));
    SpatialFrontEnd front_end(stack);
    front_end.set_patch_block_bytes(random_block_bytes(rng));
    const Eigen::MatrixXf features = front_end.forward(images.data(), batch);
    CHECK(static_cast<std::size_t>(features.cols()) == readout_size(stack));
    for (std::size_t l = 0; l < depth; ++l) check_matches(front_end.layer_output(l), reference_maps(stack, images, batch, l + 1));
    check_matches(features, reference_features(stack, images, batch));
  }
}

TEST_CASE("Relation 1: a centroid layer with one KCP equals shared", "[spatial]") {
  RandomStream rng(301);
  for (int trial = 0; trial < 30; ++trial) {
    const RandomCase c = random_case(rng, SharingMode::shared);
    SpatialLayerGene centroid = repeat_bank(c.layer, SharingMode::centroid, 1);
    centroid.centroid.per_feature = rng.chance(0.5);
    randomise_centroids(centroid, rng, 1);
    INFO("trial " << trial << ": " << describe(make_stack(c.input, {centroid}), c.batch));
    check_close(run_layer(c.input, centroid, c.images, c.batch), run_layer(c.input, c.layer, c.images, c.batch), 1e-5);
  }
}

TEST_CASE("Relation 2: KCPs with identical kernels and biases equal shared, wherever the centroids", "[spatial]") {
  RandomStream rng(302);
  for (int trial = 0; trial < 30; ++trial) {
    const RandomCase c = random_case(rng, SharingMode::shared);
    const std::size_t kcps = 2 + rng.index(4);
    SpatialLayerGene centroid = repeat_bank(c.layer, SharingMode::centroid, kcps);
    centroid.centroid.per_feature = rng.chance(0.5);
    centroid.centroid.scale = rng.uniform(0.5, 3.0);
    randomise_centroids(centroid, rng, kcps);
    INFO("trial " << trial << ": " << describe(make_stack(c.input, {centroid}), c.batch));
    check_close(run_layer(c.input, centroid, c.images, c.batch, random_block_bytes(rng)),
                run_layer(c.input, c.layer, c.images, c.batch), 1e-5);
  }
}

TEST_CASE("Relation 3: a local layer whose cells share one kernel bank equals shared", "[spatial]") {
  RandomStream rng(303);
  for (int trial = 0; trial < 30; ++trial) {
    const RandomCase c = random_case(rng, SharingMode::shared);
    const SpatialLayerGene local =
        repeat_bank(c.layer, SharingMode::local, layer_geometry(c.layer, c.input).convolved.cells());
    INFO("trial " << trial << ": " << describe(make_stack(c.input, {local}), c.batch));
    check_close(run_layer(c.input, local, c.images, c.batch, random_block_bytes(rng)),
                run_layer(c.input, c.layer, c.images, c.batch), 1e-5);
  }
}

namespace {

// Squared distances from every cell of an H' × W' plane to centroid set `set`; the smallest
// gap between a cell's nearest and second-nearest KCP (infinite for one KCP).
double nearest_gap(const CentroidParameters& kcp, std::size_t set, std::size_t sets, std::size_t height,
                   std::size_t width) {
  double gap = std::numeric_limits<double>::infinity();
  const std::size_t count = kcp.shapes.size();
  for (std::size_t i = 0; i < height; ++i)
    for (std::size_t j = 0; j < width; ++j) {
      const double y = height == 1 ? 0.0 : kcp.scale * static_cast<double>(i) / static_cast<double>(height - 1);
      const double x = width == 1 ? 0.0 : kcp.scale * static_cast<double>(j) / static_cast<double>(width - 1);
      std::vector<double> d;
      for (std::size_t k = 0; k < count; ++k) {
        const Point2& c = kcp.centroids[k * sets + set];
        d.push_back((c.x - x) * (c.x - x) + (c.y - y) * (c.y - y));
      }
      std::sort(d.begin(), d.end());
      if (count > 1) gap = std::min(gap, d[1] - d[0]);
    }
  return gap;
}

std::size_t nearest_kcp(const CentroidParameters& kcp, std::size_t set, std::size_t sets, double x, double y) {
  std::size_t best = 0;
  double best_distance = std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < kcp.shapes.size(); ++k) {
    const Point2& c = kcp.centroids[k * sets + set];
    const double d = (c.x - x) * (c.x - x) + (c.y - y) * (c.y - y);
    if (d < best_distance) best = k, best_distance = d;
  }
  return best;
}

}  // namespace

TEST_CASE("Relation 4: sharpened similarities give nearest-centroid sharing", "[spatial]") {
  RandomStream rng(304);
  for (int trial = 0; trial < 30; ++trial) {
    RandomCase c = random_case(rng, SharingMode::centroid);
    c.layer.pooling = Pooling::none;  // compare cell by cell
    const ImageShape plane = layer_geometry(c.layer, c.input).convolved;
    const std::size_t kcps = c.layer.centroid.shapes.size();
    const std::size_t sets = c.layer.centroid.per_feature ? c.layer.out_channels : 1;
    c.layer.centroid.normalise = true;
    // Centroids with no (near) tie at any cell, then λ so that the runner-up weighs < e^-60.
    double gap = 0.0;
    do {
      randomise_centroids(c.layer, rng, kcps);
      gap = std::numeric_limits<double>::infinity();
      for (std::size_t set = 0; set < sets; ++set)
        gap = std::min(gap, nearest_gap(c.layer.centroid, set, sets, plane.height, plane.width));
    } while (gap < 1e-3);
    const double lambda = std::isinf(gap) ? 1.0 : std::sqrt(60.0 / gap);
    for (ShapeMatrix& m : c.layer.centroid.shapes) m = {lambda, 0.0, 0.0, lambda};
    INFO("trial " << trial << ", lambda " << lambda << ": " << describe(make_stack(c.input, {c.layer}), c.batch));

    const Eigen::MatrixXf actual = run_layer(c.input, c.layer, c.images, c.batch);
    std::vector<Eigen::MatrixXf> per_kcp;
    for (std::size_t k = 0; k < kcps; ++k) per_kcp.push_back(run_layer(c.input, bank_as_shared(c.layer, k), c.images, c.batch));
    Eigen::MatrixXf expected(actual.rows(), actual.cols());
    for (std::size_t o = 0; o < plane.channels; ++o)
      for (std::size_t i = 0; i < plane.height; ++i)
        for (std::size_t j = 0; j < plane.width; ++j) {
          const double scale = c.layer.centroid.scale;
          const double y = plane.height == 1 ? 0.0 : scale * static_cast<double>(i) / static_cast<double>(plane.height - 1);
          const double x = plane.width == 1 ? 0.0 : scale * static_cast<double>(j) / static_cast<double>(plane.width - 1);
          const std::size_t k = nearest_kcp(c.layer.centroid, sets > 1 ? o : 0, sets, x, y);
          const auto column = static_cast<Eigen::Index>((o * plane.height + i) * plane.width + j);
          expected.col(column) = per_kcp[k].col(column);
        }
    check_close(actual, expected, 1e-5);
  }
}

TEST_CASE("A batch gives what its images give one by one, whatever the input layout", "[spatial]") {
  RandomStream rng(400);
  for (int trial = 0; trial < 20; ++trial) {
    ImageShape shape = random_image_shape(rng, 3, 14);
    SpatialStack stack = make_stack(shape, {}, static_cast<ReadoutKind>(rng.index(3)));
    for (std::size_t l = 0; l < 2; ++l) {
      stack.layers.push_back(random_layer(rng, static_cast<SharingMode>((trial + l) % 3), shape, l + 1));
      shape = layer_geometry(stack.layers.back(), shape).output;
    }
    const std::size_t batch = 2 + rng.index(7);
    const std::vector<float> images = random_images(rng, stack.input, batch);
    INFO("trial " << trial << ": " << describe(stack, batch));
    SpatialFrontEnd front_end(stack);
    const Eigen::MatrixXf together = front_end.forward(images.data(), batch);
    const Eigen::MatrixXf native = Eigen::Map<const ImageRows>(images.data(), static_cast<Eigen::Index>(batch),
                                                               static_cast<Eigen::Index>(stack.input.size()));
    CHECK(front_end.forward(native) == together);
    for (std::size_t n = 0; n < batch; ++n) {
      const Eigen::MatrixXf alone = front_end.forward(images.data() + n * stack.input.size(), 1);
      check_close(alone, together.row(static_cast<Eigen::Index>(n)), 1e-5);
    }
  }
}

TEST_CASE("A spatial network is its front end followed by its graph", "[spatial]") {
  RandomStream rng(500);
  const ImageShape input{2, 9, 8};
  SpatialLayerGene first = random_layer(rng, SharingMode::centroid, input, 1);
  const ImageShape middle = layer_geometry(first, input).output;
  SpatialLayerGene second = random_layer(rng, SharingMode::local, middle, 2);
  const SpatialStack stack = make_stack(input, {first, second}, GENERATE(ReadoutKind::flatten, ReadoutKind::mean));
  const Genome genome = genome_with_front_end(stack, 3, rng);
  const std::size_t batch = 5;
  const std::vector<float> images = random_images(rng, input, batch);
  const Eigen::MatrixXd rows = Eigen::Map<const ImageRows>(
                                   images.data(), static_cast<Eigen::Index>(batch), static_cast<Eigen::Index>(input.size()))
                                   .cast<double>();
  INFO(describe(stack, batch));

  std::unique_ptr<Network> network = compile_network(genome, true);
  auto* spatial = dynamic_cast<SpatialNetwork*>(network.get());
  REQUIRE(spatial != nullptr);
  CHECK(network->input_count() == input.size());
  CHECK(network->output_count() == 3);

  SpatialFrontEnd front_end(stack);
  FeedForwardNetwork graph(genome);
  const Eigen::MatrixXd manual = graph.activate_batch(front_end.forward(images.data(), batch).cast<double>());
  const Eigen::MatrixXd batched = network->activate_batch(rows);
  CHECK(batched == manual);
  CHECK(spatial->activate_images(images.data(), batch) == manual);
  for (std::size_t n = 0; n < batch; ++n) {
    const Eigen::VectorXd row = rows.row(static_cast<Eigen::Index>(n)).transpose();
    std::vector<double> outputs(3);
    network->activate(std::span<const double>(row.data(), static_cast<std::size_t>(row.size())), outputs);
    for (std::size_t o = 0; o < 3; ++o)
      CHECK(outputs[o] == Approx(manual(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(o))).epsilon(1e-5));
  }

  SECTION("a recurrent graph behind the front end steps like a recurrent network") {
    std::unique_ptr<Network> recurrent = compile_network(genome, false);
    REQUIRE(dynamic_cast<SpatialNetwork*>(recurrent.get()) != nullptr);
    std::unique_ptr<Network> plain_graph = compile_network([&] {
      Genome g = genome;
      g.spatial.reset();
      return g;
    }(), false);
    const Eigen::MatrixXd features = front_end.forward(images.data(), batch).cast<double>();
    for (int step = 0; step < 3; ++step) CHECK(recurrent->activate_batch(rows) == plain_graph->activate_batch(features));
  }
}

TEST_CASE("Wrong sizes are rejected with std::invalid_argument", "[spatial]") {
  RandomStream rng(600);
  const ImageShape input{1, 6, 6};
  const SpatialLayerGene layer = random_layer(rng, SharingMode::centroid, input, 1);
  const SpatialStack stack = make_stack(input, {layer});
  const Genome genome = genome_with_front_end(stack, 1, rng);

  SECTION("images of the wrong width") {
    SpatialFrontEnd front_end(stack);
    CHECK_THROWS_AS(front_end.forward(Eigen::MatrixXf(Eigen::MatrixXf::Zero(2, 35))), std::invalid_argument);
    CHECK_THROWS_AS(front_end.forward(Eigen::MatrixXf(Eigen::MatrixXf::Zero(2, 37))), std::invalid_argument);
    SpatialNetwork network(genome, Phenotype{});
    std::vector<double> outputs(1);
    const std::vector<double> short_image(35, 0.0), image(36, 0.0);
    CHECK_THROWS_AS(network.activate(short_image, outputs), std::invalid_argument);
    CHECK_THROWS_AS(network.activate_batch(Eigen::MatrixXd::Zero(3, 37)), std::invalid_argument);
    std::vector<double> too_many_outputs(2);
    CHECK_THROWS_AS(network.activate(image, too_many_outputs), std::invalid_argument);
  }
  SECTION("kernels or biases that do not match the mode and shape") {
    SpatialLayerGene bad = layer;
    bad.kernels.pop_back();
    CHECK_THROWS_AS(SpatialFrontEnd(make_stack(input, {bad})), std::invalid_argument);
    bad = layer;
    bad.biases.push_back(0.0);
    CHECK_THROWS_AS(SpatialFrontEnd(make_stack(input, {bad})), std::invalid_argument);
    bad = layer;
    bad.banks += 1;
    CHECK_THROWS_AS(SpatialFrontEnd(make_stack(input, {bad})), std::invalid_argument);
    bad = layer;
    bad.centroid.centroids.pop_back();
    CHECK_THROWS_AS(SpatialFrontEnd(make_stack(input, {bad})), std::invalid_argument);
  }
  SECTION("a kernel that does not fit the image") {
    SpatialLayerGene big = layer;
    big.kernel_size = 7;
    big.padding = {};
    CHECK_THROWS_AS(SpatialFrontEnd(make_stack(input, {big})), std::invalid_argument);
  }
  SECTION("a graph whose inputs are not the readout") {
    Genome mismatched = genome;
    mismatched.insert_node({1000, NodeKind::input, Activation::identity, 0.0});
    CHECK_THROWS_AS(compile_network(mismatched, true), std::invalid_argument);
    Genome renamed = genome_with_front_end(make_stack(input, {layer}, ReadoutKind::mean), 1, rng);
    renamed.spatial->readout = ReadoutKind::max;  // same count, same ids: accepted
    CHECK_NOTHROW(compile_network(renamed, true));
    renamed.spatial->layers.front().innovation = 9;  // same count, other ids
    CHECK_THROWS_AS(compile_network(renamed, true), std::invalid_argument);
  }
}
