#pragma once
// The one place that knows every network class: a genome compiled into the phenotype of its
// kind. network.hpp, the interface, knows none of them.
#include <memory>

#include "genome/genome.hpp"
#include "nets/network.hpp"
#include "nets/phenotype.hpp"

namespace convneat {

// The phenotype's network (nets/phenotype.hpp); a genome with spatial layers gets a
// SpatialNetwork whose graph is of that kind.
std::unique_ptr<Network> compile_network(const Genome& genome, const Phenotype& phenotype);

// A graph phenotype: feed-forward when `feed_forward`, else discrete-time recurrent.
inline std::unique_ptr<Network> compile_network(const Genome& genome, bool feed_forward) {
  return compile_network(genome, Phenotype{.feed_forward = feed_forward});
}

// The network of the genome's graph alone, its spatial layers ignored (SpatialNetwork's graph).
std::unique_ptr<Network> compile_graph_network(const Genome& genome, const Phenotype& phenotype);

}  // namespace convneat
