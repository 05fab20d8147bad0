#include "genome/crossover.hpp"

#include <array>
#include <cstddef>
#include <memory_resource>
#include <vector>

#include "genome/graph_checks.hpp"
#include "genome/spatial/readout_inputs.hpp"
#include "genome/spatial/crossover.hpp"

namespace convneat {
namespace {

// The (in, out) pairs an offspring has taken so far: an open-addressing table in one array,
// sized once for the genes the child can hold (so at most half full), so that adding a gene
// costs no allocation; on small genomes per-gene node allocations cost more than the crossover
// itself. Only membership is asked, so the layout cannot change a result.
class TakenPairs {
 public:
  struct Slot {
    NodeId in = 0, out = 0;
    bool taken = false;
  };

  explicit TakenPairs(std::size_t most_pairs) : resource_(buffer_.data(), buffer_.size()), slots_(&resource_) {
    std::size_t capacity = 16;
    while (capacity < 2 * most_pairs) capacity *= 2;
    slots_.resize(capacity);
  }
  TakenPairs(const TakenPairs&) = delete;
  TakenPairs& operator=(const TakenPairs&) = delete;

  // The slot that holds the pair, or the free one where it belongs.
  Slot& find(NodeId in, NodeId out) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t k = static_cast<std::size_t>(mix64(in * 0x9e3779b97f4a7c15ULL ^ out)) & mask;
    while (slots_[k].taken && (slots_[k].in != in || slots_[k].out != out)) k = (k + 1) & mask;
    return slots_[k];
  }

 private:
  // Up to 128 slots (a child of up to 64 genes) live in the table itself, on the stack with
  // the builder: no allocation for small genomes; larger ones take theirs from the heap.
  std::array<std::byte, 128 * sizeof(Slot)> buffer_;
  std::pmr::monotonic_buffer_resource resource_;
  std::pmr::vector<Slot> slots_;
};

class OffspringBuilder {
 public:
  OffspringBuilder(bool check_cycles, const GenomeConfig& config, RandomStream& random, std::size_t most_genes,
                   std::size_t room)
      : check_cycles_(check_cycles), config_(config), random_(random), pairs_(most_genes) {
    child_.connections.reserve(most_genes + room);
  }

  void add_matching(const ConnectionGene& a, const ConnectionGene& b) {
    ConnectionGene gene = random_.chance(0.5) ? a : b;
    gene.enabled = (a.enabled && b.enabled) || !random_.chance(config_.disabled_gene_inheritance);
    add(gene);
  }

  void add(const ConnectionGene& gene) {
    TakenPairs::Slot& pair = pairs_.find(gene.in, gene.out);
    if (pair.taken) return;
    if (check_cycles_ && creates_cycle(child_, gene.in, gene.out)) return;
    pair = {gene.in, gene.out, true};
    child_.connections.push_back(gene);  // arrives in innovation order
  }

  Genome& child() { return child_; }

 private:
  bool check_cycles_;
  const GenomeConfig& config_;
  RandomStream& random_;
  Genome child_;
  TakenPairs pairs_;
};

// Nodes: those of the parents whose disjoint genes are inherited; a node both hold takes
// its attributes from either at random.
void inherit_nodes(Genome& child, const Genome& a, const Genome& b, bool take_a, bool take_b, RandomStream& random) {
  std::size_t i = 0, j = 0;
  while (i < a.nodes.size() || j < b.nodes.size()) {
    if (j == b.nodes.size() || (i < a.nodes.size() && a.nodes[i].id < b.nodes[j].id)) {
      if (take_a) child.nodes.push_back(a.nodes[i]);
      ++i;
    } else if (i == a.nodes.size() || b.nodes[j].id < a.nodes[i].id) {
      if (take_b) child.nodes.push_back(b.nodes[j]);
      ++j;
    } else {
      child.nodes.push_back(random.chance(0.5) ? a.nodes[i] : b.nodes[j]);
      ++i, ++j;
    }
  }
}

}  // namespace

Genome crossover(const Genome& first, const Genome& second, const GenomeConfig& config, RandomStream& random) {
  const bool take_first = first.fitness >= second.fitness;
  const bool take_second = second.fitness >= first.fitness;
  // Genes of one acyclic parent cannot close a cycle; only the union of both can.
  const auto& a = first.connections;
  const auto& b = second.connections;
  // The child holds at most the genes of the parents it takes from: reserve that and the room
  // its mutation needs, no more (it keeps the capacity for life, and image genomes hold
  // thousands of genes).
  const auto at_most = [&](std::size_t from_first, std::size_t from_second) {
    return (take_first ? from_first : 0) + (take_second ? from_second : 0);
  };
  OffspringBuilder builder(config.feed_forward && take_first && take_second, config, random,
                           at_most(a.size(), b.size()), kOffspringConnectionRoom);
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].innovation < b[j].innovation)) {
      if (take_first) builder.add(a[i]);
      ++i;
    } else if (i == a.size() || b[j].innovation < a[i].innovation) {
      if (take_second) builder.add(b[j]);
      ++j;
    } else {
      builder.add_matching(a[i], b[j]);
      ++i, ++j;
    }
  }
  Genome& child = builder.child();
  child.nodes.reserve(at_most(first.nodes.size(), second.nodes.size()) + kOffspringNodeRoom);
  inherit_nodes(child, first, second, take_first, take_second, random);
  // The front end follows the fitter parent (the first when equally fit); the graph's inputs
  // then follow the front end's readout.
  const Genome& fitter = take_first ? first : second;
  const Genome& other = take_first ? second : first;
  if (fitter.spatial) {
    child.spatial = other.spatial ? crossover_stacks(*fitter.spatial, *other.spatial, random) : *fitter.spatial;
    match_inputs_to_readout(child);
  }
  return std::move(child);
}

}  // namespace convneat
