// The front end's backward pass around the sharing modes (nets/spatial_gradient.hpp):
// pooling, every readout, virtual batch norm's gains and shifts, tied copies gathering their
// gradients into the one stack — each against finite differences of the double-precision
// reference — and the recorded forward pass against forward(), to the bit.
#include <catch2/catch.hpp>

#include <vector>

#include "nets/spatial_front_end.hpp"
#include "nets/spatial_network.hpp"
#include "spatial_gradient_support.hpp"
#include "spatial_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

SpatialLayerGene tanh_layer(SharingMode mode, const ImageShape& input, std::size_t channels, RandomStream& rng,
                            Pooling pooling = Pooling::none, InnovationId innovation = 0) {
  SpatialLayerGene layer;
  layer.innovation = innovation;
  layer.mode = mode;
  layer.kernel_size = 3;
  layer.padding = {Padding::Kind::same, 0};
  layer.in_channels = input.channels;
  layer.out_channels = channels;
  layer.activation = Activation::tanh;
  layer.pooling = pooling;
  randomise_parameters(layer, input, rng, 3);
  return layer;
}


SpatialFrontEndGradient gradient_of_loss(SpatialFrontEnd& front_end, const std::vector<float>& images,
                                         std::size_t batch, const Eigen::MatrixXd& weights) {
  SpatialFrontEndTape tape;
  front_end.record(native_images(images, batch, front_end.input_size()), tape);
  return front_end.backward(tape, weights.cast<float>(), true);
}

}  // namespace

TEST_CASE("Max and mean pooling pass gradients that match finite differences, odd rows dropped",
          "[spatial][gradient]") {
  const Pooling pooling = GENERATE(Pooling::max, Pooling::mean);
  RandomStream rng(31, 0, static_cast<std::uint64_t>(pooling), Purpose::initial_population);
  const ImageShape input{2, 7, 5};  // 7 × 5 pools to 3 × 2: the last row and column are dropped
  const SpatialStack stack = make_stack(input, {tanh_layer(SharingMode::shared, input, 3, rng, pooling)});
  SpatialFrontEnd front_end(stack);
  const std::vector<float> images = random_images(rng, input, 3);
  const Eigen::MatrixXd weights = random_loss_weights(3, static_cast<Eigen::Index>(front_end.readout_size()), 1);
  const SpatialFrontEndGradient gradient = gradient_of_loss(front_end, images, 3, weights);
  const auto loss = [&](const SpatialStack& s) { return reference_loss(s, images, weights); };
  check_parameters(stack, 0, ParameterKind::kernels, gradient.layers[0], loss);
  check_parameters(stack, 0, ParameterKind::biases, gradient.layers[0], loss);
  check_image_gradient(images, 3, input.size(), gradient.images,
                       [&](const std::vector<float>& moved) { return reference_loss(stack, moved, weights); });
}

TEST_CASE("Every readout passes gradients that match finite differences", "[spatial][gradient]") {
  const ReadoutKind readout = GENERATE(ReadoutKind::flatten, ReadoutKind::mean, ReadoutKind::max);
  RandomStream rng(32, 0, static_cast<std::uint64_t>(readout), Purpose::initial_population);
  const ImageShape input{1, 6, 6};
  const SpatialLayerGene first = tanh_layer(SharingMode::shared, input, 3, rng);
  const SpatialLayerGene second = tanh_layer(SharingMode::centroid, layer_geometry(first, input).output, 2, rng,
                                             Pooling::none, 1);
  const SpatialStack stack = make_stack(input, {first, second}, readout);
  SpatialFrontEnd front_end(stack);
  const std::vector<float> images = random_images(rng, input, 4);
  const Eigen::MatrixXd weights = random_loss_weights(4, static_cast<Eigen::Index>(front_end.readout_size()), 2);
  const SpatialFrontEndGradient gradient = gradient_of_loss(front_end, images, 4, weights);
  const auto loss = [&](const SpatialStack& s) { return reference_loss(s, images, weights); };
  for (std::size_t layer = 0; layer < 2; ++layer) check_parameters(stack, layer, ParameterKind::kernels, gradient.layers[layer], loss);
  check_parameters(stack, 1, ParameterKind::centroids, gradient.layers[1], loss);
  check_image_gradient(images, 4, input.size(), gradient.images,
                       [&](const std::vector<float>& moved) { return reference_loss(stack, moved, weights); });
}

TEST_CASE("Virtual batch norm's gain and shift gradients match finite differences with its statistics held",
          "[spatial][gradient]") {
  const SharingMode mode = GENERATE(SharingMode::shared, SharingMode::local, SharingMode::centroid);
  RandomStream rng(33, 0, static_cast<std::uint64_t>(mode), Purpose::initial_population);
  const ImageShape input{2, 6, 5};
  SpatialLayerGene first = tanh_layer(mode, input, 3, rng, Pooling::max);
  add_normalisation(first, rng);
  SpatialLayerGene second = tanh_layer(SharingMode::shared, layer_geometry(first, input).output, 2, rng, Pooling::none, 1);
  second.activation = Activation::sigmoid;
  add_normalisation(second, rng);
  const SpatialStack stack = make_stack(input, {first, second});
  SpatialFrontEnd front_end(stack);
  const std::vector<float> reference = random_images(rng, input, 8);
  front_end.calibrate(reference.data(), 8);
  const FixedStatistics statistics = fixed_statistics(front_end);
  const std::vector<float> images = random_images(rng, input, 3);
  const Eigen::MatrixXd weights = random_loss_weights(3, static_cast<Eigen::Index>(front_end.readout_size()), 3);
  const SpatialFrontEndGradient gradient = gradient_of_loss(front_end, images, 3, weights);
  const auto loss = [&](const SpatialStack& s) { return reference_loss(s, images, weights, statistics); };
  for (std::size_t layer = 0; layer < 2; ++layer)
    for (const ParameterKind kind : {ParameterKind::kernels, ParameterKind::biases, ParameterKind::norm_gains,
                                     ParameterKind::norm_shifts})
      check_parameters(stack, layer, kind, gradient.layers[layer], loss);
  check_image_gradient(images, 3, input.size(), gradient.images,
                       [&](const std::vector<float>& moved) { return reference_loss(stack, moved, weights, statistics); });
}

TEST_CASE("A tied front end gathers the gradients of every copy into its one stack", "[spatial][gradient]") {
  RandomStream rng(34, 0, 0, Purpose::initial_population);
  const ImageShape input{1, 6, 6};
  const SpatialLayerGene first = tanh_layer(SharingMode::centroid, input, 2, rng, Pooling::mean);
  const SpatialLayerGene second = tanh_layer(SharingMode::local, layer_geometry(first, input).output, 2, rng,
                                             Pooling::none, 1);
  SpatialStack stack = make_stack(input, {first, second});
  stack.copies = 2;
  const SpatialNetwork network(genome_with_front_end(stack, 2, rng), Phenotype{});
  const std::size_t examples = 3, readout = network.front_end().readout_size();
  const std::vector<float> pairs = random_images(rng, {2, 6, 6}, examples);  // a row: copy 0 then copy 1
  Eigen::MatrixXd rows(examples, 2 * input.size());
  for (Eigen::Index i = 0; i < rows.size(); ++i) rows(i / rows.cols(), i % rows.cols()) = pairs[static_cast<std::size_t>(i)];
  // ∂L/∂graph inputs, L = Σ A ⊙ graph inputs (copy-major: copy c's readout at columns c·R …).
  const Eigen::MatrixXd weights = random_loss_weights(static_cast<Eigen::Index>(examples), static_cast<Eigen::Index>(2 * readout), 4);

  SpatialFrontEnd front_end(stack);
  SpatialFrontEndTape tape;
  const Eigen::MatrixXf tied = network.tied_images(rows);
  CHECK(network.graph_inputs(front_end.record(tied, tape)) == network.graph_inputs(front_end.forward(tied)));
  const SpatialFrontEndGradient tied_gradient = front_end.backward(tape, network.readout_gradient(weights));

  // The reference applies the one stack to each copy; a parameter moves both uses at once.
  const auto copy_images = [&](std::size_t copy) {
    std::vector<float> images;
    for (std::size_t n = 0; n < examples; ++n)
      images.insert(images.end(), pairs.begin() + static_cast<long>((2 * n + copy) * input.size()),
                    pairs.begin() + static_cast<long>((2 * n + copy + 1) * input.size()));
    return images;
  };
  const std::vector<float> copy0 = copy_images(0), copy1 = copy_images(1);
  const Eigen::MatrixXd weights0 = weights.leftCols(static_cast<Eigen::Index>(readout));
  const Eigen::MatrixXd weights1 = weights.rightCols(static_cast<Eigen::Index>(readout));
  const auto loss = [&](const SpatialStack& s) {
    return reference_loss(s, copy0, weights0) + reference_loss(s, copy1, weights1);
  };
  for (std::size_t layer = 0; layer < 2; ++layer)
    for (const ParameterKind kind : {ParameterKind::kernels, ParameterKind::biases})
      check_parameters(stack, layer, kind, tied_gradient.layers[layer], loss);
  check_parameters(stack, 0, ParameterKind::centroids, tied_gradient.layers[0], loss);
  check_parameters(stack, 0, ParameterKind::shapes, tied_gradient.layers[0], loss);

  // And it is the sum of the copies' gradients taken apart.
  const SpatialFrontEndGradient alone0 = gradient_of_loss(front_end, copy0, examples, weights0);
  const SpatialFrontEndGradient alone1 = gradient_of_loss(front_end, copy1, examples, weights1);
  const std::vector<double>& together = tied_gradient.layers[0].kernels;
  for (std::size_t i = 0; i < together.size(); ++i)
    CHECK(together[i] == Approx(alone0.layers[0].kernels[i] + alone1.layers[0].kernels[i]).epsilon(1e-4).margin(1e-5));
  CHECK(tied_gradient.layers[0].kernels != alone0.layers[0].kernels);
}

TEST_CASE("The recorded forward pass gives forward()'s readout to the bit in every mode and activation",
          "[spatial][gradient]") {
  const SharingMode mode = GENERATE(SharingMode::shared, SharingMode::local, SharingMode::centroid);
  const bool normalise = GENERATE(false, true);
  for (std::uint64_t trial = 0; trial < 12; ++trial) {
    RandomStream rng(35, trial, static_cast<std::uint64_t>(mode) * 2 + normalise, Purpose::initial_population);
    const ImageShape input = random_image_shape(rng, 3, 10);
    SpatialLayerGene first = random_layer(rng, mode, input);
    if (normalise) add_normalisation(first, rng);
    const ImageShape middle = layer_geometry(first, input).output;
    const SpatialLayerGene second = random_layer(rng, SharingMode::shared, middle, 1);
    const ReadoutKind readouts[] = {ReadoutKind::flatten, ReadoutKind::mean, ReadoutKind::max};
    SpatialFrontEnd front_end(make_stack(input, {first, second}, readouts[trial % 3]));
    const std::size_t batch = 1 + rng.index(5);
    const std::vector<float> images = random_images(rng, input, batch);
    if (normalise) front_end.calibrate(images.data(), batch);
    const Eigen::MatrixXf native = native_images(images, batch, input.size());
    const Eigen::MatrixXf expected = front_end.forward(native);
    SpatialFrontEndTape tape;
    INFO("trial " << trial << ", activation " << static_cast<int>(first.activation));
    CHECK((front_end.record(native, tape).array() == expected.array()).all());
    CHECK((tape.readout().array() == expected.array()).all());
  }
}
