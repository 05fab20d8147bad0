#pragma once
// Compatibility distance (Stanley & Miikkulainen 2002, eq. 1, and a node term):
//   δ = c1·E/N + c2·D/N + c3·W̄ + c4·V̄
// E excess and D disjoint connection genes (aligned by innovation id), W̄ the mean absolute
// weight difference of matching genes, N the larger genome's connection gene count — or 1
// when both genomes have fewer than `small_genome_size` genes, as the original code did.
// V̄ is the mean, over the hidden and output nodes both genomes hold (by id), of
// |Δbias| + |Δresponse| + |Δtime constant| + [activations differ] + [aggregations differ]
// + |Δa| + |Δb| + |Δc| + |Δd| (Izhikevich parameters): neat-python's node gene
// distance, as a mean like W̄. c4 (`node_coefficient`) is 0 by default, which leaves δ the
// paper's. Genomes with spatial front ends add δ_spatial (spatial/compatibility.hpp), and with
// /species/separate_readout their readout connections (hundreds to thousands: readout nodes
// × outputs) and their inner connections are two gene sets, each with its own E/N and D/N:
// the inner graph's new genes would otherwise vanish into N = 2,560.
#include "genome/genome.hpp"
#include "genome/genome_config.hpp"

namespace convneat {

struct GeneAlignment {
  std::size_t matching = 0;
  std::size_t disjoint = 0;
  std::size_t excess = 0;
  double weight_difference_sum = 0.0;  // Σ |w_a − w_b| over matching genes
};

// Which connection genes an alignment walks: every one, those leaving a readout node of a
// front end, or the others (the inner graph).
enum class GeneSet { all, readout, inner };
bool in_gene_set(const ConnectionGene& gene, GeneSet set);

GeneAlignment align_genes(const Genome& a, const Genome& b, GeneSet set = GeneSet::all);
double mean_node_difference(const Genome& a, const Genome& b);
double compatibility_distance(const Genome& a, const Genome& b, const GenomeConfig& config);

}  // namespace convneat
