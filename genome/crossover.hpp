#pragma once
// Crossover aligned by innovation id (Stanley & Miikkulainen 2002, section 3.2): matching
// genes come from either parent at random; disjoint and excess genes come from the fitter
// parent, or from both when they are equally fit. A gene disabled in either parent stays
// disabled with probability `disabled_gene_inheritance`.
//
// Whatever the innovation policy, the offspring never holds two connection genes with the
// same (in, out) pair (under `fresh` the same pair can carry two ids): genes are taken in
// innovation order and a later gene whose pair is already present is dropped. A feed-forward
// offspring of two equally fit parents also drops a gene that would close a cycle.
//
// Spatial front ends cross over as spatial/crossover.hpp says; the child's input nodes are
// then exactly its stack's readout nodes (missing ones added, others removed with their
// connections).
#include "genome/genome.hpp"
#include "genome/genome_config.hpp"
#include "genome/random.hpp"

namespace convneat {

Genome crossover(const Genome& first, const Genome& second, const GenomeConfig& config, RandomStream& random);

}  // namespace convneat
