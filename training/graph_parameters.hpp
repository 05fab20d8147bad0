#pragma once
// The trainable values of a feed-forward graph as one flat vector, [node biases, edge
// weights] in the compiled order, and the way back into the genome they came from.
#include <Eigen/Core>

#include "genome/genome.hpp"
#include "nets/compiled_graph.hpp"
#include "nets/graph_gradient.hpp"
#include "training/optimiser.hpp"

namespace convneat {

Eigen::VectorXd graph_parameters(const CompiledGraph& graph);
void set_graph_parameters(CompiledGraph& graph, const Eigen::Ref<const Eigen::VectorXd>& parameters);
Eigen::VectorXd flat_gradient(const GraphGradient& gradient);

// Biases and weights in [-limit, limit]; weight decay on the weights only.
ParameterConstraints graph_constraints(const CompiledGraph& graph, double limit);

// Writes the graph's biases and weights into the node and connection genes they were
// compiled from (CompiledGraph::node_id, edge_connection). Genes the graph pruned keep their
// values. `genome` must be the genome the graph was compiled from.
void write_back(const CompiledGraph& graph, Genome& genome);

}  // namespace convneat
