// Spatial mutations: add channel, add layer, sharing-mode conversions and parameter
// perturbation keep what they promise to keep.
#include <catch2/catch.hpp>

#include <cmath>

#include "genome/genome_invariants.hpp"
#include "genome/spatial/initial_stack.hpp"
#include "genome/spatial/layer_channels.hpp"
#include "genome/spatial/layer_insertion.hpp"
#include "genome/spatial/sharing_mode_conversion.hpp"
#include "genome/spatial/geometry.hpp"
#include "spatial_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

Genome start_genome(const GenomeConfig& config, std::uint64_t seed = 1) {
  auto policy = make_innovation_policy(InnovationPolicyKind::persistent, NodeLayout(config).first_free_node);
  RandomStream random(seed, 0, 0, Purpose::initial_population);
  return make_initial_genome(0, config, *policy, random);
}

void require_valid(const Genome& genome) {
  const auto problems = invariant_violations(genome, true);
  INFO(describe(problems));
  REQUIRE(problems.empty());
}

// Similarity of a cell at (x, y) to KCP k, straight from the spec: exp(−‖Σ_k (c_k − p)‖²).
double similarity(const Point2& c, const ShapeMatrix& m, double x, double y) {
  const double dx = c.x - x, dy = c.y - y;
  const double px = m.a * dx + m.b * dy, py = m.c * dx + m.d * dy;
  return std::exp(-(px * px + py * py));
}

}  // namespace

TEST_CASE("add channel keeps every existing weight and gives the next layer zero weights", "[spatial]") {
  const std::size_t index = GENERATE(0, 1);
  const GenomeConfig config = spatial_genome_config();
  Genome genome = start_genome(config);
  const SpatialStack before = *genome.spatial;
  RandomStream random(2, 0, 0, Purpose::reproduction);
  add_channel(genome, index, config.spatial, random);
  require_valid(genome);

  const SpatialLayerGene &old = before.layers[index], &grown = genome.spatial->layers[index];
  REQUIRE(grown.out_channels == old.out_channels + 1);
  const std::size_t k = old.kernel_size;
  for (std::size_t bank = 0; bank < old.banks; ++bank)
    for (std::size_t o = 0; o < old.out_channels; ++o) {
      CHECK(grown.biases[bank * grown.out_channels + o] == old.biases[bank * old.out_channels + o]);
      for (std::size_t c = 0; c < old.in_channels; ++c)
        for (std::size_t u = 0; u < k; ++u)
          for (std::size_t v = 0; v < k; ++v) CHECK(grown.weight(bank, o, c, u, v) == old.weight(bank, o, c, u, v));
    }

  const SpatialLayerGene &next_old = before.layers[index + 1], &next = genome.spatial->layers[index + 1];
  REQUIRE(next.in_channels == next_old.in_channels + 1);
  CHECK(next.biases == next_old.biases);
  const std::size_t nk = next.kernel_size;
  for (std::size_t bank = 0; bank < next.banks; ++bank)
    for (std::size_t o = 0; o < next.out_channels; ++o)
      for (std::size_t u = 0; u < nk; ++u)
        for (std::size_t v = 0; v < nk; ++v) {
          CHECK(next.weight(bank, o, next_old.in_channels, u, v) == 0.0);
          for (std::size_t c = 0; c < next_old.in_channels; ++c)
            CHECK(next.weight(bank, o, c, u, v) == next_old.weight(bank, o, c, u, v));
        }
  CHECK(genome.nodes.size() == start_genome(config).nodes.size());  // readout unchanged
}

TEST_CASE("add channel on the last layer adds unconnected readout nodes and keeps every other id", "[spatial]") {
  const GenomeConfig config = spatial_genome_config();
  Genome genome = start_genome(config);
  const Genome before = genome;
  RandomStream random(3, 0, 0, Purpose::reproduction);
  add_channel(genome, 2, config.spatial, random);
  require_valid(genome);
  CHECK(genome.connections == before.connections);
  for (const NodeGene& node : before.nodes) CHECK(genome.find_node(node.id) != nullptr);
  CHECK(genome.nodes.size() == before.nodes.size() + 9);  // one channel of 3 × 3 cells
  for (std::size_t cell = 0; cell < 9; ++cell) {
    const NodeId added = readout_node_id(2, 2, cell);
    REQUIRE(genome.has_node(added));
    CHECK(genome.find_node(added)->kind == NodeKind::input);
  }
}

TEST_CASE("connect_new_channels joins a new last-layer channel's readout to every output with weight 0", "[spatial]") {
  GenomeConfig config = spatial_genome_config();
  config.spatial.connect_new_channels = true;
  auto policy = make_innovation_policy(InnovationPolicyKind::fresh, NodeLayout(config).first_free_node);
  RandomStream random(7, 0, 0, Purpose::reproduction);
  Genome genome = make_initial_genome(0, config, *policy, random);
  const std::size_t last = genome.spatial->layers.size() - 1;
  std::size_t outputs = 0;
  for (const NodeGene& node : genome.nodes) outputs += node.kind == NodeKind::output ? 1 : 0;
  MutationContext context{config, *policy, random};
  // Grow until the last layer has gained a channel; inner layers grow too on the way.
  while (genome.spatial->layers[last].out_channels == 2) {
    const std::size_t before_connections = genome.connections.size();
    REQUIRE(mutate_add_channel(genome, context));
    if (genome.spatial->layers[last].out_channels == 2) CHECK(genome.connections.size() == before_connections);
  }
  require_valid(genome);
  for (std::size_t cell = 0; cell < 9; ++cell) {
    const NodeId added = readout_node_id(2, 2, cell);
    std::size_t links = 0;
    for (const ConnectionGene& gene : genome.connections) {
      if (gene.in != added) continue;
      ++links;
      CHECK(gene.weight == 0.0);
      CHECK(gene.enabled);
      CHECK(genome.find_node(gene.out)->kind == NodeKind::output);
    }
    CHECK(links == outputs);
  }
}

TEST_CASE("add channel gives a per-feature centroid layer's new channel channel 0's centroids", "[spatial]") {
  GenomeConfig config = spatial_genome_config();
  config.spatial.centroid.per_feature = true;
  config.spatial.centroid.init = CentroidInit::random;
  Genome genome = start_genome(config);
  const CentroidParameters old = genome.spatial->layers[1].centroid;
  RandomStream random(4, 0, 0, Purpose::reproduction);
  add_channel(genome, 1, config.spatial, random);
  require_valid(genome);
  const CentroidParameters& grown = genome.spatial->layers[1].centroid;
  REQUIRE(grown.centroids.size() == 4 * 3);
  for (std::size_t k = 0; k < 4; ++k) {
    CHECK(grown.centroids[k * 3 + 0] == old.centroids[k * 2 + 0]);
    CHECK(grown.centroids[k * 3 + 1] == old.centroids[k * 2 + 1]);
    CHECK(grown.centroids[k * 3 + 2] == old.centroids[k * 2 + 0]);
  }
}

TEST_CASE("add channel stops at max_channels", "[spatial]") {
  GenomeConfig config = spatial_genome_config();
  config.spatial.max_channels = 3;
  Genome genome = start_genome(config);
  RandomStream random(5, 0, 0, Purpose::reproduction);
  auto policy = make_innovation_policy(InnovationPolicyKind::fresh, NodeLayout(config).first_free_node);
  MutationContext context{config, *policy, random};
  for (int i = 0; i < 10; ++i) mutate_add_channel(genome, context);
  for (const SpatialLayerGene& layer : genome.spatial->layers) CHECK(layer.out_channels == 3);
  CHECK_FALSE(mutate_add_channel(genome, context));
  require_valid(genome);
}

TEST_CASE("add layer inserts a Dirac identity that keeps every shape and readout id", "[spatial]") {
  const std::size_t position = GENERATE(0, 1, 2);
  GenomeConfig config = spatial_genome_config();
  config.spatial.added_layer_kernel = 5;
  Genome genome = start_genome(config);
  const Genome before = genome;
  insert_identity_layer(*genome.spatial, position, 1000, config.spatial);
  require_valid(genome);

  const SpatialLayerGene& layer = genome.spatial->layers[position];
  const std::size_t channels = before.spatial->layers[position].in_channels;
  CHECK(layer.innovation == 1000);
  CHECK(layer.mode == SharingMode::shared);
  CHECK(layer.activation == Activation::identity);
  CHECK(layer.stride == 1);
  CHECK(layer.padding.kind == Padding::Kind::same);
  CHECK(layer.in_channels == channels);
  CHECK(layer.out_channels == channels);
  CHECK(layer.biases == std::vector<double>(channels, 0.0));
  for (std::size_t o = 0; o < channels; ++o)
    for (std::size_t c = 0; c < channels; ++c)
      for (std::size_t u = 0; u < 5; ++u)
        for (std::size_t v = 0; v < 5; ++v)
          CHECK(layer.weight(0, o, c, u, v) == (o == c && u == 2 && v == 2 ? 1.0 : 0.0));

  const auto old_geometry = stack_geometry(*before.spatial), new_geometry = stack_geometry(*genome.spatial);
  CHECK(new_geometry[position].output == old_geometry[position].input);
  for (std::size_t i = 0; i < 3; ++i) CHECK(new_geometry[i < position ? i : i + 1].output == old_geometry[i].output);
  CHECK(readout_nodes(*genome.spatial) == readout_nodes(*before.spatial));
  CHECK(genome.nodes == before.nodes);
}

TEST_CASE("mutate_add_layer never inserts after the readout layer", "[spatial]") {
  GenomeConfig config = spatial_genome_config();
  auto policy = make_innovation_policy(InnovationPolicyKind::fresh, NodeLayout(config).first_free_node);
  RandomStream random(6, 0, 0, Purpose::reproduction);
  Genome genome = make_initial_genome(0, config, *policy, random);
  MutationContext context{config, *policy, random};
  for (int i = 0; i < 30; ++i) REQUIRE(mutate_add_layer(genome, context));
  CHECK(genome.spatial->layers.size() == 33);
  CHECK(genome.spatial->layers.back().innovation == 2);
  require_valid(genome);
}

TEST_CASE("an even added_layer_kernel is refused", "[spatial]") {
  GenomeConfig config = spatial_genome_config();
  config.spatial.added_layer_kernel = 4;
  CHECK_THROWS_WITH(identity_layer(7, 2, config.spatial), Catch::Contains("added_layer_kernel must be odd"));
}

TEST_CASE("shared -> centroid copies the bank into every KCP with start centroids and shapes", "[spatial]") {
  const GenomeConfig config = spatial_genome_config();
  const Genome genome = start_genome(config);
  const SpatialLayerGene& shared = genome.spatial->layers[0];
  RandomStream random(7, 0, 0, Purpose::reproduction);
  const SpatialLayerGene converted = shared_to_centroid(shared, config.spatial.centroid, random);
  CHECK(converted.mode == SharingMode::centroid);
  REQUIRE(converted.banks == 4);
  const std::size_t size = shared.kernels.size();
  for (std::size_t k = 0; k < 4; ++k) {
    CHECK(std::vector<double>(converted.kernels.begin() + k * size, converted.kernels.begin() + (k + 1) * size) ==
          shared.kernels);
    CHECK(std::vector<double>(converted.biases.begin() + k * 3, converted.biases.begin() + (k + 1) * 3) ==
          shared.biases);
  }
  CHECK(converted.centroid == initial_centroid_parameters(config.spatial.centroid, 3, random));
  CHECK_THROWS(shared_to_centroid(converted, config.spatial.centroid, random));
}

TEST_CASE("centroid -> local gives each cell Σ_k w_k(i, j)·W_k and Σ_k w_k(i, j)·b_k", "[spatial]") {
  const bool per_feature = GENERATE(false, true);
  const bool normalise = GENERATE(true, false);
  CAPTURE(per_feature, normalise);
  GenomeConfig config = spatial_genome_config();
  config.spatial.centroid.per_feature = per_feature;
  config.spatial.centroid.normalise = normalise;
  config.spatial.centroid.init = CentroidInit::random;
  config.spatial.centroid.sigma = 1.3;
  Genome genome = start_genome(config, 8);
  SpatialLayerGene& centroid = genome.spatial->layers[1];
  centroid.centroid.shapes[1] = {0.7, 0.4, -0.2, 2.0};  // not only sigma·I
  const LayerGeometry geometry = stack_geometry(*genome.spatial)[1];
  const SpatialLayerGene local = centroid_to_local(centroid, geometry);

  const std::size_t height = geometry.convolved.height, width = geometry.convolved.width;  // 4 × 4
  REQUIRE(local.mode == SharingMode::local);
  REQUIRE(local.banks == height * width);
  CHECK(local.centroid == CentroidParameters{});
  const std::size_t channels = centroid.out_channels, k = centroid.kernel_size;
  for (std::size_t i = 0; i < height; ++i)
    for (std::size_t j = 0; j < width; ++j)
      for (std::size_t o = 0; o < channels; ++o) {
        const double x = static_cast<double>(j) / static_cast<double>(width - 1);  // S = 1
        const double y = static_cast<double>(i) / static_cast<double>(height - 1);
        std::vector<double> w(4);
        double total = 0.0;
        for (std::size_t kcp = 0; kcp < 4; ++kcp) {
          const Point2& c = centroid.centroid.centroids[per_feature ? kcp * channels + o : kcp];
          total += w[kcp] = similarity(c, centroid.centroid.shapes[kcp], x, y);
        }
        if (normalise)
          for (double& value : w) value /= total;
        const std::size_t cell = i * width + j;
        double bias = 0.0;
        for (std::size_t kcp = 0; kcp < 4; ++kcp) bias += w[kcp] * centroid.biases[kcp * channels + o];
        CHECK(local.biases[cell * channels + o] == Approx(bias).margin(1e-12));
        for (std::size_t c = 0; c < centroid.in_channels; ++c)
          for (std::size_t u = 0; u < k; ++u)
            for (std::size_t v = 0; v < k; ++v) {
              double weight = 0.0;
              for (std::size_t kcp = 0; kcp < 4; ++kcp) weight += w[kcp] * centroid.weight(kcp, o, c, u, v);
              CHECK(local.weight(cell, o, c, u, v) == Approx(weight).margin(1e-12));
            }
      }
  genome.spatial->layers[1] = local;
  require_valid(genome);
}

TEST_CASE("mode mutation goes shared -> centroid -> local and then stops", "[spatial]") {
  const GenomeConfig config = spatial_genome_config({SharingMode::shared, SharingMode::shared, SharingMode::shared});
  Genome genome = start_genome(config);
  RandomStream random(9, 0, 0, Purpose::reproduction);
  for (int i = 0; i < 6; ++i) {
    REQUIRE(mutate_sharing_mode(genome, config.spatial, random));
    require_valid(genome);
  }
  for (const SpatialLayerGene& layer : genome.spatial->layers) CHECK(layer.mode == SharingMode::local);
  CHECK_FALSE(mutate_sharing_mode(genome, config.spatial, random));
}

TEST_CASE("parameter mutation moves kernels, and centroids and shapes only when they evolve", "[spatial]") {
  GenomeConfig config = busy_spatial_config(spatial_genome_config());
  config.spatial.kernel_mutate_rate = 1.0;
  config.spatial.centroid_mutate_rate = 1.0;
  config.spatial.shape_mutate_rate = 1.0;
  config.spatial.centroid_mutate_power = 5.0;  // most moves leave the plane: they must be clamped
  config.weight_limit = 0.3;
  const Genome start = start_genome(config);
  RandomStream random(10, 0, 0, Purpose::reproduction);

  SECTION("everything evolves") {
    SpatialStack stack = *start.spatial;
    mutate_spatial_parameters(stack, config, random);
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t p = 0; p < stack.layers[i].kernels.size(); ++p) {
        CHECK(stack.layers[i].kernels[p] != start.spatial->layers[i].kernels[p]);
        CHECK(std::abs(stack.layers[i].kernels[p]) <= 0.3);
      }
    const CentroidParameters& kcp = stack.layers[1].centroid;
    for (std::size_t k = 0; k < 4; ++k) {
      CHECK(kcp.centroids[k] != start.spatial->layers[1].centroid.centroids[k]);
      CHECK((kcp.centroids[k].x >= 0.0 && kcp.centroids[k].x <= 1.0 && kcp.centroids[k].y >= 0.0 &&
             kcp.centroids[k].y <= 1.0));
      CHECK(kcp.shapes[k] != start.spatial->layers[1].centroid.shapes[k]);
    }
  }
  SECTION("fixed centroids and shapes stay") {
    config.spatial.centroid.evolve_centroids = false;
    config.spatial.centroid.evolve_shapes = false;
    SpatialStack stack = *start.spatial;
    mutate_spatial_parameters(stack, config, random);
    CHECK(stack.layers[1].centroid == start.spatial->layers[1].centroid);
    CHECK(stack.layers[1].kernels != start.spatial->layers[1].kernels);
  }
}

TEST_CASE("mutate() applies the spatial operators to genomes with a front end", "[spatial]") {
  GenomeConfig config = busy_spatial_config(spatial_genome_config());
  config.spatial.add_layer_rate = 1.0;
  config.spatial.add_channel_rate = 1.0;
  config.spatial.mode_mutate_rate = 1.0;
  auto policy = make_innovation_policy(InnovationPolicyKind::persistent, NodeLayout(config).first_free_node);
  RandomStream random(11, 0, 0, Purpose::reproduction);
  Genome genome = make_initial_genome(0, config, *policy, random);
  const Genome before = genome;
  MutationContext context{config, *policy, random};
  mutate(genome, context);
  require_valid(genome);
  CHECK(genome.spatial->layers.size() == 4);
  std::size_t channels_before = 0, channels_after = 0;
  for (const auto& layer : before.spatial->layers) channels_before += layer.out_channels;
  for (const auto& layer : genome.spatial->layers) channels_after += layer.out_channels;
  CHECK(channels_after > channels_before);
}
