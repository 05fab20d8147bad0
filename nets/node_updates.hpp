#pragma once
// The one loop both network types run: every computed node n takes
//   target[n] = act_n( bias_n + response_n · agg_n(w_e · source[src_e] over its edges) ),
// which for the original NEAT node (sum, response 1) is act_n(bias_n + Σ_e w_e · source[src_e]),
// summed in that order from the bias.
// Feed-forward passes the same array as source and target (nodes are in topological order,
// so each reads values computed earlier in the same pass); the recurrent network passes
// the previous state as source and the next as target (a synchronous step).
#include <vector>

#include <Eigen/Core>

#include "nets/compiled_graph.hpp"

namespace convneat {

// The single-instance loop; a graph with dense levels (dense_levels.hpp) runs as a batch of one.
void update_nodes(const CompiledGraph& graph, const double* source, double* target);

// Node n's input to its activation, bias_n + response_n · agg_n(w_e · source[src_e]), summed as
// update_nodes sums it; `terms` is scratch space.
double node_input(const CompiledGraph& graph, std::size_t n, const double* source, std::vector<double>& terms);

// The same over a batch: one row per instance, one column per slot, each row to the bit what
// the single-instance loop gives. Given `sums` (batch × computed nodes), it also keeps each
// node's input to its activation, for the backward pass. A graph with dense levels
// (dense_levels.hpp) runs level by level, each row to the bit what a batch of one gives.
void update_nodes(const CompiledGraph& graph, const Eigen::ArrayXXd& source, Eigen::ArrayXXd& target,
                  Eigen::ArrayXXd* sums = nullptr);

// Inputs into the first columns and 1 into the bias columns.
void load_batch_inputs(const CompiledGraph& graph, const Eigen::MatrixXd& inputs, Eigen::ArrayXXd& values);

// Node n's terms w_e · source[src_e], in edge order, into `terms` (resized); the second reads
// the sources from one row of a batch.
void node_terms(const CompiledGraph& graph, std::size_t n, const double* source, std::vector<double>& terms);
void node_terms(const CompiledGraph& graph, std::size_t n, const Eigen::ArrayXXd& values, Eigen::Index row,
                std::vector<double>& terms);

Eigen::MatrixXd gather_batch_outputs(const CompiledGraph& graph, const Eigen::ArrayXXd& values);

}  // namespace convneat
