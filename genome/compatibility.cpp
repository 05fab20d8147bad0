#include "genome/compatibility.hpp"

#include <algorithm>
#include <cmath>

#include "genome/spatial/compatibility.hpp"

namespace convneat {

GeneAlignment align_genes(const Genome& a, const Genome& b) {
  GeneAlignment alignment;
  const auto& x = a.connections;
  const auto& y = b.connections;
  std::size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i].innovation == y[j].innovation) {
      ++alignment.matching;
      alignment.weight_difference_sum += std::abs(x[i].weight - y[j].weight);
      ++i, ++j;
    } else if (x[i].innovation < y[j].innovation) {
      ++alignment.disjoint, ++i;
    } else {
      ++alignment.disjoint, ++j;
    }
  }
  // Whatever is left beyond the other genome's last innovation is excess.
  alignment.excess = (x.size() - i) + (y.size() - j);
  return alignment;
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

double compatibility_distance(const Genome& a, const Genome& b, const GenomeConfig& config) {
  const GeneAlignment alignment = align_genes(a, b);
  const std::size_t larger = std::max(a.connections.size(), b.connections.size());
  const bool small = larger < config.small_genome_size;
  const double n = (small || larger == 0) ? 1.0 : static_cast<double>(larger);
  const double mean_weight_difference =
      alignment.matching == 0 ? 0.0 : alignment.weight_difference_sum / static_cast<double>(alignment.matching);
  const double graph = config.excess_coefficient * static_cast<double>(alignment.excess) / n +
                       config.disjoint_coefficient * static_cast<double>(alignment.disjoint) / n +
                       config.weight_coefficient * mean_weight_difference +
                       (config.node_coefficient > 0.0 ? config.node_coefficient * mean_node_difference(a, b) : 0.0);
  if (!a.spatial && !b.spatial) return graph;
  return graph + spatial_distance(a, b, config.spatial);
}

}  // namespace convneat
