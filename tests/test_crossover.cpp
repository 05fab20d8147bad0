// Crossover aligned by innovation id: which parent each gene comes from, the disabled-gene
// rule, no duplicate (in, out) pair and no cycle in a feed-forward child.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "genome/crossover.hpp"
#include "genome/genome_invariants.hpp"
#include "genome/graph_checks.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

// a: 0 → 1 (inn 1), 0 → 2 (inn 2), 2 → 1 (inn 3)      nodes 0 in, 1 out, 2 hidden
// b: 0 → 1 (inn 1), 0 → 3 (inn 4), 3 → 1 (inn 5)      nodes 0 in, 1 out, 3 hidden
Genome parent_a(double fitness) {
  Genome g = make_genome({input(0), output(1), hidden(2)},
                         {link(1, 0, 1, 1.0), link(2, 0, 2, 0.5), link(3, 2, 1, 0.25)});
  g.fitness = fitness;
  return g;
}
Genome parent_b(double fitness) {
  Genome g = make_genome({input(0), output(1), hidden(3)},
                         {link(1, 0, 1, -1.0), link(4, 0, 3, 0.75), link(5, 3, 1, -0.25)});
  g.fitness = fitness;
  return g;
}

std::vector<InnovationId> innovations(const Genome& g) {
  std::vector<InnovationId> ids;
  for (const ConnectionGene& c : g.connections) ids.push_back(c.innovation);
  return ids;
}
std::vector<NodeId> node_ids(const Genome& g) {
  std::vector<NodeId> ids;
  for (const NodeGene& n : g.nodes) ids.push_back(n.id);
  return ids;
}
std::string describe(const std::vector<std::string>& problems) {
  std::string text;
  for (const auto& p : problems) text += p + "; ";
  return text;
}

}  // namespace

TEST_CASE("Disjoint and excess genes come only from the fitter parent", "[crossover]") {
  const GenomeConfig config;
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    RandomStream random(seed);
    // a is fitter: child holds a's genes 1, 2, 3 and a's nodes; b's 4 and 5 are left out.
    const Genome first_fitter = crossover(parent_a(2.0), parent_b(1.0), config, random);
    CHECK(innovations(first_fitter) == std::vector<InnovationId>{1, 2, 3});
    CHECK(node_ids(first_fitter) == std::vector<NodeId>{0, 1, 2});
    // The fitter parent may also be the second argument.
    const Genome second_fitter = crossover(parent_a(1.0), parent_b(2.0), config, random);
    CHECK(innovations(second_fitter) == std::vector<InnovationId>{1, 4, 5});
    CHECK(node_ids(second_fitter) == std::vector<NodeId>{0, 1, 3});
    // Non-matching genes are copied unchanged.
    REQUIRE(second_fitter.connections.size() == 3);
    CHECK(second_fitter.connections[1] == link(4, 0, 3, 0.75));
    CHECK(second_fitter.connections[2] == link(5, 3, 1, -0.25));
  }
}

TEST_CASE("Equally fit parents both give their disjoint and excess genes", "[crossover]") {
  const GenomeConfig config;
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    RandomStream random(seed);
    const Genome child = crossover(parent_a(1.0), parent_b(1.0), config, random);
    CHECK(innovations(child) == std::vector<InnovationId>{1, 2, 3, 4, 5});
    CHECK(node_ids(child) == std::vector<NodeId>{0, 1, 2, 3});
    CHECK(invariant_violations(child, true).empty());
  }
}

TEST_CASE("A matching gene takes its weight from one parent or the other", "[crossover]") {
  const GenomeConfig config;
  int from_a = 0, from_b = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    RandomStream random(seed);
    const Genome child = crossover(parent_a(2.0), parent_b(1.0), config, random);
    const double weight = child.connections.front().weight;  // innovation 1: 1.0 in a, −1.0 in b
    CHECK((weight == 1.0 || weight == -1.0));
    (weight == 1.0 ? from_a : from_b)++;
  }
  // Each parent is chosen with probability 1/2: 200 draws with none from one side has
  // probability 2·2^-200.
  CHECK(from_a > 50);
  CHECK(from_b > 50);
}

TEST_CASE("A gene disabled in one parent is disabled in the child about 75% of the time", "[crossover]") {
  GenomeConfig config;  // disabled_gene_inheritance = 0.75
  Genome a = parent_a(1.0), b = parent_b(1.0);
  a.connections[0].enabled = false;  // innovation 1 disabled in a only
  const int trials = 4000;
  int disabled = 0;
  RandomStream random(12345);
  for (int t = 0; t < trials; ++t) {
    const Genome child = crossover(a, b, config, random);
    REQUIRE(child.connections.front().innovation == 1);
    if (!child.connections.front().enabled) ++disabled;
  }
  // Binomial(4000, 0.75): standard deviation 0.0068, so 0.70..0.80 is over 7 deviations wide.
  const double rate = static_cast<double>(disabled) / trials;
  CHECK(rate > 0.70);
  CHECK(rate < 0.80);
}

TEST_CASE("A matching gene enabled in both parents is always enabled in the child", "[crossover]") {
  const GenomeConfig config;
  RandomStream random(7);
  for (int t = 0; t < 500; ++t) CHECK(crossover(parent_a(1.0), parent_b(1.0), config, random).connections[0].enabled);
}

TEST_CASE("Disabled-gene inheritance of 0 and 1 is deterministic", "[crossover]") {
  GenomeConfig config;
  Genome a = parent_a(1.0), b = parent_b(1.0);
  b.connections[0].enabled = false;
  RandomStream random(99);
  config.disabled_gene_inheritance = 1.0;
  for (int t = 0; t < 100; ++t) CHECK_FALSE(crossover(a, b, config, random).connections[0].enabled);
  config.disabled_gene_inheritance = 0.0;
  for (int t = 0; t < 100; ++t) CHECK(crossover(a, b, config, random).connections[0].enabled);
}

TEST_CASE("The child never holds the same connection twice under different innovation ids", "[crossover]") {
  // `fresh` policy: both parents added 1 → 2 independently and got ids 5 and 6.
  Genome a = make_genome({input(0), input(1), output(2)}, {link(1, 0, 2, 1.0), link(5, 1, 2, 0.5)});
  Genome b = make_genome({input(0), input(1), output(2)}, {link(1, 0, 2, 1.0), link(6, 1, 2, -0.5)});
  const GenomeConfig config;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    RandomStream random(seed);
    // Equally fit: both 5 and 6 would be inherited; the later one (6) is dropped.
    const Genome child = crossover(a, b, config, random);
    CHECK(innovations(child) == std::vector<InnovationId>{1, 5});
    REQUIRE(child.find_connection(1, 2) != nullptr);
    CHECK(child.find_connection(1, 2)->weight == 0.5);
    CHECK(invariant_violations(child, true).empty());
    // The argument order does not matter: genes arrive in innovation order.
    const Genome swapped = crossover(b, a, config, random);
    CHECK(innovations(swapped) == std::vector<InnovationId>{1, 5});
    CHECK(invariant_violations(swapped, true).empty());
  }
}

TEST_CASE("A duplicate pair is dropped in recurrent genomes too", "[crossover]") {
  GenomeConfig config;
  config.feed_forward = false;
  Genome a = make_genome({input(0), output(1)}, {link(3, 1, 1, 0.5)});
  Genome b = make_genome({input(0), output(1)}, {link(4, 1, 1, 0.25), link(9, 0, 1, 2.0)});
  RandomStream random(3);
  const Genome child = crossover(a, b, config, random);
  CHECK(innovations(child) == std::vector<InnovationId>{3, 9});
  CHECK(invariant_violations(child, false).empty());
}

TEST_CASE("A feed-forward child of equally fit parents drops the gene that would close a cycle", "[crossover]") {
  // Shared: 0 → h1(2), h1 → 1, 0 → h2(3), h2 → 1. A adds h1 → h2 (inn 10), B adds
  // h2 → h1 (inn 11). Their union holds the cycle h1 → h2 → h1.
  auto shared = [](InnovationId extra, NodeId in, NodeId out) {
    Genome g = make_genome({input(0), output(1), hidden(2), hidden(3)},
                           {link(1, 0, 2, 1.0), link(2, 2, 1, 1.0), link(3, 0, 3, 1.0), link(4, 3, 1, 1.0),
                            link(extra, in, out, 0.5)});
    g.fitness = 3.0;
    return g;
  };
  const Genome a = shared(10, 2, 3);
  const Genome b = shared(11, 3, 2);
  GenomeConfig config;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    RandomStream random(seed);
    for (const Genome& child : {crossover(a, b, config, random), crossover(b, a, config, random)}) {
      CHECK_FALSE(has_cycle(child));
      INFO(describe(invariant_violations(child, true)));
      CHECK(invariant_violations(child, true).empty());
      CHECK(innovations(child) == std::vector<InnovationId>{1, 2, 3, 4, 10});  // 10 comes first
    }
  }
  // A recurrent genome may keep both.
  config.feed_forward = false;
  RandomStream random(1);
  const Genome recurrent = crossover(a, b, config, random);
  CHECK(innovations(recurrent) == std::vector<InnovationId>{1, 2, 3, 4, 10, 11});
  CHECK(has_cycle(recurrent));
  CHECK(invariant_violations(recurrent, false).empty());
}

TEST_CASE("A disabled gene counts when checking whether a gene would close a cycle", "[crossover]") {
  // A's h1 → h2 is disabled; enabling it later must not be able to close a cycle, so
  // B's h2 → h1 is still dropped.
  Genome a = make_genome({input(0), output(1), hidden(2), hidden(3)},
                         {link(1, 0, 2, 1.0), link(2, 3, 1, 1.0), link(10, 2, 3, 0.5, false)});
  Genome b = make_genome({input(0), output(1), hidden(2), hidden(3)},
                         {link(1, 0, 2, 1.0), link(2, 3, 1, 1.0), link(11, 3, 2, 0.5)});
  const GenomeConfig config;
  RandomStream random(5);
  const Genome child = crossover(a, b, config, random);
  CHECK(innovations(child) == std::vector<InnovationId>{1, 2, 10});
  CHECK_FALSE(child.connections.back().enabled);  // a disjoint gene keeps its flag
  CHECK_FALSE(has_cycle(child));
}
