// The front end's share of the compatibility distance.
#include <catch2/catch.hpp>

#include "genome/compatibility.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/spatial/compatibility.hpp"
#include "genome/spatial/geometry.hpp"
#include "spatial_support.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

// A 1 × 1 kernel from one channel to two: kernels {w0, w1}, biases {b0, b1}.
SpatialLayerGene tiny_layer(InnovationId id, SharingMode mode, std::vector<double> kernels,
                            std::vector<double> biases) {
  SpatialLayerGene layer;
  layer.innovation = id;
  layer.kernel_size = 1;
  layer.in_channels = 1;
  layer.out_channels = 2;
  layer.mode = mode;
  layer.kernels = std::move(kernels);
  layer.biases = std::move(biases);
  return layer;
}

Genome with_layers(std::vector<SpatialLayerGene> layers) {
  Genome genome = make_genome({input(0), output(1)}, {});
  genome.spatial = SpatialStack{{1, 4, 4}, std::move(layers), ReadoutKind::flatten};
  return genome;
}

GenomeConfig spatial_coefficients(double layer, double kernel) {
  GenomeConfig config;
  config.spatial.layer_coefficient = layer;
  config.spatial.kernel_coefficient = kernel;
  return config;
}

}  // namespace

TEST_CASE("a hand-built pair: unmatched and mode-mismatched layers plus the mean kernel difference", "[spatial]") {
  // a: 0 shared, 1 shared, 5 shared      b: 0 shared, 1 centroid, 7 shared
  // unmatched 5 and 7, mode mismatch 1; layer 0 aligned: |1 − 1.5| + |2 − 1| + |0 − 0| + |0 − 1| = 2.5 over 4
  const Genome a = with_layers({tiny_layer(0, SharingMode::shared, {1.0, 2.0}, {0.0, 0.0}),
                                tiny_layer(1, SharingMode::shared, {3.0, 3.0}, {3.0, 3.0}),
                                tiny_layer(5, SharingMode::shared, {0.0, 0.0}, {0.0, 0.0})});
  const Genome b = with_layers({tiny_layer(0, SharingMode::shared, {1.5, 1.0}, {0.0, 1.0}),
                                tiny_layer(1, SharingMode::centroid, {9.0, 9.0}, {9.0, 9.0}),
                                tiny_layer(7, SharingMode::shared, {0.0, 0.0}, {0.0, 0.0})});
  const LayerAlignment alignment = align_layers(a, b, false);
  CHECK(alignment.unmatched == 2);
  CHECK(alignment.mode_mismatches == 1);
  CHECK(alignment.aligned_parameters == 4);
  CHECK(alignment.parameter_difference_sum == 2.5);
  const GenomeConfig config = spatial_coefficients(1.0, 0.5);
  CHECK(compatibility_distance(a, b, config) == 3.0 + 0.5 * 0.625);
  CHECK(compatibility_distance(b, a, config) == 3.0 + 0.5 * 0.625);
}

TEST_CASE("matching layers of different channel counts: the unmatched fraction, and the common channels aligned",
          "[spatial]") {
  // b's layer 0 has a third output channel (add-channel appends): C = 1/3; channels 0 and 1
  // align, |1 − 1.5| + |2 − 2| + biases |0 − 0| + |0 − 1| = 1.5 over 4.
  SpatialLayerGene wider = tiny_layer(0, SharingMode::shared, {1.5, 2.0, 3.0}, {0.0, 1.0, 5.0});
  wider.out_channels = 3;
  const Genome a = with_layers({tiny_layer(0, SharingMode::shared, {1.0, 2.0}, {0.0, 0.0})});
  const Genome b = with_layers({wider});
  const LayerAlignment alignment = align_layers(a, b, true);
  CHECK(alignment.unmatched == 0);
  CHECK(alignment.aligned_parameters == 4);
  CHECK(alignment.parameter_difference_sum == 1.5);
  CHECK(alignment.unmatched_channels == 1.0 / 3.0);
  GenomeConfig config = spatial_coefficients(1.0, 0.5);
  CHECK(compatibility_distance(a, b, config) == 0.0);  // the defaults: δ as before channel terms
  config.spatial.channel_coefficient = 2.0;
  CHECK(compatibility_distance(a, b, config) == 2.0 / 3.0);  // layers of two shapes do not align
  CHECK(align_layers(a, b, false).aligned_parameters == 0);
  config.spatial.align_common_channels = true;
  CHECK(compatibility_distance(a, b, config) == 2.0 / 3.0 + 0.5 * 0.375);
  CHECK(compatibility_distance(b, a, config) == 2.0 / 3.0 + 0.5 * 0.375);
}

TEST_CASE("a layer reading a channel more aligns the input channels both read", "[spatial]") {
  // 2 → 1 channels, 1 × 1 kernel, against 3 → 1: W[0][c] for c = 0, 1 align; c = 2 has no
  // partner and the output channels agree, so C = 0.
  SpatialLayerGene two = tiny_layer(0, SharingMode::shared, {1.0, 2.0}, {0.5});
  two.in_channels = 2, two.out_channels = 1;
  SpatialLayerGene three = tiny_layer(0, SharingMode::shared, {1.0, 4.0, 9.0}, {0.5});
  three.in_channels = 3, three.out_channels = 1;
  const LayerAlignment alignment = align_layers(with_layers({two}), with_layers({three}), true);
  CHECK(alignment.aligned_parameters == 3);  // two weights and the bias
  CHECK(alignment.parameter_difference_sum == 2.0);
  CHECK(alignment.unmatched_channels == 0.0);
}

TEST_CASE("layers with different banks or kernel sizes align no parameters", "[spatial]") {
  SpatialLayerGene local = tiny_layer(0, SharingMode::shared, {1.0, 2.0, 1.0, 2.0}, {0.0, 0.0, 0.0, 0.0});
  local.banks = 2;
  SpatialLayerGene wide_kernel = tiny_layer(0, SharingMode::shared, std::vector<double>(18, 1.0), {0.0, 0.0});
  wide_kernel.kernel_size = 3;
  const Genome one_by_one = with_layers({tiny_layer(0, SharingMode::shared, {1.0, 2.0}, {0.0, 0.0})});
  for (const SpatialLayerGene& other : {local, wide_kernel}) {
    const LayerAlignment alignment = align_layers(one_by_one, with_layers({other}), true);
    CHECK(alignment.aligned_parameters == 0);
    CHECK(alignment.unmatched == 0);
    CHECK(alignment.mode_mismatches == 0);
  }
}

TEST_CASE("layers of one shape sum their differences kernels, biases, gains, shifts: as before channel alignment",
          "[spatial]") {
  // Two output channels with virtual batch norm; the sum must be the storage-order sum the
  // distance has always taken, so that a run's δ (and its species) did not change.
  // (Values for which channel-by-channel order sums to 6.799999999999999, storage order to 6.800000000000001.)
  SpatialLayerGene a = tiny_layer(0, SharingMode::shared, {0.1, -0.98}, {-0.96, 0.23});
  SpatialLayerGene b = tiny_layer(0, SharingMode::shared, {-0.17, 0.16}, {0.26, -0.88});
  a.virtual_batch_norm = b.virtual_batch_norm = true;
  a.norm_gains = {0.25, -0.07}, b.norm_gains = {0.36, -0.29};
  a.norm_shifts = {0.41, 0.48}, b.norm_shifts = {-0.96, -0.88};
  double storage_order = 0.0;
  for (const auto& [x, y] : {std::pair{&a.kernels, &b.kernels}, std::pair{&a.biases, &b.biases},
                             std::pair{&a.norm_gains, &b.norm_gains}, std::pair{&a.norm_shifts, &b.norm_shifts}})
    for (std::size_t i = 0; i < x->size(); ++i) storage_order += std::abs((*x)[i] - (*y)[i]);
  for (const bool common_channels : {false, true}) {
    const LayerAlignment alignment = align_layers(with_layers({a}), with_layers({b}), common_channels);
    CHECK(alignment.aligned_parameters == 8);
    CHECK(alignment.parameter_difference_sum == storage_order);
    CHECK(alignment.parameter_difference_sum == 6.800000000000001);
  }
}

TEST_CASE("separate_readout: readout and inner genes each have their own E/N and D/N", "[spatial]") {
  // 30 readout connections in both genomes (matching, equal weights); b has split a readout
  // connection with hidden node 2 as add-node does — readout → 2 joins the readout genes,
  // 2 → output the inner ones — and holds one more inner gene, 2 → 2. With one N = 33 the
  // three genes add 3/33; apart, readout 1/31 and inner 2/1 (the inner set is below
  // small_genome_size, so N = 1).
  Genome a = with_layers({tiny_layer(0, SharingMode::shared, {1.0, 2.0}, {0.0, 0.0})});
  a.nodes.push_back(output(1));
  for (InnovationId i = 0; i < 30; ++i) a.connections.push_back(link(i, readout_node_id(0, 0, i), 1, 0.5));
  Genome b = a;
  b.connections.push_back(link(30, readout_node_id(0, 0, 0), 2, 0.5));
  b.connections.push_back(link(31, 2, 1, 0.5));
  b.connections.push_back(link(32, 2, 2, 0.5));
  GenomeConfig config = spatial_coefficients(1.0, 0.5);
  config.spatial.separate_readout = false;
  CHECK(compatibility_distance(a, b, config) == 3.0 / 33.0);
  config.spatial.separate_readout = true;
  CHECK(compatibility_distance(a, b, config) == 1.0 / 31.0 + 2.0);
  CHECK(align_genes(a, b, GeneSet::readout).excess == 1);
  CHECK(align_genes(a, b, GeneSet::inner).excess == 2);
  CHECK(align_genes(a, b, GeneSet::inner).matching == 0);
  CHECK(align_genes(a, b, GeneSet::readout).matching == 30);
}

TEST_CASE("against a genome without a front end every layer is unmatched", "[spatial]") {
  const Genome a = with_layers({tiny_layer(0, SharingMode::shared, {1.0, 2.0}, {0.0, 0.0}),
                                tiny_layer(1, SharingMode::shared, {1.0, 2.0}, {0.0, 0.0})});
  Genome b = a;
  b.spatial.reset();
  CHECK(compatibility_distance(a, b, spatial_coefficients(1.5, 0.5)) == 3.0);
}

TEST_CASE("identical spatial genomes are at distance zero, and distance is symmetric", "[spatial]") {
  GenomeConfig config = busy_spatial_config(spatial_genome_config());
  const bool channel_terms = GENERATE(false, true);
  config.spatial.channel_coefficient = channel_terms ? 1.0 : 0.0;
  config.spatial.align_common_channels = channel_terms;
  config.spatial.separate_readout = channel_terms;
  auto policy = make_innovation_policy(InnovationPolicyKind::persistent, NodeLayout(config).first_free_node);
  RandomStream random(1, 0, 0, Purpose::reproduction);
  std::vector<Genome> genomes;
  for (GenomeId id = 0; id < 6; ++id) {
    genomes.push_back(make_initial_genome(id, config, *policy, random));
    MutationContext context{config, *policy, random};
    for (int i = 0; i < 4; ++i) mutate(genomes.back(), context);
  }
  for (const Genome& a : genomes) {
    CHECK(compatibility_distance(a, a, config) == 0.0);
    for (const Genome& b : genomes) {
      CHECK(compatibility_distance(a, b, config) == compatibility_distance(b, a, config));
      if (&a != &b) CHECK(compatibility_distance(a, b, config) > 0.0);
    }
  }
}
