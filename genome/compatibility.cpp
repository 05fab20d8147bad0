#include "genome/compatibility.hpp"

#include <algorithm>
#include <cmath>

#include "genome/spatial/compatibility.hpp"
#include "genome/spatial/geometry.hpp"

namespace convneat {

bool in_gene_set(const ConnectionGene& gene, GeneSet set) {
  return set == GeneSet::all || is_readout_node_id(gene.in) == (set == GeneSet::readout);
}

namespace {

// The first gene at or after k that `belongs`.
template <class Belongs>
std::size_t next_in_set(const std::vector<ConnectionGene>& genes, std::size_t k, Belongs belongs) {
  while (k < genes.size() && !belongs(genes[k])) ++k;
  return k;
}

// The merge of two innovation-sorted gene lists, over the genes that `belongs`. A template so
// that the common case, every gene, compiles to the plain merge: speciation runs it for every
// genome against every species it tries.
template <class Belongs>
GeneAlignment align(const std::vector<ConnectionGene>& x, const std::vector<ConnectionGene>& y, Belongs belongs) {
  GeneAlignment alignment;
  // Matching genes join the same two nodes, so both genomes put a matching gene in one set.
  std::size_t i = next_in_set(x, 0, belongs), j = next_in_set(y, 0, belongs);
  while (i < x.size() && j < y.size()) {
    if (x[i].innovation == y[j].innovation) {
      ++alignment.matching;
      alignment.weight_difference_sum += std::abs(x[i].weight - y[j].weight);
      i = next_in_set(x, i + 1, belongs), j = next_in_set(y, j + 1, belongs);
    } else if (x[i].innovation < y[j].innovation) {
      ++alignment.disjoint, i = next_in_set(x, i + 1, belongs);
    } else {
      ++alignment.disjoint, j = next_in_set(y, j + 1, belongs);
    }
  }
  // Whatever is left beyond the other genome's last innovation is excess.
  for (; i < x.size(); i = next_in_set(x, i + 1, belongs)) ++alignment.excess;
  for (; j < y.size(); j = next_in_set(y, j + 1, belongs)) ++alignment.excess;
  return alignment;
}

}  // namespace

GeneAlignment align_genes(const Genome& a, const Genome& b, GeneSet set) {
  if (set == GeneSet::all) return align(a.connections, b.connections, [](const ConnectionGene&) { return true; });
  return align(a.connections, b.connections, [set](const ConnectionGene& gene) { return in_gene_set(gene, set); });
}

namespace {

double node_difference(const NodeGene& x, const NodeGene& y) {
  double difference = std::abs(x.bias - y.bias) + std::abs(x.response - y.response) +
                      std::abs(x.time_constant - y.time_constant) + (x.activation != y.activation ? 1.0 : 0.0) +
                      (x.aggregation != y.aggregation ? 1.0 : 0.0);
  for (const IzhikevichAttribute& attribute : kIzhikevichAttributes)
    difference += std::abs(x.izhikevich.*attribute.value - y.izhikevich.*attribute.value);
  return difference;
}

bool is_computed(const NodeGene& node) { return node.kind == NodeKind::hidden || node.kind == NodeKind::output; }

}  // namespace

double mean_node_difference(const Genome& a, const Genome& b) {
  double sum = 0.0;
  std::size_t matching = 0;
  std::size_t i = 0, j = 0;  // both node lists are sorted by id
  while (i < a.nodes.size() && j < b.nodes.size()) {
    if (a.nodes[i].id < b.nodes[j].id) {
      ++i;
    } else if (b.nodes[j].id < a.nodes[i].id) {
      ++j;
    } else {
      if (is_computed(a.nodes[i])) sum += node_difference(a.nodes[i], b.nodes[j]), ++matching;
      ++i, ++j;
    }
  }
  return matching == 0 ? 0.0 : sum / static_cast<double>(matching);
}

namespace {

std::size_t count_in_set(const Genome& genome, GeneSet set) {
  if (set == GeneSet::all) return genome.connections.size();  // the paper's N, without a walk
  return static_cast<std::size_t>(std::count_if(genome.connections.begin(), genome.connections.end(),
                                                [set](const ConnectionGene& gene) { return in_gene_set(gene, set); }));
}

// c1·E/N + c2·D/N over one gene set, N the larger genome's count in that set (1 for small ones).
double structural_difference(const Genome& a, const Genome& b, GeneSet set, const GeneAlignment& alignment,
                             const GenomeConfig& config) {
  const std::size_t larger = std::max(count_in_set(a, set), count_in_set(b, set));
  const bool small = larger < config.small_genome_size;
  const double n = (small || larger == 0) ? 1.0 : static_cast<double>(larger);
  return config.excess_coefficient * static_cast<double>(alignment.excess) / n +
         config.disjoint_coefficient * static_cast<double>(alignment.disjoint) / n;
}

double mean_weight_difference(const GeneAlignment& alignment) {
  return alignment.matching == 0 ? 0.0 : alignment.weight_difference_sum / static_cast<double>(alignment.matching);
}

// The paper's δ over every connection gene, or, for front ends with separate_readout, over the
// readout and the inner genes apart: c1·E/N + c2·D/N for each set with its own N, and W̄ over
// the matching genes of both.
double graph_distance(const Genome& a, const Genome& b, const GenomeConfig& config) {
  const bool apart = config.spatial.separate_readout && (a.spatial || b.spatial);
  if (!apart) {
    const GeneAlignment alignment = align_genes(a, b, GeneSet::all);
    return structural_difference(a, b, GeneSet::all, alignment, config) +
           config.weight_coefficient * mean_weight_difference(alignment);
  }
  const GeneAlignment readout = align_genes(a, b, GeneSet::readout);
  const GeneAlignment inner = align_genes(a, b, GeneSet::inner);
  const GeneAlignment both{readout.matching + inner.matching, 0, 0,
                           readout.weight_difference_sum + inner.weight_difference_sum};
  return structural_difference(a, b, GeneSet::readout, readout, config) +
         structural_difference(a, b, GeneSet::inner, inner, config) +
         config.weight_coefficient * mean_weight_difference(both);
}

}  // namespace

double compatibility_distance(const Genome& a, const Genome& b, const GenomeConfig& config) {
  const double graph =
      graph_distance(a, b, config) +
      (config.node_coefficient > 0.0 ? config.node_coefficient * mean_node_difference(a, b) : 0.0);
  if (!a.spatial && !b.spatial) return graph;
  return graph + spatial_distance(a, b, config.spatial);
}

}  // namespace convneat
