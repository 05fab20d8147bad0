#include "genome/graph_checks.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory_resource>
#include <unordered_map>
#include <vector>

namespace convneat {

bool creates_cycle(const Genome& genome, NodeId in, NodeId out) {
  if (in == out) return true;
  // A cycle appears exactly when `in` is already reachable from `out`.
  // The nodes reached are hidden and output nodes only (nothing leads into an input), a few
  // dozen even on image genomes: a flat list searched linearly beats a hash set's allocations,
  // and it lives on the stack (spilling to the heap past 128 nodes): this check runs for every
  // connection a child inherits and every one a mutation tries.
  std::array<std::byte, 128 * sizeof(NodeId)> buffer;
  std::pmr::monotonic_buffer_resource resource(buffer.data(), buffer.size());
  std::pmr::vector<NodeId> visited(&resource);
  visited.reserve(buffer.size() / sizeof(NodeId));
  visited.push_back(out);
  for (std::size_t next = 0; next < visited.size(); ++next) {
    const NodeId node = visited[next];
    for (const ConnectionGene& c : genome.connections) {
      if (c.in != node) continue;
      if (c.out == in) return true;
      if (std::find(visited.begin(), visited.end(), c.out) == visited.end()) visited.push_back(c.out);
    }
  }
  return false;
}

bool has_cycle(const Genome& genome) {
  // Kahn's algorithm: the graph is acyclic when every node can be peeled off.
  std::unordered_map<NodeId, std::size_t> in_degree;
  std::unordered_map<NodeId, std::vector<NodeId>> successors;
  for (const NodeGene& n : genome.nodes) in_degree[n.id] = 0;
  for (const ConnectionGene& c : genome.connections) {
    ++in_degree[c.out];
    in_degree.try_emplace(c.in, 0);
    successors[c.in].push_back(c.out);
  }
  std::vector<NodeId> ready;
  for (const auto& [node, degree] : in_degree)
    if (degree == 0) ready.push_back(node);
  std::size_t peeled = 0;
  while (!ready.empty()) {
    NodeId node = ready.back();
    ready.pop_back();
    ++peeled;
    for (NodeId next : successors[node])
      if (--in_degree[next] == 0) ready.push_back(next);
  }
  return peeled != in_degree.size();
}

}  // namespace convneat
