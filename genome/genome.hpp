#pragma once
// A genome: node genes sorted by id and connection genes sorted by innovation id. Sorted
// vectors keep crossover and compatibility a linear merge, and copying a genome cheap.
#include <cstddef>
#include <optional>
#include <vector>

#include "genome/genes.hpp"
#include "genome/spatial_gene.hpp"

namespace convneat {

struct Genome {
  GenomeId id = 0;
  std::vector<NodeGene> nodes;              // sorted by id, ids unique
  std::vector<ConnectionGene> connections;  // sorted by innovation, innovations unique
  // The convolutional front end, if any: the graph's input nodes are then its readout.
  std::optional<SpatialStack> spatial;
  double fitness = 0.0;                     // set by evaluation

  const NodeGene* find_node(NodeId node) const;
  NodeGene* find_node(NodeId node);
  bool has_node(NodeId node) const { return find_node(node) != nullptr; }
  // True when the front end holds a layer gene with this innovation id.
  bool has_layer(InnovationId layer) const;

  // The connection gene joining in -> out, whatever its innovation id, or nullptr.
  const ConnectionGene* find_connection(NodeId in, NodeId out) const;
  ConnectionGene* find_connection(NodeId in, NodeId out);

  // Insert keeping the sort order; the caller guarantees the id is not present yet.
  void insert_node(const NodeGene& node);
  void insert_connection(const ConnectionGene& connection);

  void remove_connection_at(std::size_t index);
  // Removes the node and every connection that touches it.
  void remove_node_with_connections(NodeId node);

  std::size_t enabled_connection_count() const;
  std::size_t hidden_node_count() const;

  bool operator==(const Genome&) const = default;
};

// Room an offspring's gene lists get beyond what it inherits, so that its structural mutation
// (at most a node and three connections: add node, then add connection) does not move them:
// a child is a fresh copy or crossover, sized to what it holds, and on small genomes the
// reallocation cost as much as the mutation.
inline constexpr std::size_t kOffspringNodeRoom = 1;
inline constexpr std::size_t kOffspringConnectionRoom = 3;

// A copy of `parent` with that room: an offspring without crossover.
Genome offspring_copy(const Genome& parent);

}  // namespace convneat
