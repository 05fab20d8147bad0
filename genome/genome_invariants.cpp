#include "genome/genome_invariants.hpp"

#include <set>
#include <utility>

#include "genome/graph_checks.hpp"
#include "genome/spatial/invariants.hpp"

namespace convneat {
namespace {

void check_nodes(const Genome& genome, std::vector<std::string>& problems) {
  for (std::size_t i = 1; i < genome.nodes.size(); ++i)
    if (genome.nodes[i - 1].id >= genome.nodes[i].id)
      problems.push_back("node ids not unique and increasing at node " + std::to_string(genome.nodes[i].id));
  // A CTRNN divides by the time constant and decays by exp(-dt / τ): only τ > 0 is a node.
  for (const NodeGene& node : genome.nodes)
    if (!(node.time_constant > 0.0))
      problems.push_back("node " + std::to_string(node.id) + ": time constant " + std::to_string(node.time_constant) +
                         " is not positive");
}

void check_connections(const Genome& genome, std::vector<std::string>& problems) {
  std::set<std::pair<NodeId, NodeId>> pairs;
  for (std::size_t i = 0; i < genome.connections.size(); ++i) {
    const ConnectionGene& c = genome.connections[i];
    const std::string name = "connection " + std::to_string(c.innovation) + " (" + std::to_string(c.in) + " -> " +
                             std::to_string(c.out) + ")";
    if (i > 0 && genome.connections[i - 1].innovation >= c.innovation)
      problems.push_back(name + ": innovation ids not unique and increasing");
    if (!pairs.insert({c.in, c.out}).second) problems.push_back(name + ": duplicate (in, out) pair");
    const NodeGene* from = genome.find_node(c.in);
    const NodeGene* to = genome.find_node(c.out);
    if (from == nullptr) problems.push_back(name + ": source node missing");
    if (to == nullptr) problems.push_back(name + ": target node missing");
    if (to != nullptr && is_source_only(to->kind)) problems.push_back(name + ": leads into an input or bias node");
  }
}

}  // namespace

std::vector<std::string> invariant_violations(const Genome& genome, bool feed_forward) {
  std::vector<std::string> problems;
  check_nodes(genome, problems);
  check_connections(genome, problems);
  if (feed_forward && has_cycle(genome)) problems.push_back("feed-forward genome holds a cycle");
  check_spatial(genome, problems);
  return problems;
}

}  // namespace convneat
