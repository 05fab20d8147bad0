// Reverse-mode gradients of the spatial layers (nets/spatial_gradient.hpp), mode by mode and
// parameter kind by parameter kind, against central finite differences of the naive
// double-precision reference (spatial_gradient_support.hpp): kernels, biases and the images
// in every sharing mode and several geometries, a centroid layer's centroids and shapes with
// and without normalisation and per-feature centroids, and a relu layer away from its kink.
#include <catch2/catch.hpp>

#include <vector>

#include "nets/spatial_front_end.hpp"
#include "spatial_gradient_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

struct Geometry {
  std::size_t kernel, stride;
  Padding padding;
};

// 2 × 7 × 6 images; `geometry` and `mode` for the first layer (3 channels), a second shared
// sigmoid layer (2 channels, 2 × 2 valid) so that the first layer's gradient comes through a
// col2im, read out flat.
SpatialStack two_layer_stack(SharingMode mode, const Geometry& geometry, Activation activation, RandomStream& rng,
                             std::size_t kcp_count = 3) {
  const ImageShape input{2, 7, 6};
  SpatialLayerGene first;
  first.innovation = 0;
  first.mode = mode;
  first.kernel_size = geometry.kernel;
  first.stride = geometry.stride;
  first.padding = geometry.padding;
  first.in_channels = 2;
  first.out_channels = 3;
  first.activation = activation;
  randomise_parameters(first, input, rng, kcp_count);
  SpatialLayerGene second;
  second.innovation = 1;
  second.kernel_size = 2;
  second.in_channels = 3;
  second.out_channels = 2;
  second.activation = Activation::sigmoid;
  randomise_parameters(second, layer_geometry(first, input).output, rng);
  return make_stack(input, {first, second});
}

struct Checked {
  SpatialFrontEndGradient gradient;
  std::vector<float> images;
  Eigen::MatrixXd weights;
};

// The front end's gradient of L = Σ A ⊙ readout on `batch` random images.
Checked front_end_gradient(const SpatialStack& stack, std::size_t batch, RandomStream& rng) {
  SpatialFrontEnd front_end(stack);
  Checked checked;
  checked.images = random_images(rng, stack.input, batch);
  checked.weights = random_loss_weights(static_cast<Eigen::Index>(batch),
                                        static_cast<Eigen::Index>(front_end.readout_size()), batch);
  SpatialFrontEndTape tape;
  front_end.record(native_images(checked.images, batch, stack.input.size()), tape);
  checked.gradient = front_end.backward(tape, checked.weights.cast<float>(), true);
  return checked;
}

}  // namespace

TEST_CASE("Every sharing mode's kernel, bias and image gradients match finite differences of the reference",
          "[spatial][gradient]") {
  const SharingMode mode = GENERATE(SharingMode::shared, SharingMode::local, SharingMode::centroid);
  const Geometry geometry = GENERATE(Geometry{3, 1, {Padding::Kind::same, 0}}, Geometry{2, 2, {Padding::Kind::explicit_amount, 1}},
                                     Geometry{3, 2, {Padding::Kind::valid, 0}});
  INFO("mode " << static_cast<int>(mode) << ", kernel " << geometry.kernel << ", stride " << geometry.stride);
  RandomStream rng(21, 0, static_cast<std::uint64_t>(mode) * 10 + geometry.kernel * 3 + geometry.stride,
                   Purpose::initial_population);
  const SpatialStack stack = two_layer_stack(mode, geometry, Activation::tanh, rng);
  const Checked checked = front_end_gradient(stack, 3, rng);
  const auto loss = [&](const SpatialStack& s) { return reference_loss(s, checked.images, checked.weights); };
  for (std::size_t layer = 0; layer < 2; ++layer)
    for (const ParameterKind kind : {ParameterKind::kernels, ParameterKind::biases})
      check_parameters(stack, layer, kind, checked.gradient.layers[layer], loss);
  check_image_gradient(checked.images, 3, stack.input.size(), checked.gradient.images,
                       [&](const std::vector<float>& images) { return reference_loss(stack, images, checked.weights); });
}

TEST_CASE("A centroid layer's centroid and shape gradients match finite differences of the reference",
          "[spatial][gradient]") {
  const bool normalise = GENERATE(true, false);
  const bool per_feature = GENERATE(false, true);
  INFO("normalise " << normalise << ", per feature " << per_feature);
  RandomStream rng(22, 0, normalise * 2 + per_feature, Purpose::initial_population);
  SpatialStack stack = two_layer_stack(SharingMode::centroid, {3, 1, {Padding::Kind::same, 0}}, Activation::tanh, rng);
  SpatialLayerGene& layer = stack.layers[0];
  layer.centroid.normalise = normalise;
  layer.centroid.per_feature = per_feature;
  layer.centroid.scale = 1.5;
  randomise_centroids(layer, rng, 3);
  // Broad similarities, so that every KCP reaches every cell and every centroid moves the loss.
  for (ShapeMatrix& m : layer.centroid.shapes) m = {rng.uniform(0.8, 1.6), rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5), rng.uniform(0.8, 1.6)};
  const Checked checked = front_end_gradient(stack, 3, rng);
  const auto loss = [&](const SpatialStack& s) { return reference_loss(s, checked.images, checked.weights); };
  REQUIRE(checked.gradient.layers[0].centroids.size() == 2 * layer.centroid.centroids.size());
  REQUIRE(checked.gradient.layers[0].shapes.size() == 4 * layer.centroid.shapes.size());
  for (const ParameterKind kind : {ParameterKind::kernels, ParameterKind::biases, ParameterKind::centroids,
                                   ParameterKind::shapes})
    check_parameters(stack, 0, kind, checked.gradient.layers[0], loss);
  check_image_gradient(checked.images, 3, stack.input.size(), checked.gradient.images,
                       [&](const std::vector<float>& images) { return reference_loss(stack, images, checked.weights); });
}

TEST_CASE("A relu layer's gradients match finite differences away from its kink", "[spatial][gradient]") {
  const SharingMode mode = GENERATE(SharingMode::shared, SharingMode::local, SharingMode::centroid);
  RandomStream rng(23, 0, static_cast<std::uint64_t>(mode), Purpose::initial_population);
  const SpatialStack stack = two_layer_stack(mode, {3, 1, {Padding::Kind::same, 0}}, Activation::relu, rng);
  const Checked checked = front_end_gradient(stack, 3, rng);
  // Random images leave no pre-activation within a step of 0, so the one-sided slopes agree.
  const auto loss = [&](const SpatialStack& s) { return reference_loss(s, checked.images, checked.weights); };
  for (const ParameterKind kind : {ParameterKind::kernels, ParameterKind::biases})
    check_parameters(stack, 0, kind, checked.gradient.layers[0], loss);
}

TEST_CASE("Parameter gradients come in the gene's sizes and none when images are not asked for",
          "[spatial][gradient]") {
  RandomStream rng(24, 0, 0, Purpose::initial_population);
  const SpatialStack stack = two_layer_stack(SharingMode::local, {3, 1, {Padding::Kind::same, 0}}, Activation::tanh, rng);
  SpatialFrontEnd front_end(stack);
  SpatialFrontEndTape tape;
  front_end.record(native_images(random_images(rng, stack.input, 2), 2, stack.input.size()), tape);
  const SpatialFrontEndGradient gradient =
      front_end.backward(tape, Eigen::MatrixXf::Ones(2, static_cast<Eigen::Index>(front_end.readout_size())));
  CHECK(gradient.images.size() == 0);
  for (std::size_t l = 0; l < 2; ++l) {
    CHECK(gradient.layers[l].kernels.size() == stack.layers[l].kernels.size());
    CHECK(gradient.layers[l].biases.size() == stack.layers[l].biases.size());
    CHECK(gradient.layers[l].centroids.empty());
    CHECK(gradient.layers[l].norm_gains.empty());
  }
  CHECK_THROWS_AS(front_end.backward(tape, Eigen::MatrixXf::Ones(3, static_cast<Eigen::Index>(front_end.readout_size()))),
                  std::invalid_argument);
  CHECK_THROWS_AS(front_end.backward(tape, Eigen::MatrixXf::Ones(2, 1)), std::invalid_argument);
}
