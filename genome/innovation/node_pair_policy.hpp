#pragma once
// `node_pair`: no record and no counters. A connection's id is a hash of (in, out), so the
// pair alone identifies it; the node that splits connection c is a hash of (c, k) with k the
// smallest repeat count whose node the genome does not hold — without deletions, the number
// of times the genome's lineage split c before. A spatial layer inserted before layer L is
// likewise a hash of (L, repeat) in a hash domain of its own.
//
// Hashed ids lie in [2^52, 2^53): above every fixed node id, and exactly representable as
// doubles so that JSON readers in any language keep them. With 52 hashed bits, two distinct
// keys collide with probability about n^2 / 2^53 for n distinct keys in a run (1e-6 for
// 10^5 keys); that is the price of keeping no record.
#include "genome/innovation/innovation_policy.hpp"

namespace convneat {

class NodePairPolicy final : public InnovationPolicy {
 public:
  static InnovationId pair_key(NodeId in, NodeId out);
  static NodeId split_key(InnovationId split, std::uint64_t repeat);
  static InnovationId layer_key(InnovationId before_layer, std::uint64_t repeat);

  InnovationPolicyKind kind() const override { return InnovationPolicyKind::node_pair; }
  void begin_generation() override {}
  InnovationId initial_connection(NodeId in, NodeId out) override { return pair_key(in, out); }
  InnovationId new_connection(NodeId in, NodeId out) override { return pair_key(in, out); }
  NodeId split_node(const ConnectionGene& split, const Genome& genome) override;
  InnovationId inserted_layer(InnovationId before_layer, const Genome& genome) override;
  nlohmann::json save_state() const override { return nlohmann::json::object(); }
  void load_state(const nlohmann::json&) override {}
};

}  // namespace convneat
