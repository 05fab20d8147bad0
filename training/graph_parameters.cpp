#include "training/graph_parameters.hpp"

#include <span>
#include <stdexcept>

namespace convneat {
namespace {

Eigen::Index size_of(const CompiledGraph& graph) {
  return static_cast<Eigen::Index>(graph.node_bias.size() + graph.edge_weight.size());
}

Eigen::VectorXd concatenated(std::span<const double> first, std::span<const double> second) {
  Eigen::VectorXd flat(static_cast<Eigen::Index>(first.size() + second.size()));
  std::copy(first.begin(), first.end(), flat.data());
  std::copy(second.begin(), second.end(), flat.data() + first.size());
  return flat;
}

}  // namespace

Eigen::VectorXd graph_parameters(const CompiledGraph& graph) { return concatenated(graph.node_bias, graph.edge_weight); }

void set_graph_parameters(CompiledGraph& graph, const Eigen::Ref<const Eigen::VectorXd>& parameters) {
  if (parameters.size() != size_of(graph)) throw std::invalid_argument("graph parameters of the wrong size");
  const double* values = parameters.data();
  std::copy(values, values + graph.node_bias.size(), graph.node_bias.begin());
  std::copy(values + graph.node_bias.size(), values + parameters.size(), graph.edge_weight.begin());
}

Eigen::VectorXd flat_gradient(const GraphGradient& gradient) {
  return concatenated(gradient.node_bias, gradient.edge_weight);
}

ParameterConstraints graph_constraints(const CompiledGraph& graph, double limit) {
  ParameterConstraints constraints =
      ParameterConstraints::uniform(static_cast<Eigen::Index>(graph.node_bias.size()), limit);
  constraints.decays.setZero();
  constraints.append(ParameterConstraints::uniform(static_cast<Eigen::Index>(graph.edge_weight.size()), limit));
  return constraints;
}

void write_back(const CompiledGraph& graph, Genome& genome) {
  for (std::size_t n = 0; n < graph.node_id.size(); ++n) {
    NodeGene* node = genome.find_node(graph.node_id[n]);
    if (node == nullptr) throw std::invalid_argument("write_back: the genome lacks a node the graph was compiled from");
    node->bias = graph.node_bias[n];
  }
  for (std::size_t e = 0; e < graph.edge_connection.size(); ++e) {
    if (graph.edge_connection[e] >= genome.connections.size())
      throw std::invalid_argument("write_back: the genome lacks a connection the graph was compiled from");
    genome.connections[graph.edge_connection[e]].weight = graph.edge_weight[e];
  }
}

}  // namespace convneat
