// Virtual batch norm (nets/virtual_batch_norm.hpp): exact values against a naive reference,
// statistics fixed by the reference batch so an image's output never depends on its batch
// mates (which ordinary batch statistics break), and the errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "genome/random.hpp"
#include "genome/spatial/geometry.hpp"
#include "nets/activation_functions.hpp"
#include "nets/spatial_front_end.hpp"
#include "spatial_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

constexpr SharingMode kModes[] = {SharingMode::shared, SharingMode::local, SharingMode::centroid};

// Bit for bit: the layers send every row of their products and every activated element
// through the same code whatever the batch (nets/row_stable_product.hpp, float_activation.hpp).
bool identical(const Eigen::MatrixXf& a, const Eigen::MatrixXf& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && (a.array() == b.array()).all();
}


// The layer's pre-activation maps z (batch-innermost, N × C·cells) from the plain front end,
// whose convolutions test_spatial_layers pins to the spec.
Eigen::MatrixXf pre_activation(const ImageShape& input, SpatialLayerGene layer, const std::vector<float>& images,
                               std::size_t batch) {
  layer.virtual_batch_norm = false;
  layer.norm_gains.clear();
  layer.norm_shifts.clear();
  layer.activation = Activation::identity;
  SpatialFrontEnd front_end(make_stack(input, {layer}));
  front_end.forward(images.data(), batch);
  return front_end.layer_output(0);
}

struct ChannelStatistics {
  std::vector<double> mean, variance;
};

// Per channel, over every image and cell of `z`: the plain two-pass definition in double.
ChannelStatistics naive_statistics(const Eigen::MatrixXf& z, std::size_t channels) {
  const auto cells = static_cast<Eigen::Index>(static_cast<std::size_t>(z.cols()) / channels);
  ChannelStatistics s;
  for (std::size_t o = 0; o < channels; ++o) {
    double sum = 0.0, squares = 0.0;
    const auto block = z.middleCols(static_cast<Eigen::Index>(o) * cells, cells);
    for (Eigen::Index i = 0; i < block.size(); ++i) sum += block(i % block.rows(), i / block.rows());
    const double mean = sum / static_cast<double>(block.size());
    for (Eigen::Index i = 0; i < block.size(); ++i) {
      const double d = block(i % block.rows(), i / block.rows()) - mean;
      squares += d * d;
    }
    s.mean.push_back(mean);
    s.variance.push_back(squares / static_cast<double>(block.size()));
  }
  return s;
}

// act(gain · (z − mean) / sqrt(var + eps) + shift), element by element, in double.
Eigen::MatrixXd naive_normalised(const SpatialLayerGene& layer, const Eigen::MatrixXf& z, const ChannelStatistics& s) {
  const Eigen::Index cells = z.cols() / static_cast<Eigen::Index>(layer.out_channels);
  Eigen::MatrixXd y(z.rows(), z.cols());
  for (Eigen::Index n = 0; n < z.rows(); ++n)
    for (Eigen::Index column = 0; column < z.cols(); ++column) {
      const auto o = static_cast<std::size_t>(column / cells);
      const double normalised = (z(n, column) - s.mean[o]) / std::sqrt(s.variance[o] + VirtualBatchNorm::kEpsilon);
      y(n, column) = activate(layer.activation, layer.norm_gains[o] * normalised + layer.norm_shifts[o]);
    }
  return y;
}

// A random two-layer stack of `mode` on a random image shape, the first layer normalised
// when asked (the second never: a normalised layer must feed an ordinary one too).
SpatialStack random_two_layer_stack(RandomStream& rng, SharingMode mode, bool normalise) {
  const ImageShape input{1 + rng.index(3), 4 + rng.index(6), 4 + rng.index(6)};
  SpatialLayerGene first = random_layer(rng, mode, input, 1);
  if (normalise) add_normalisation(first, rng);
  const ImageShape middle = layer_geometry(first, input).output;
  SpatialLayerGene second = random_layer(rng, kModes[rng.index(3)], middle, 2);
  return make_stack(input, {first, second});
}

}  // namespace

TEST_CASE("virtual batch norm equals a naive reference in every sharing mode", "[spatial][vbn]") {
  RandomStream rng(41, 0, 0, Purpose::evaluation);
  for (SharingMode mode : kModes) {
    for (int trial = 0; trial < 20; ++trial) {
      CAPTURE(static_cast<int>(mode), trial);
      const ImageShape input = random_image_shape(rng, 3, 9);
      SpatialLayerGene layer = random_layer(rng, mode, input);
      layer.pooling = Pooling::none;  // the normalised map itself is the output
      add_normalisation(layer, rng);
      const std::size_t reference_batch = 2 + rng.index(6), batch = 1 + rng.index(4);
      const std::vector<float> reference = random_images(rng, input, reference_batch);
      const std::vector<float> images = random_images(rng, input, batch);

      SpatialFrontEnd front_end(make_stack(input, {layer}));
      front_end.calibrate(reference.data(), reference_batch);
      front_end.forward(images.data(), batch);

      const ChannelStatistics expected = naive_statistics(pre_activation(input, layer, reference, reference_batch),
                                                          layer.out_channels);
      // The layer's recorded statistics: the same float maps summed in double, so equal to
      // the last few digits.
      const auto& normalisation = front_end.layer(0).normalisation();
      REQUIRE(normalisation.has_value());
      for (std::size_t o = 0; o < layer.out_channels; ++o) {
        CHECK(normalisation->means()[o] == Approx(expected.mean[o]).margin(1e-12).epsilon(1e-12));
        CHECK(normalisation->variances()[o] == Approx(expected.variance[o]).margin(1e-12).epsilon(1e-12));
      }
      const Eigen::MatrixXd want = naive_normalised(layer, pre_activation(input, layer, images, batch), expected);
      const Eigen::MatrixXd got = front_end.layer_output(0).cast<double>();
      // Float maps folded into one float affine map per channel: a few float roundings.
      CHECK(((got - want).array().abs() <= 1e-4 * (1.0 + want.array().abs())).all());
    }
  }
}

TEST_CASE("running images together in one batch gives bit for bit their outputs run alone, with or "
          "without virtual batch norm, in every sharing mode",
          "[spatial][vbn]") {
  RandomStream rng(42, 0, 0, Purpose::evaluation);
  for (SharingMode mode : kModes) {
    for (bool normalise : {false, true}) {
      for (int trial = 0; trial < 10; ++trial) {
        CAPTURE(static_cast<int>(mode), normalise, trial);
        const SpatialStack stack = random_two_layer_stack(rng, mode, normalise);
        const std::size_t size = stack.input.size();
        const std::vector<float> reference = random_images(rng, stack.input, 16);
        const std::vector<float> both = random_images(rng, stack.input, 2);  // A, then B
        SpatialFrontEnd front_end(stack);
        if (normalise) front_end.calibrate(reference.data(), 16);
        const Eigen::MatrixXf together = front_end.forward(both.data(), 2);
        const Eigen::MatrixXf a = front_end.forward(both.data(), 1);
        const Eigen::MatrixXf b = front_end.forward(both.data() + size, 1);
        CHECK(identical(together.row(0), a.row(0)));
        CHECK(identical(together.row(1), b.row(0)));
      }
    }
  }
}

TEST_CASE("ordinary batch norm, with statistics from the batch itself, makes an image's output depend on its batch "
          "mates",
          "[spatial][vbn]") {
  RandomStream rng(43, 0, 0, Purpose::evaluation);
  for (SharingMode mode : kModes) {
    CAPTURE(static_cast<int>(mode));
    const ImageShape input{2, 6, 6};
    SpatialLayerGene layer = random_layer(rng, mode, input);
    layer.pooling = Pooling::none;
    add_normalisation(layer, rng);
    std::vector<float> both = random_images(rng, input, 2);
    // B: brighter and with more contrast than A, as images of a real batch may be.
    for (std::size_t i = input.size(); i < both.size(); ++i) both[i] = 3.0f * both[i] + 1.0f;
    // The reference implementation of ordinary batch norm: statistics of whatever batch is
    // being computed.
    const auto batch_norm = [&](const std::vector<float>& images, std::size_t batch) {
      const Eigen::MatrixXf z = pre_activation(input, layer, images, batch);
      return naive_normalised(layer, z, naive_statistics(z, layer.out_channels));
    };
    const Eigen::MatrixXd together = batch_norm(both, 2);
    const Eigen::MatrixXd alone = batch_norm({both.begin(), both.begin() + static_cast<long>(input.size())}, 1);
    // Far beyond float rounding: A's output depends on B.
    CHECK((together.row(0) - alone.row(0)).cwiseAbs().maxCoeff() > 0.1);

    // Virtual batch norm on the same layer: A's output is the same in either batch.
    SpatialFrontEnd front_end(make_stack(input, {layer}));
    const std::vector<float> reference = random_images(rng, input, 8);
    front_end.calibrate(reference.data(), 8);
    const Eigen::MatrixXf virtual_together = front_end.forward(both.data(), 2);
    const Eigen::MatrixXf virtual_alone = front_end.forward(both.data(), 1);
    CHECK(identical(virtual_together.row(0), virtual_alone.row(0)));
  }
}

TEST_CASE("a front end with virtual batch norm refuses to run before calibration and refuses an empty reference",
          "[spatial][vbn]") {
  RandomStream rng(44, 0, 0, Purpose::evaluation);
  const ImageShape input{1, 5, 5};
  SpatialLayerGene layer = random_layer(rng, SharingMode::shared, input);
  add_normalisation(layer, rng);
  SpatialFrontEnd front_end(make_stack(input, {layer}));
  CHECK(front_end.normalises());
  const std::vector<float> image = random_images(rng, input, 1);
  CHECK_THROWS_WITH(front_end.forward(image.data(), 1), Catch::Contains("before its statistics were computed"));
  CHECK_THROWS_AS(front_end.calibrate(image.data(), 0), std::invalid_argument);

  SpatialLayerGene wrong = layer;
  wrong.norm_gains.pop_back();
  CHECK_THROWS_WITH(SpatialFrontEnd(make_stack(input, {wrong})), Catch::Contains("normalisation gains"));
}
