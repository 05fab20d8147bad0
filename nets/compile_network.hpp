#pragma once
// The one place that knows every network class: a genome compiled into the phenotype of its
// kind. network.hpp, the interface, knows none of them.
#include <memory>

#include "genome/genome.hpp"
#include "nets/network.hpp"

namespace convneat {

// Compiles a feed-forward network when `feed_forward`, else a recurrent one; a genome with
// spatial layers gets a SpatialNetwork whose graph is of that kind.
std::unique_ptr<Network> compile_network(const Genome& genome, bool feed_forward);

}  // namespace convneat
