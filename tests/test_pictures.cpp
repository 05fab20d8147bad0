// `convneat picture`: the pure picture maths on hand-made layers (dominant KCP, weighted
// kernels, normalisation, sampling, tiling, curves), and the command on a real run.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli_support.hpp"
#include "experiments/champion_file.hpp"
#include "experiments/pictures/layer_pictures.hpp"
#include "experiments/pictures/run_curves.hpp"

using namespace convneat;
using namespace convneat::pictures;
using namespace convneat::testing;

namespace {

// convneat picture needs gnuplot (Debian package gnuplot-nox); without it the test says so.
bool gnuplot_missing() {
  if (std::system("gnuplot --version >/dev/null 2>&1") == 0) return false;
  WARN("gnuplot not found (Debian package gnuplot-nox): convneat picture not tested");
  return true;
}

// 1 → 1 channel, 2 × 2 kernels, K = 2 KCPs with identity shapes at (0.25, 0.5) and (0.75, 0.5)
// on [0, 1]²: on a 4 × 4 map (x_j = j / 3) columns 0, 1 are nearer KCP 0, columns 2, 3 KCP 1.
SpatialLayerGene two_kcp_layer() {
  SpatialLayerGene layer;
  layer.mode = SharingMode::centroid;
  layer.kernel_size = 2;
  layer.banks = 2;
  layer.kernels = {1, 2, 3, 4, /* KCP 1 */ 0, -1, 5, 2};
  layer.biases = {0, 0};
  layer.centroid.centroids = {{0.25, 0.5}, {0.75, 0.5}};
  layer.centroid.shapes = {ShapeMatrix{}, ShapeMatrix{}};
  return layer;
}

// The spec's normalised similarity, written out independently of kcp_weights.
double expected_weight(const SpatialLayerGene& layer, std::size_t k, double x, double y) {
  const auto similarity = [&](const Point2& c) { return std::exp(-((x - c.x) * (x - c.x) + (y - c.y) * (y - c.y))); };
  return similarity(layer.centroid.centroids[k]) /
         (similarity(layer.centroid.centroids[0]) + similarity(layer.centroid.centroids[1]));
}

bool starts_with_png_signature(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  char bytes[8] = {};
  file.read(bytes, 8);
  return file.gcount() == 8 && std::string(bytes, 8) == std::string("\x89PNG\r\n\x1a\n", 8);
}

}  // namespace

TEST_CASE("the dominant-KCP map colours each half by its nearer centroid") {
  const SpatialLayerGene layer = two_kcp_layer();
  const Plane map = dominant_kcp_map(layer, kcp_weights(layer, 4, 4), 4, 4, 0);
  REQUIRE(map.height == 4);
  REQUIRE(map.width == 4);
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = 0; j < 4; ++j) CHECK(map.at(i, j) == (j < 2 ? 0.0 : 1.0));
  const std::vector<Point2> centroids = centroid_cells(layer, 4, 4, 0);
  CHECK(centroids == std::vector<Point2>{{0.75, 1.5}, {2.25, 1.5}});
}

TEST_CASE("with per-feature centroids each output channel has its own dominant-KCP map") {
  SpatialLayerGene layer = two_kcp_layer();
  layer.out_channels = 2;
  layer.kernels.resize(2 * 2 * 4, 0.5);
  layer.biases = {0, 0, 0, 0};
  layer.centroid.per_feature = true;  // index k · C_out + o: channel 1 has the centroids swapped
  layer.centroid.centroids = {{0.25, 0.5}, {0.75, 0.5}, {0.75, 0.5}, {0.25, 0.5}};
  const std::vector<double> weights = kcp_weights(layer, 4, 4);
  const Plane first = dominant_kcp_map(layer, weights, 4, 4, 0), second = dominant_kcp_map(layer, weights, 4, 4, 1);
  for (std::size_t j = 0; j < 4; ++j) {
    CHECK(first.at(2, j) == (j < 2 ? 0.0 : 1.0));
    CHECK(second.at(2, j) == (j < 2 ? 1.0 : 0.0));
  }
  CHECK(centroid_cells(layer, 4, 4, 1) == std::vector<Point2>{{2.25, 1.5}, {0.75, 1.5}});
}

TEST_CASE("the weighted kernel at a cell is the sum of w_k times W_k") {
  const SpatialLayerGene layer = two_kcp_layer();
  const std::vector<double> weights = kcp_weights(layer, 4, 4);
  const std::size_t i = 1, j = 2;  // x = 2/3, y = 1/3
  const double w0 = expected_weight(layer, 0, 2.0 / 3.0, 1.0 / 3.0), w1 = expected_weight(layer, 1, 2.0 / 3.0, 1.0 / 3.0);
  const std::vector<double> kernel = weighted_kernel(layer, weights, 16, i * 4 + j, 0, 0);
  const std::vector<double> expected{w0 * 1 + w1 * 0, w0 * 2 + w1 * -1, w0 * 3 + w1 * 5, w0 * 4 + w1 * 2};
  REQUIRE(kernel.size() == 4);
  for (std::size_t p = 0; p < 4; ++p) CHECK(kernel[p] == Approx(expected[p]).margin(1e-12));
}

TEST_CASE("normalisation maps min to 0 and max to 1, and a constant kernel to 0.5") {
  CHECK(normalised({2.0, 4.0, 3.0}) == std::vector<double>{0.0, 1.0, 0.5});
  CHECK(normalised({-1.0, -3.0}) == std::vector<double>{1.0, 0.0});
  CHECK(normalised({3.0, 3.0, 3.0}) == std::vector<double>{0.5, 0.5, 0.5});
  CHECK(normalised({}).empty());
}

TEST_CASE("sampled cells spread evenly over the map, ends included") {
  CHECK(spread_indices(16, 4) == std::vector<std::size_t>{0, 5, 10, 15});
  CHECK(spread_indices(8, 4) == std::vector<std::size_t>{0, 2, 5, 7});
  CHECK(spread_indices(3, 4) == std::vector<std::size_t>{0, 1, 2});
  CHECK(spread_indices(5, 1) == std::vector<std::size_t>{0});
  CHECK(sampled_cells(2, 3, 2) == std::vector<Cell>{{0, 0}, {0, 2}, {1, 0}, {1, 2}});
}

TEST_CASE("a local layer's sampled grid shows each sampled cell's own bank, a gap between channels") {
  SpatialLayerGene layer;
  layer.mode = SharingMode::local;
  layer.kernel_size = 2;
  layer.out_channels = 2;
  layer.banks = 9;  // 1 × 4 × 4 input, 2 × 2 valid kernels: a 3 × 3 map
  for (std::size_t v = 0; v < 9 * 2 * 4; ++v) layer.kernels.push_back(static_cast<double>((v * 7) % 11));
  layer.biases.assign(9 * 2, 0.0);
  const KernelGrid grid = sampled_kernel_grid(layer, layer_geometry(layer, {1, 4, 4}), 2);
  REQUIRE(grid.rows == 2);
  REQUIRE(grid.columns == 5);  // 2 cells, a gap, 2 cells
  // The kernels on the layer's one scale: divided by its largest |weight|, 10.
  REQUIRE(grid.shared_scale == 10.0);
  const auto on_scale = [](std::vector<double> kernel) {
    for (double& weight : kernel) weight /= 10.0;
    return kernel;
  };
  CHECK(grid.tiles[1 * 5 + 1] == on_scale(bank_kernel(layer, 8, 0, 0)));  // cell (2, 2), channel 0
  CHECK(grid.tiles[0 * 5 + 2].empty());
  CHECK(grid.tiles[0 * 5 + 4] == on_scale(bank_kernel(layer, 2, 1, 0)));  // cell (0, 2), channel 1
  CHECK(grid.column_labels == std::vector<std::string>{"out 0, col 0", "out 0, col 2", "", "out 1, col 0", "out 1, col 2"});
  CHECK(grid.tile_kcps.empty());  // a local layer's kernels are grey: no KCPs
}

TEST_CASE("a centroid layer's weighted kernels are tinted by their cell's dominant KCP, as in the KCP map") {
  const SpatialLayerGene layer = two_kcp_layer();
  const LayerGeometry geometry = layer_geometry(layer, {1, 5, 5});  // 2 × 2 valid kernels: a 4 × 4 map
  const KernelGrid grid = sampled_kernel_grid(layer, geometry, 4);
  REQUIRE(grid.rows == 4);
  REQUIRE(grid.columns == 4);
  REQUIRE(grid.tile_kcps.size() == 16);
  const Plane map = dominant_kcp_map(layer, kcp_weights(layer, 4, 4), 4, 4, 0);
  for (std::size_t r = 0; r < 4; ++r)
    for (std::size_t t = 0; t < 4; ++t) {
      CHECK(grid.tile_kcps[r * 4 + t] == static_cast<int>(map.at(r, t)));
      CHECK(grid.tile_kcps[r * 4 + t] == (t < 2 ? 0 : 1));  // the left half nearer KCP 0
    }
}

TEST_CASE("a shared layer's sheet has a row per input channel, a column per output channel, one colour scale") {
  SpatialLayerGene layer;
  layer.kernel_size = 1;
  layer.in_channels = 2;
  layer.out_channels = 3;
  layer.kernels = {1, 2, 3, 4, -6, 5};  // W[o][c] at o·2 + c
  layer.biases = {0, 0, 0};
  const KernelGrid grid = bank_kernel_grid(layer);
  CHECK(grid.rows == 2);
  CHECK(grid.columns == 3);
  CHECK(grid.shared_scale == 6.0);                                   // the largest |weight|
  CHECK(grid.tiles[1 * 3 + 2] == std::vector<double>{5.0 / 6.0});  // row in 1, column out 2: W[2][1] / 6
  CHECK(grid.tiles[0 * 3 + 2] == std::vector<double>{-1.0});       // −6 / 6: signs kept, not normalised
  CHECK(grid.row_labels == std::vector<std::string>{"in 0", "in 1"});
  CHECK(grid.column_labels == std::vector<std::string>{"out 0", "out 1", "out 2"});
  CHECK(grid.row_kcps.empty());
}

TEST_CASE("a centroid layer's sheet has a row per KCP and input channel, labelled in the KCP's colour") {
  const SpatialLayerGene layer = two_kcp_layer();
  const KernelGrid grid = bank_kernel_grid(layer);
  REQUIRE(grid.rows == 2 * layer.in_channels);
  REQUIRE(grid.columns == layer.out_channels);
  CHECK(grid.row_kcps == std::vector<int>{0, 1});
  CHECK(grid.row_labels == std::vector<std::string>{"KCP 0, in 0", "KCP 1, in 0"});
  CHECK(grid.shared_scale == 5.0);
  CHECK(grid.tiles[1 * grid.columns] == std::vector<double>{0, -0.2, 1, 0.4});  // KCP 1's kernel, / 5
}

TEST_CASE("a layer of zero kernels keeps a usable colour scale") {
  SpatialLayerGene layer;
  layer.kernels = std::vector<double>(9, 0.0);
  layer.biases = {0};
  CHECK(largest_weight(layer) == 1.0);
}

TEST_CASE("tiling leaves one NaN pixel between kernels") {
  const KernelGrid grid{1, 2, 2, {{0, 1, 0.5, 0.25}, {1, 1, 0, 0}}, {"r"}, {"a", "b"}, {}, {}, {}};
  const Plane plane = tiled(grid);
  REQUIRE(plane.height == 2);
  REQUIRE(plane.width == 5);
  CHECK(plane.at(1, 0) == 0.5);
  CHECK(std::isnan(plane.at(0, 2)));
  CHECK(plane.at(0, 3) == 1.0);
  CHECK(plane.at(1, 4) == 0.0);
}

TEST_CASE("curves are read from generations.csv, accuracies from the champion_test column") {
  const RunCurves curves = parse_generations_csv(
      "generation,best_fitness,mean_fitness,stdev_fitness,species_count,species_sizes,best_nodes,"
      "best_enabled_connections,evaluations,failed_evaluations,solved,compatibility_threshold,champion_test,seconds\n"
      "0,0.5,0.25,0.1,2,3 4,5,6,7,0,0,3,,0.1\n"
      "1,0.75,0.5,0.1,2,3 4,5,6,7,0,0,3,genome=12 test_accuracy=0.61 validation_accuracy=0.64 passed=0,0.2\n");
  REQUIRE(curves.points.size() == 2);
  CHECK(curves.points[0].best_fitness == 0.5);
  CHECK_FALSE(curves.points[0].test_accuracy);
  CHECK(curves.points[1].generation == 1);
  CHECK(curves.points[1].mean_fitness == 0.5);
  CHECK(curves.points[1].stdev_fitness == 0.1);
  CHECK(curves.points[1].evaluations == 7);
  CHECK(curves.points[1].test_accuracy == 0.61);
  CHECK(curves.points[1].validation_accuracy == 0.64);
  CHECK(curves.has_accuracy());
}

TEST_CASE("species sizes are read from species.csv, 0 where a species did not exist") {
  const SpeciesHistory history = parse_species_csv(
      "generation,species,size,best_fitness,age,stagnant_for\n"
      "0,1,10,0.5,0,0\n"
      "1,1,6,0.5,1,1\n1,3,4,0.7,0,0\n"
      "2,3,7,0.8,1,0\n2,4,3,0.1,0,0\n");
  CHECK(history.generations == std::vector<std::size_t>{0, 1, 2});
  CHECK(history.ids == std::vector<std::uint64_t>{1, 3, 4});
  CHECK(history.sizes == std::vector<std::vector<std::size_t>>{{10, 0, 0}, {6, 4, 0}, {0, 7, 3}});
  CHECK_THROWS_WITH(parse_species_csv("generation,species,size\n1,1,5\n0,1,5\n"),
                    Catch::Contains("line 3: generation 0 after a later one"));
  CHECK_THROWS_WITH(parse_species_csv("generation,species,size\n0,x,5\n"), Catch::Contains("line 2"));
}

TEST_CASE("convneat picture draws a centroid champion's layers and its run's curves") {
  if (gnuplot_missing()) return;
  const ScratchDirectory scratch("picture");
  const auto run_dir = scratch / "run";
  const CliResult run = run_cli(std::string("run ") + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/aligned_parts_centroid.json") +
                                " --generations 3 --out " + shell_quote(run_dir.string()) +
                                " --set task.train=200 --set task.validation=50 --set task.test=50 --set population.size=20");
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  const CliResult picture = run_cli(std::string("picture ") + shell_quote(run_dir.string()));
  INFO(picture.output);
  REQUIRE(picture.exit_code == 0);
  for (const char* name : {"layer0_kcp_map", "layer0_weighted_kernels", "layer0_kernels", "curves", "species"}) {
    const auto png = run_dir / "pictures" / (std::string(name) + ".png");
    CHECK(starts_with_png_signature(png));
    CHECK(std::filesystem::exists(run_dir / "pictures" / (std::string(name) + ".gp")));
    CHECK(std::filesystem::exists(run_dir / "pictures" / (std::string(name) + ".svg")));
    CHECK(picture.output.find(png.string()) != std::string::npos);
  }
  // The weighted kernels are RGB pixels "column row red green blue", each channel between
  // white (255) and a KCP colour.
  std::istringstream pixels(read_text(run_dir / "pictures" / "layer0_weighted_kernels.dat"));
  std::size_t count = 0;
  for (long column, row, red, green, blue; pixels >> column >> row >> red >> green >> blue; ++count) {
    CHECK(column >= 0);
    CHECK(row >= 0);
    for (long channel : {red, green, blue}) CHECK((channel >= 0 && channel <= 255));
  }
  CHECK(count > 0);
  CHECK_THAT(read_text(run_dir / "pictures" / "layer0_weighted_kernels.gp"), Catch::Contains("with rgbimage"));
  // The kernel sheet: one colour scale, ±(the largest |weight| of the champion's layer), and a
  // row label per KCP in its colour (KCP 0: tab10's blue).
  const Champion champion = load_champion(run_dir);
  const SpatialLayerGene& layer = champion.genome.spatial->layers.at(0);
  const std::string sheet = read_text(run_dir / "pictures" / "layer0_kernels.gp");
  char scale[32];
  std::snprintf(scale, sizeof scale, "%.3g", largest_weight(layer));
  CHECK_THAT(sheet, Catch::Contains("set cbrange [-1:1]"));
  CHECK_THAT(sheet, Catch::Contains(std::string("set cbtics ('-") + scale + "' -1, '0' 0, '" + scale + "' 1)"));
  CHECK_THAT(sheet, Catch::Contains("set label 'KCP 0, in 0' at graph 0, first 1 right offset -1,0 textcolor rgb '#1f77b4'"));
}

TEST_CASE("convneat picture --before marks where training moved each centroid") {
  if (gnuplot_missing()) return;
  const ScratchDirectory scratch("picture-before");
  const auto run_dir = scratch / "run";
  run_ok(std::string("run ") + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/digits_centroid.json") +
         " --generations 2 --set population.size=10 --out " + shell_quote(run_dir.string()));
  const auto trained = scratch / "trained.json";
  run_ok("train " + shell_quote(run_dir.string()) + " --steps 100 --report-every 100 --set training.learning_rate=0.01"
         " --out " + shell_quote(trained.string()));
  const auto folder = scratch / "pictures";
  run_ok("picture " + shell_quote(trained.string()) + " --before " + shell_quote(run_dir.string()) + " -o " +
         shell_quote(folder.string()));
  CHECK(starts_with_png_signature(folder / "layer0_kcp_map.png"));
  CHECK_THAT(read_text(folder / "layer0_kcp_map.gp"), Catch::Contains("before training"));
  // One arrow per centroid (digits_centroid: K = 4), from the old position to the new.
  const std::string moves = read_text(folder / "layer0_kcp_map_moves.dat");
  std::istringstream rows(moves);
  std::size_t arrows = 0, moved = 0;
  for (double x, y, dx, dy; rows >> x >> y >> dx >> dy;) ++arrows, moved += (dx != 0.0 || dy != 0.0);
  CHECK(arrows == 4);
  CHECK(moved > 0);
  // Without --before, no arrows.
  run_ok("picture " + shell_quote(trained.string()) + " -o " + shell_quote((scratch / "plain").string()));
  CHECK_FALSE(std::filesystem::exists(scratch / "plain" / "layer0_kcp_map_moves.dat"));
}

TEST_CASE("convneat picture of a champion without spatial layers draws the curves only") {
  if (gnuplot_missing()) return;
  const ScratchDirectory scratch("picture-xor");
  const auto run_dir = scratch / "run";
  const CliResult run = run_cli(std::string("run ") + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                " --generations 3 --out " + shell_quote(run_dir.string()));
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  const auto folder = scratch / "elsewhere";
  const CliResult picture = run_cli(std::string("picture ") + shell_quote((run_dir / "champion.json").string()) + " -o " +
                                    shell_quote(folder.string()));
  INFO(picture.output);
  REQUIRE(picture.exit_code == 0);
  CHECK(picture.output.find("no spatial front end") != std::string::npos);
  CHECK(starts_with_png_signature(folder / "curves.png"));
  CHECK(starts_with_png_signature(folder / "species.png"));
  for (const char* svg : {"curves.svg", "species.svg"})  // beside each PNG, for papers
    CHECK_THAT(read_text(folder / svg), Catch::StartsWith("<?xml") && Catch::Contains("<svg") && Catch::EndsWith("</svg>\n\n"));
  CHECK_FALSE(std::filesystem::exists(folder / "layer0_kernels.png"));
  // The stacked species sizes add up to the population in every generation (xor: 150).
  std::istringstream rows(read_text(folder / "species.dat"));
  std::size_t generations = 0;
  for (std::string line; std::getline(rows, line);) {
    if (line.empty() || line[0] == '#') continue;
    ++generations;
    CHECK(line.substr(line.rfind(' ') + 1) == "150");
  }
  CHECK(generations == 3);
}
