// `convneat export --format onnx` of champions with a convolutional front end: for every
// sharing mode, random stacks of 1–2 layers (random shapes, strides, paddings, pooling,
// activations and readouts), single or tied over several images, with or without virtual
// batch norm, compute in ONNX Runtime what SpatialNetwork computes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "experiments/champion_file.hpp"
#include "export/onnx_writer.hpp"
#include "genome/activation.hpp"
#include "genome/genome_json.hpp"
#include "genome/spatial/names.hpp"
#include "nets/compile_network.hpp"
#include "nets/spatial_network.hpp"
#include "onnx_support.hpp"
#include "spatial_support.hpp"

#ifdef CONVNEAT_HAS_ONNX  // a build without ONNX export has nothing here to test
using namespace convneat;
using namespace convneat::testing;

namespace {

constexpr std::size_t kBatch = 9;

struct ModeCase {
  const char* name;
  SharingMode mode;
  bool per_feature = false;
  bool normalise = true;
};

const std::vector<ModeCase> kModeCases{
    {"shared", SharingMode::shared},
    {"local", SharingMode::local},
    {"centroid", SharingMode::centroid, false, true},
    {"centroid per_feature", SharingMode::centroid, true, true},
    {"centroid not normalised", SharingMode::centroid, false, false},
    {"centroid per_feature not normalised", SharingMode::centroid, true, false},
};

SpatialLayerGene random_case_layer(const ModeCase& mode, const ImageShape& input, RandomStream& rng,
                                   InnovationId innovation) {
  SpatialLayerGene layer = random_layer(rng, mode.mode, input, innovation);
  if (mode.mode == SharingMode::centroid) {
    layer.centroid.per_feature = mode.per_feature;
    layer.centroid.normalise = mode.normalise;
    randomise_parameters(layer, input, rng, 1 + rng.index(5));
  }
  return layer;
}

SpatialStack random_case_stack(const ModeCase& mode, std::size_t layers, ReadoutKind readout, RandomStream& rng) {
  const ImageShape input = random_image_shape(rng, 3, 11);
  ImageShape shape = input;
  std::vector<SpatialLayerGene> genes;
  for (std::size_t l = 0; l < layers; ++l) {
    genes.push_back(random_case_layer(mode, shape, rng, l + 1));
    shape = layer_geometry(genes.back(), shape).output;
  }
  return make_stack(input, std::move(genes), readout);
}

std::string padding_name(const Padding& padding) {
  switch (padding.kind) {
    case Padding::Kind::valid: return "valid";
    case Padding::Kind::same: return "same";
    case Padding::Kind::explicit_amount: return "pad" + std::to_string(padding.amount);
  }
  return "?";
}

// "2x9x9 -> shared k3 s2 same relu pool max 3ch 1 banks -> … readout mean", for failure messages.
std::string describe_stack(const SpatialStack& stack) {
  std::ostringstream text;
  text << stack.input.channels << "x" << stack.input.height << "x" << stack.input.width;
  for (const SpatialLayerGene& layer : stack.layers)
    text << " -> " << sharing_mode_name(layer.mode) << " k" << layer.kernel_size << " s" << layer.stride << " "
         << padding_name(layer.padding) << " " << activation_name(layer.activation) << " pool "
         << pooling_name(layer.pooling) << " " << layer.out_channels << "ch " << layer.banks << " banks";
  return text.str() + " readout " + std::string(readout_name(stack.readout));
}

nlohmann::json champion_document(const Genome& genome) {
  return {{"format", "convneat-champion"}, {"version", 1},        {"task", {{"name", "xor"}}},
          {"feed_forward", true},          {"genome", genome_to_json(genome)}};
}

// One example's shape in the model's input, for run_model.js: "C,H,W", or "copies,C,H,W" when tied.
std::string example_dims(const SpatialStack& stack) {
  const ImageShape& shape = stack.input;
  const std::string image =
      std::to_string(shape.channels) + "," + std::to_string(shape.height) + "," + std::to_string(shape.width);
  return stack.copies > 1 ? std::to_string(stack.copies) + "," + image : image;
}

// kBatch random examples (copies images each) as rows of doubles, float-exact.
Eigen::MatrixXd random_examples(const SpatialStack& stack, RandomStream& rng) {
  const std::vector<float> images = random_images(rng, stack.input, kBatch * stack.copies);
  using FloatRows = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  return Eigen::Map<const FloatRows>(images.data(), static_cast<Eigen::Index>(kBatch),
                                     static_cast<Eigen::Index>(stack.copies * stack.input.size()))
      .cast<double>();
}

// Exports the genome's champion file with the CLI and runs the model on random images;
// returns the largest error as a fraction of the tolerance.
double check_spatial_onnx_matches(const Genome& genome, const ScratchDirectory& scratch, RandomStream& rng) {
  const auto champion = scratch / "champion.json", model = scratch / "model.onnx";
  write_text(champion, champion_document(genome).dump());
  const CliResult exported = run_cli("export " + shell_quote(champion.string()) + " --format onnx -o " +
                                     shell_quote(model.string()));
  INFO(exported.output);
  REQUIRE(exported.exit_code == 0);
  const Eigen::MatrixXd rows = random_examples(*genome.spatial, rng);
  const Eigen::MatrixXd expected = compile_network(load_champion(champion).genome, true)->activate_batch(rows);
  return check_close(onnx_runtime_outputs(model, rows, scratch, example_dims(*genome.spatial)), expected);
}

// How often `values`, as float32, occur byte for byte in `model`: an initializer holding them
// is one occurrence (ONNX stores float data packed, little-endian).
std::size_t occurrences(const std::string& model, const std::vector<double>& values) {
  const std::vector<float> floats(values.begin(), values.end());
  const std::string bytes(reinterpret_cast<const char*>(floats.data()), floats.size() * sizeof(float));
  std::size_t count = 0;
  for (std::size_t at = model.find(bytes); at != std::string::npos; at = model.find(bytes, at + 1)) ++count;
  return count;
}

// The genome's model with the statistics of a network calibrated on 16 random reference
// examples, run on random examples against that network; returns the largest error as a
// fraction of the tolerance.
double check_normalised_onnx_matches(const Genome& genome, const ScratchDirectory& scratch, RandomStream& rng) {
  const SpatialStack& stack = *genome.spatial;
  SpatialNetwork network(genome, Phenotype{});
  const std::vector<float> reference = random_images(rng, stack.input, 16 * stack.copies);
  network.calibrate(reference.data(), 16 * stack.copies);
  const auto model = scratch / "normalised.onnx";
  write_text(model, genome_to_onnx(genome, Phenotype{}, network.front_end().normalisation_statistics()));
  const Eigen::MatrixXd rows = random_examples(stack, rng);
  return check_close(onnx_runtime_outputs(model, rows, scratch, example_dims(stack)), network.activate_batch(rows));
}

}  // namespace

TEST_CASE("export --format onnx of spatial champions computes in ONNX Runtime what ConvNEAT computes") {
  ScratchDirectory scratch("export-onnx-spatial");
  RandomStream rng(20240611);
  const ReadoutKind readouts[] = {ReadoutKind::flatten, ReadoutKind::mean, ReadoutKind::max};
  double worst = 0.0;
  for (const ModeCase& mode : kModeCases)
    for (std::size_t i = 0; i < 6; ++i) {  // each readout with 1 and with 2 layers
      const SpatialStack stack = random_case_stack(mode, 1 + i / 3, readouts[i % 3], rng);
      INFO(mode.name << " #" << i << ": " << describe_stack(stack));
      worst = std::max(worst, check_spatial_onnx_matches(genome_with_front_end(stack, 2, rng), scratch, rng));
    }
  INFO("largest error of all models, as a fraction of the tolerance: " << worst);
  CHECK(worst <= 1.0);
}

TEST_CASE("ONNX export refuses a spatial genome whose graph inputs are not the readout nodes") {
  RandomStream rng(7);
  const ImageShape input{2, 6, 6};
  const SpatialStack stack = make_stack(input, {random_layer(rng, SharingMode::shared, input)});
  Genome genome = genome_with_front_end(stack, 1, rng);
  genome.spatial->readout = ReadoutKind::mean;  // fewer features than the graph's input nodes
  CHECK_THROWS_AS(genome_to_onnx(genome), std::invalid_argument);
}

TEST_CASE("a front end tied over 2 or 3 images exports its parameters once and computes in ONNX Runtime what "
          "SpatialNetwork computes",
          "[spatial][tied]") {
  ScratchDirectory scratch("export-onnx-tied");
  RandomStream rng(20261206);
  double worst = 0.0;
  for (const ModeCase& mode : kModeCases)
    for (std::size_t copies : {2, 3}) {
      SpatialStack stack = random_case_stack(mode, 1 + copies % 2, copies == 2 ? ReadoutKind::flatten : ReadoutKind::max, rng);
      stack.copies = copies;
      INFO(mode.name << ", " << copies << " copies: " << describe_stack(stack));
      const Genome genome = genome_with_front_end(stack, 2, rng);
      worst = std::max(worst, check_spatial_onnx_matches(genome, scratch, rng));
      const std::string model = read_text(scratch / "model.onnx");
      for (const SpatialLayerGene& layer : stack.layers) CHECK(occurrences(model, layer.kernels) == 1);
    }
  INFO("largest error of all models, as a fraction of the tolerance: " << worst);
  CHECK(worst <= 1.0);
}

TEST_CASE("virtual batch norm exports as BatchNormalization with the reference batch's statistics and computes what "
          "the calibrated network computes, tied or not",
          "[spatial][vbn]") {
  ScratchDirectory scratch("export-onnx-vbn");
  RandomStream rng(20261207);
  double worst = 0.0;
  for (const ModeCase& mode : kModeCases)
    for (std::size_t copies : {1, 2}) {
      SpatialStack stack = random_case_stack(mode, 2, copies == 1 ? ReadoutKind::mean : ReadoutKind::flatten, rng);
      stack.copies = copies;
      add_normalisation(stack.layers[copies - 1], rng);  // the first layer, or the second
      INFO(mode.name << ", " << copies << " copies, normalised layer " << copies - 1 << ": " << describe_stack(stack));
      const Genome genome = genome_with_front_end(stack, 2, rng);
      worst = std::max(worst, check_normalised_onnx_matches(genome, scratch, rng));
      const std::string model = read_text(scratch / "normalised.onnx");
      CHECK(model.find("BatchNormalization") != std::string::npos);
      CHECK(occurrences(model, stack.layers[copies - 1].norm_gains) == 1);
    }
  INFO("largest error of all models, as a fraction of the tolerance: " << worst);
  CHECK(worst <= 1.0);
}

TEST_CASE("ONNX export of virtual batch norm without the reference statistics is refused by name", "[spatial][vbn]") {
  RandomStream rng(11);
  const ImageShape input{2, 6, 6};
  SpatialStack stack = make_stack(input, {random_layer(rng, SharingMode::shared, input)});
  add_normalisation(stack.layers[0], rng);
  const Genome genome = genome_with_front_end(stack, 1, rng);
  CHECK_THROWS_WITH(genome_to_onnx(genome), Catch::Contains("statistics of the task's reference batch"));
  FrontEndStatistics short_statistics(1);
  short_statistics[0].means.assign(stack.layers[0].out_channels - 1, 0.0);
  short_statistics[0].variances.assign(stack.layers[0].out_channels, 1.0);
  CHECK_THROWS_WITH(genome_to_onnx(genome, Phenotype{}, short_statistics),
                    Catch::Contains("reference means and variances (one per output channel"));
  short_statistics[0].means.push_back(0.0);
  CHECK_NOTHROW(genome_to_onnx(genome, Phenotype{}, short_statistics));
}
#endif  // CONVNEAT_HAS_ONNX
