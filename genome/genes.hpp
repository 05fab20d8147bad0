#pragma once
// Node and connection genes, as in Stanley & Miikkulainen (2002), with a per-node bias,
// aggregation, response, time constant and spiking parameters as neat-python has them (a bias
// input node is also available).
#include "genome/activation.hpp"
#include "genome/aggregation.hpp"
#include "genome/ids.hpp"
#include "genome/izhikevich.hpp"

namespace convneat {

// Stored by value in binary checkpoints (genome/packed_genes.hpp): never reorder.
enum class NodeKind { input, bias, hidden, output };

struct NodeGene {
  NodeId id = 0;
  NodeKind kind = NodeKind::hidden;
  Activation activation = Activation::sigmoid;
  double bias = 0.0;
  // output = act(bias + response · agg(inputs)); sum and 1 make the original NEAT node, and a
  // genome whose nodes all have them is stored exactly as before these genes existed.
  Aggregation aggregation = Aggregation::sum;
  double response = 1.0;
  // A CTRNN node's time constant τ (nets/ctrnn_network.hpp): how fast its state follows its
  // input. Other phenotypes ignore it; 1 is neat-python's default and is not stored.
  double time_constant = 1.0;
  // A spiking neuron's a, b, c, d (genome/izhikevich.hpp), read by /network/kind izhikevich
  // only; regular spiking is the default and is not stored.
  IzhikevichParameters izhikevich{};

  bool operator==(const NodeGene&) const = default;
  bool has_default_response_and_aggregation() const { return aggregation == Aggregation::sum && response == 1.0; }
  bool has_default_time_constant() const { return time_constant == 1.0; }
  bool has_default_izhikevich() const { return izhikevich == IzhikevichParameters{}; }
};

struct ConnectionGene {
  InnovationId innovation = 0;
  NodeId in = 0;
  NodeId out = 0;
  double weight = 0.0;
  bool enabled = true;

  bool operator==(const ConnectionGene&) const = default;
};

// Inputs and the bias node only feed others; they are never the target of a connection.
inline bool is_source_only(NodeKind kind) { return kind == NodeKind::input || kind == NodeKind::bias; }

}  // namespace convneat
