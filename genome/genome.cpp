#include "genome/genome.hpp"

#include <algorithm>

namespace convneat {
namespace {

template <class Nodes>
auto find_node_in(Nodes& nodes, NodeId node) -> decltype(&nodes.front()) {
  auto it = std::lower_bound(nodes.begin(), nodes.end(), node,
                             [](const NodeGene& gene, NodeId id) { return gene.id < id; });
  return (it != nodes.end() && it->id == node) ? &*it : nullptr;
}

template <class Connections>
auto find_pair_in(Connections& connections, NodeId in, NodeId out) -> decltype(&connections.front()) {
  for (auto& connection : connections)
    if (connection.in == in && connection.out == out) return &connection;
  return nullptr;
}

}  // namespace

const NodeGene* Genome::find_node(NodeId node) const { return find_node_in(nodes, node); }
NodeGene* Genome::find_node(NodeId node) { return find_node_in(nodes, node); }

bool Genome::has_layer(InnovationId layer) const {
  if (!spatial) return false;
  return std::any_of(spatial->layers.begin(), spatial->layers.end(),
                     [layer](const SpatialLayerGene& gene) { return gene.innovation == layer; });
}

const ConnectionGene* Genome::find_connection(NodeId in, NodeId out) const {
  return find_pair_in(connections, in, out);
}
ConnectionGene* Genome::find_connection(NodeId in, NodeId out) { return find_pair_in(connections, in, out); }

void Genome::insert_node(const NodeGene& node) {
  auto it = std::lower_bound(nodes.begin(), nodes.end(), node.id,
                             [](const NodeGene& gene, NodeId id) { return gene.id < id; });
  nodes.insert(it, node);
}

void Genome::insert_connection(const ConnectionGene& connection) {
  auto it = std::lower_bound(
      connections.begin(), connections.end(), connection.innovation,
      [](const ConnectionGene& gene, InnovationId innovation) { return gene.innovation < innovation; });
  connections.insert(it, connection);
}

void Genome::remove_connection_at(std::size_t index) {
  connections.erase(connections.begin() + static_cast<std::ptrdiff_t>(index));
}

void Genome::remove_node_with_connections(NodeId node) {
  std::erase_if(connections, [node](const ConnectionGene& c) { return c.in == node || c.out == node; });
  std::erase_if(nodes, [node](const NodeGene& n) { return n.id == node; });
}

std::size_t Genome::enabled_connection_count() const {
  return static_cast<std::size_t>(
      std::count_if(connections.begin(), connections.end(), [](const ConnectionGene& c) { return c.enabled; }));
}

std::size_t Genome::hidden_node_count() const {
  return static_cast<std::size_t>(
      std::count_if(nodes.begin(), nodes.end(), [](const NodeGene& n) { return n.kind == NodeKind::hidden; }));
}

Genome offspring_copy(const Genome& parent) {
  // Every member but the gene lists copied here (a member added to Genome and not here is a
  // missing-initializer warning).
  Genome child{parent.id, {}, {}, parent.spatial, parent.fitness};
  child.nodes.reserve(parent.nodes.size() + kOffspringNodeRoom);
  child.nodes.assign(parent.nodes.begin(), parent.nodes.end());
  child.connections.reserve(parent.connections.size() + kOffspringConnectionRoom);
  child.connections.assign(parent.connections.begin(), parent.connections.end());
  return child;
}

}  // namespace convneat
