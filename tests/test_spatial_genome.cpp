// The start front end: layer ids, shapes, banks, centroid grids, parameter counts, and the
// graph inputs it reads out into.
#include <catch2/catch.hpp>

#include <cmath>

#include "genome/genome_invariants.hpp"
#include "genome/spatial/initial_stack.hpp"
#include "genome/spatial/geometry.hpp"
#include "spatial_support.hpp"

using namespace convneat;
using namespace convneat::testing;

TEST_CASE("the start stack numbers its layers 0..L-1 and chains their channels", "[spatial]") {
  const GenomeConfig config = spatial_genome_config();
  RandomStream random(1, 0, 0, Purpose::initial_population);
  const SpatialStack stack = make_initial_stack(config.spatial, random);
  REQUIRE(stack.layers.size() == 3);
  CHECK(stack.input == ImageShape{2, 9, 9});
  CHECK(stack.readout == ReadoutKind::flatten);
  const std::vector<std::size_t> in{2, 3, 2}, out{3, 2, 2}, banks{1, 4, 9};
  const std::vector<SharingMode> modes{SharingMode::shared, SharingMode::centroid, SharingMode::local};
  for (std::size_t i = 0; i < 3; ++i) {
    const SpatialLayerGene& layer = stack.layers[i];
    CAPTURE(i);
    CHECK(layer.innovation == i);
    CHECK(layer.in_channels == in[i]);
    CHECK(layer.out_channels == out[i]);
    CHECK(layer.mode == modes[i]);
    CHECK(layer.banks == banks[i]);
    CHECK(layer.kernels.size() == banks[i] * out[i] * in[i] * layer.kernel_size * layer.kernel_size);
    CHECK(layer.biases.size() == banks[i] * out[i]);
  }
  CHECK(stack.layers[0].pooling == Pooling::max);
  CHECK(stack.layers[1].activation == Activation::tanh);
  CHECK(final_map_shape(stack) == ImageShape{2, 3, 3});
}

TEST_CASE("parameter counts follow the spec's formulas for each mode", "[spatial]") {
  const GenomeConfig config = spatial_genome_config();
  RandomStream random(2, 0, 0, Purpose::initial_population);
  const SpatialStack stack = make_initial_stack(config.spatial, random);
  CHECK(parameter_count(stack.layers[0]) == 3 * 2 * 3 * 3 + 3);                // shared C_out·C_in·k·k + C_out
  CHECK(parameter_count(stack.layers[1]) == 4 * (2 * 3 * 3 * 3 + 2) + 4 * 6);  // centroid K·(…) + K·6
  CHECK(parameter_count(stack.layers[2]) == 3 * 3 * (2 * 2 * 2 * 2 + 2));      // local H'W'·(…)
  CHECK(parameter_count(stack) == 57 + 248 + 162);
}

TEST_CASE("grid centroids sit at S/(G+1) steps, shapes at sigma·I", "[spatial]") {
  GenomeConfig config = spatial_genome_config();
  config.spatial.centroid.count = 6;
  config.spatial.centroid.grid_rows = 2;
  config.spatial.centroid.grid_columns = 3;
  config.spatial.centroid.scale = 2.0;
  config.spatial.centroid.sigma = 1.5;
  RandomStream random(3, 0, 0, Purpose::initial_population);
  const SpatialLayerGene layer = make_initial_stack(config.spatial, random).layers[1];
  REQUIRE(layer.banks == 6);
  const CentroidParameters& kcp = layer.centroid;
  REQUIRE(kcp.centroids.size() == 6);
  const double xs[] = {0.5, 1.0, 1.5};     // 2/4, 2·2/4, 2·3/4
  const double ys[] = {2.0 / 3, 4.0 / 3};  // 2/3, 2·2/3
  for (std::size_t row = 0; row < 2; ++row)
    for (std::size_t column = 0; column < 3; ++column) {
      CAPTURE(row, column);
      CHECK(kcp.centroids[row * 3 + column].x == Approx(xs[column]).margin(1e-15));
      CHECK(kcp.centroids[row * 3 + column].y == Approx(ys[row]).margin(1e-15));
    }
  for (const ShapeMatrix& shape : kcp.shapes) CHECK(shape == ShapeMatrix{1.5, 0.0, 0.0, 1.5});
  CHECK(kcp.scale == 2.0);
  CHECK(kcp.normalise);
  CHECK_FALSE(kcp.per_feature);
}

TEST_CASE("random and per-feature centroids: K·C_out of them, all in [0, S]²", "[spatial]") {
  GenomeConfig config = spatial_genome_config();
  config.spatial.centroid.init = CentroidInit::random;
  config.spatial.centroid.per_feature = true;
  config.spatial.centroid.normalise = false;
  RandomStream random(4, 0, 0, Purpose::initial_population);
  const SpatialLayerGene layer = make_initial_stack(config.spatial, random).layers[1];
  CHECK(layer.centroid.centroids.size() == 4 * 2);
  CHECK(layer.centroid.shapes.size() == 4);
  CHECK(layer.centroid.per_feature);
  CHECK_FALSE(layer.centroid.normalise);
  for (const Point2& p : layer.centroid.centroids) {
    CHECK((p.x >= 0.0 && p.x <= 1.0));
    CHECK((p.y >= 0.0 && p.y <= 1.0));
  }
  CHECK(layer.centroid.centroids[0] != layer.centroid.centroids[1]);
}

TEST_CASE("a grid that does not hold count centroids is refused", "[spatial]") {
  GenomeConfig config = spatial_genome_config();
  config.spatial.centroid.count = 5;
  CHECK_THROWS_WITH(initial_stack_structure(config.spatial), Catch::Contains("2 x 2") && Catch::Contains("count = 5"));
}

TEST_CASE("start kernels and biases are N(0, scale²/fan_in)", "[spatial]") {
  GenomeConfig config;
  config.spatial.input = {8, 16, 16};
  config.spatial.layers = {layer_spec(SharingMode::local, 3, 1, Padding::Kind::same, 8)};
  config.spatial.kernel_init_scale = 2.0;
  RandomStream random(5, 0, 0, Purpose::initial_population);
  const SpatialLayerGene layer = make_initial_stack(config.spatial, random).layers[0];
  const double expected = 2.0 / std::sqrt(8.0 * 9.0);
  CHECK(kernel_init_stdev(layer, 2.0) == expected);
  double sum = 0.0, squares = 0.0;
  for (double w : layer.kernels) sum += w, squares += w * w;
  const double n = static_cast<double>(layer.kernels.size());  // 147,456 draws
  CHECK(std::abs(sum / n) < 0.02 * expected);  // the mean's stdev is expected / 384
  CHECK(std::sqrt(squares / n) == Approx(expected).epsilon(0.01));
}

TEST_CASE("every start genome has the same layer ids and parameters of its own", "[spatial]") {
  const GenomeConfig config = spatial_genome_config();
  auto policy = make_innovation_policy(InnovationPolicyKind::per_generation, NodeLayout(config).first_free_node);
  RandomStream first_stream(6, 0, 0, Purpose::initial_population), second_stream(6, 0, 1, Purpose::initial_population);
  const Genome first = make_initial_genome(0, config, *policy, first_stream);
  const Genome second = make_initial_genome(1, config, *policy, second_stream);
  REQUIRE(first.spatial);
  REQUIRE(second.spatial);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(first.spatial->layers[i].innovation == second.spatial->layers[i].innovation);
    CHECK(first.spatial->layers[i].kernels != second.spatial->layers[i].kernels);
  }
  CHECK(first.spatial->layers[1].centroid == second.spatial->layers[1].centroid);  // grid: same places
}

TEST_CASE("with a front end, the graph's inputs are the start stack's readout nodes", "[spatial]") {
  GenomeConfig config = spatial_genome_config();
  config.num_inputs = 99;  // ignored
  const NodeLayout layout(config);
  RandomStream random(7, 0, 0, Purpose::initial_population);
  const SpatialStack stack = make_initial_stack(config.spatial, random);
  CHECK(layout.inputs == readout_nodes(stack));
  CHECK(layout.inputs.size() == 18);
  CHECK(layout.inputs.front() == readout_node_id(2, 0, 0));
  CHECK(layout.inputs.back() == readout_node_id(2, 1, 8));
  CHECK(layout.bias == std::vector<NodeId>{0});
  CHECK(layout.outputs == std::vector<NodeId>{1, 2});
  CHECK(layout.first_free_node == 3);

  auto policy = make_innovation_policy(InnovationPolicyKind::fresh, layout.first_free_node);
  const Genome genome = make_initial_genome(0, config, *policy, random);
  CHECK(genome.nodes.size() == 18 + 1 + 2);
  CHECK(genome.connections.size() == (18 + 1) * 2);
  for (NodeId in : layout.inputs) CHECK(genome.find_node(in)->kind == NodeKind::input);
  const auto problems = invariant_violations(genome, true);
  INFO(describe(problems));
  CHECK(problems.empty());

  config.spatial.readout = ReadoutKind::mean;  // one input per channel
  CHECK(NodeLayout(config).inputs == std::vector<NodeId>{readout_node_id(2, 0, 0), readout_node_id(2, 1, 0)});
}
