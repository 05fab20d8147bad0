#pragma once
// One place that states what a valid genome is (after SharpNEAT's NeatGenomeAssertions).
// Used by tests, by loaders of outside data and by debug checks.
#include <string>
#include <vector>

#include "genome/genome.hpp"

namespace convneat {

// Every rule the genome breaks, in words; empty when it is valid: node ids unique and
// sorted; time constants positive; innovation ids unique and sorted; no two connection genes
// with the same (in, out) pair; every connection's end nodes exist; no connection into an
// input or bias node; no directed cycle when `feed_forward`; and for a genome with a
// spatial front end, every rule of spatial/invariants.hpp.
std::vector<std::string> invariant_violations(const Genome& genome, bool feed_forward);

}  // namespace convneat
