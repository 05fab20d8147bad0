// Compatibility distance δ = c1·E/N + c2·D/N + c3·W̄ on hand-made genome pairs.
#include <catch2/catch.hpp>

#include "genome/compatibility.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

// Only connection genes matter to alignment; the node genes are there to keep genomes valid.
// a: innovations 1 2 3 5        weights 0.5 −1.0 2.0 0.0
// b: innovations 1 2 4 6 7      weights 1.5 −0.5 1.0 1.0 1.0
Genome genome_a() {
  return make_genome({input(0), input(1), output(2), hidden(3)},
                     {link(1, 0, 2, 0.5), link(2, 1, 2, -1.0), link(3, 0, 3, 2.0), link(5, 3, 2, 0.0)});
}
Genome genome_b() {
  return make_genome({input(0), input(1), output(2), hidden(4)},
                     {link(1, 0, 2, 1.5), link(2, 1, 2, -0.5), link(4, 1, 4, 1.0), link(6, 4, 2, 1.0),
                      link(7, 0, 4, 1.0)});
}

GenomeConfig coefficients(double c1, double c2, double c3, std::size_t small_genome_size) {
  GenomeConfig config;
  config.excess_coefficient = c1;
  config.disjoint_coefficient = c2;
  config.weight_coefficient = c3;
  config.small_genome_size = small_genome_size;
  return config;
}

}  // namespace

TEST_CASE("align_genes counts matching, disjoint and excess genes and the weight differences", "[compatibility]") {
  // matching: 1, 2 (|0.5 − 1.5| + |−1 − (−0.5)| = 1 + 0.5 = 1.5)
  // disjoint: 3, 5 of a and 4 of b (all below the other genome's largest innovation)
  // excess:   6, 7 of b (beyond a's largest innovation, 5)
  const GeneAlignment ab = align_genes(genome_a(), genome_b());
  CHECK(ab.matching == 2);
  CHECK(ab.disjoint == 3);
  CHECK(ab.excess == 2);
  CHECK(ab.weight_difference_sum == 1.5);

  const GeneAlignment ba = align_genes(genome_b(), genome_a());  // symmetric
  CHECK(ba.matching == 2);
  CHECK(ba.disjoint == 3);
  CHECK(ba.excess == 2);
  CHECK(ba.weight_difference_sum == 1.5);
}

TEST_CASE("Genes of the genome with the larger innovations are excess only beyond the other's last", "[compatibility]") {
  // a: 1, 10   b: 2, 3, 4 → 1 (a), 2, 3, 4 (b) are disjoint; 10 (a) is excess
  Genome a = make_genome({input(0), output(1)}, {link(1, 0, 1, 1.0), link(10, 1, 1, 1.0)});
  Genome b = make_genome({input(0), output(1)}, {link(2, 0, 1, 1.0), link(3, 0, 1, 1.0), link(4, 0, 1, 1.0)});
  const GeneAlignment alignment = align_genes(a, b);
  CHECK(alignment.matching == 0);
  CHECK(alignment.disjoint == 4);
  CHECK(alignment.excess == 1);
  CHECK(alignment.weight_difference_sum == 0.0);
}

TEST_CASE("Small genomes use N = 1", "[compatibility]") {
  // Both have fewer than 20 genes: δ = 1·2/1 + 1·3/1 + 0.4·(1.5/2) = 2 + 3 + 0.3 = 5.3
  CHECK(compatibility_distance(genome_a(), genome_b(), coefficients(1.0, 1.0, 0.4, 20)) ==
        Approx(5.3).epsilon(1e-12));
  // c1 = 2, c2 = 0.5, c3 = 1: 4 + 1.5 + 0.75 = 6.25
  CHECK(compatibility_distance(genome_a(), genome_b(), coefficients(2.0, 0.5, 1.0, 20)) == 6.25);
}

TEST_CASE("Larger genomes divide by the larger connection gene count", "[compatibility]") {
  // small_genome_size 0: N = max(4, 5) = 5; δ = 2/5 + 3/5 + 0.4·0.75 = 0.4 + 0.6 + 0.3 = 1.3
  CHECK(compatibility_distance(genome_a(), genome_b(), coefficients(1.0, 1.0, 0.4, 0)) ==
        Approx(1.3).epsilon(1e-12));
  // c1 = 2, c2 = 0.5, c3 = 1: 2·2/5 + 0.5·3/5 + 0.75 = 0.8 + 0.3 + 0.75 = 1.85
  CHECK(compatibility_distance(genome_a(), genome_b(), coefficients(2.0, 0.5, 1.0, 0)) ==
        Approx(1.85).epsilon(1e-12));
}

TEST_CASE("N becomes the gene count once the larger genome reaches small_genome_size", "[compatibility]") {
  // The larger genome has 5 genes: threshold 6 → N = 1 (5.3); threshold 5 → N = 5 (1.3).
  CHECK(compatibility_distance(genome_a(), genome_b(), coefficients(1.0, 1.0, 0.4, 6)) ==
        Approx(5.3).epsilon(1e-12));
  CHECK(compatibility_distance(genome_a(), genome_b(), coefficients(1.0, 1.0, 0.4, 5)) ==
        Approx(1.3).epsilon(1e-12));
}

TEST_CASE("Only the weight term remains when all genes match", "[compatibility]") {
  // Weights differ by 2 and 0: W̄ = 1; δ = 0.4·1 = 0.4 in both N modes
  Genome a = make_genome({input(0), input(1), output(2)}, {link(1, 0, 2, 1.0), link(2, 1, 2, 3.0)});
  Genome b = make_genome({input(0), input(1), output(2)}, {link(1, 0, 2, -1.0), link(2, 1, 2, 3.0)});
  CHECK(compatibility_distance(a, b, coefficients(1.0, 1.0, 0.4, 20)) == Approx(0.4).epsilon(1e-12));
  CHECK(compatibility_distance(a, b, coefficients(1.0, 1.0, 0.4, 0)) == Approx(0.4).epsilon(1e-12));
}

TEST_CASE("Identical genomes are at distance zero", "[compatibility]") {
  for (std::size_t small : {std::size_t{0}, std::size_t{20}}) {
    CHECK(compatibility_distance(genome_a(), genome_a(), coefficients(1.0, 1.0, 0.4, small)) == 0.0);
    CHECK(compatibility_distance(genome_b(), genome_b(), coefficients(3.0, 2.0, 5.0, small)) == 0.0);
  }
}

TEST_CASE("Two genomes without connection genes are at distance zero", "[compatibility]") {
  Genome empty_a = make_genome({input(0), output(1)}, {});
  Genome empty_b = make_genome({input(0), input(1), output(2), hidden(3)}, {});
  const GeneAlignment alignment = align_genes(empty_a, empty_b);
  CHECK(alignment.matching == 0);
  CHECK(alignment.disjoint == 0);
  CHECK(alignment.excess == 0);
  CHECK(compatibility_distance(empty_a, empty_b, coefficients(1.0, 1.0, 0.4, 0)) == 0.0);
  CHECK(compatibility_distance(Genome{}, Genome{}, coefficients(1.0, 1.0, 0.4, 20)) == 0.0);
}

TEST_CASE("Against an empty genome every gene is excess", "[compatibility]") {
  // b has 5 genes, all excess: N = 1 → 5·1.5 = 7.5; N = 5 → 1.5
  Genome empty = make_genome({input(0), output(1)}, {});
  const GeneAlignment alignment = align_genes(empty, genome_b());
  CHECK(alignment.excess == 5);
  CHECK(alignment.disjoint == 0);
  CHECK(compatibility_distance(empty, genome_b(), coefficients(1.5, 1.0, 0.4, 20)) == 7.5);
  CHECK(compatibility_distance(genome_b(), empty, coefficients(1.5, 1.0, 0.4, 0)) == 1.5);
}
