#pragma once
// Ids of the fixed nodes every genome of a run shares: inputs 0..I-1, then the bias node
// (if any), then the outputs, then the start genome's hidden nodes (/genome/initial_hidden).
// Hidden nodes added by mutation take ids from first_free_node on.
//
// With a spatial front end the inputs are instead the readout nodes of the start stack
// (readout_node_id: from 2^51 up, config.num_inputs ignored), and the bias node and the
// outputs count from 0, so that counted hidden ids stay small.
#include <vector>

#include "genome/genome_config.hpp"
#include "genome/ids.hpp"

namespace convneat {

struct NodeLayout {
  std::vector<NodeId> inputs;
  std::vector<NodeId> bias;  // empty or one node
  std::vector<NodeId> outputs;
  std::vector<NodeId> hidden;  // the start genome's hidden layer, empty by default
  NodeId first_free_node = 0;

  explicit NodeLayout(const GenomeConfig& config);
};

}  // namespace convneat
