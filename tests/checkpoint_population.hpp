#pragma once
// What a run's last population holds, read from its checkpoint: for tests that check a run did
// use the genes it was asked to evolve.
#include <filesystem>

#include "genome/genes.hpp"
#include "neat/checkpoint.hpp"

namespace convneat::testing {

// How many genomes of the checkpoint's population have a node for which `differs` holds.
template <class NodeTest>
std::size_t genomes_with_node(const std::filesystem::path& checkpoint, NodeTest differs) {
  std::size_t count = 0;
  const LoadedCheckpoint loaded = read_checkpoint(checkpoint);  // kept alive through the loop
  for (const Genome& genome : loaded.population.genomes()) {
    bool found = false;
    for (const NodeGene& node : genome.nodes) found = found || differs(node);
    count += found;
  }
  return count;
}

}  // namespace convneat::testing
