#include "genome/spatial/readout_inputs.hpp"

#include <algorithm>
#include <vector>

#include "genome/spatial/geometry.hpp"

namespace convneat {

void match_inputs_to_readout(Genome& genome) {
  if (!genome.spatial) return;
  const std::vector<NodeId> wanted = readout_nodes(*genome.spatial);  // sorted
  std::vector<NodeId> extra;
  for (const NodeGene& node : genome.nodes)
    if (node.kind == NodeKind::input && !std::binary_search(wanted.begin(), wanted.end(), node.id))
      extra.push_back(node.id);
  for (NodeId node : extra) genome.remove_node_with_connections(node);
  for (NodeId node : wanted)
    if (!genome.has_node(node)) genome.insert_node({node, NodeKind::input, Activation::identity, 0.0});
}

}  // namespace convneat
