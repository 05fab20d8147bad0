#pragma once
// Questions about a genome's connection graph. Disabled connections count: enabling one
// later must not be able to close a cycle in a feed-forward genome.
#include "genome/genome.hpp"

namespace convneat {

// True when adding in -> out would close a directed cycle (a self-loop included).
bool creates_cycle(const Genome& genome, NodeId in, NodeId out);

// True when the connection genes hold a directed cycle.
bool has_cycle(const Genome& genome);

}  // namespace convneat
