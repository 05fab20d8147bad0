#pragma once
// `per_generation` and `persistent`: a record maps each connection (in, out) to the id it
// was given and each split connection to the nodes that split it. `per_generation` forgets
// the record at the start of every generation (the original NEAT code); `persistent` keeps
// it for the whole run.
//
// Under `persistent` the start genome's connections are part of the record: a genome that
// lost (in, out) and adds it again gets its start id back.
//
// A split of c reuses the first node recorded for c that the genome does not hold yet; when
// the genome holds them all (it split c before) it gets a fresh node, which is recorded too
// so that the next genome in the same situation shares it. A spatial layer inserted before
// layer L follows the same rule with the record of layers inserted before L.
#include <vector>

#include "genome/innovation/counting_policy.hpp"

namespace convneat {

class RecordedPolicy final : public CountingPolicy {
 public:
  RecordedPolicy(InnovationPolicyKind kind, NodeId first_free_node);

  InnovationPolicyKind kind() const override { return kind_; }
  void begin_generation() override;
  InnovationId initial_connection(NodeId in, NodeId out) override;
  InnovationId new_connection(NodeId in, NodeId out) override;
  NodeId split_node(const ConnectionGene& split, const Genome& genome) override;
  InnovationId inserted_layer(InnovationId before_layer, const Genome& genome) override;
  nlohmann::json save_state() const override;
  void load_state(const nlohmann::json& state) override;

 private:
  InnovationPolicyKind kind_;
  std::map<NodePair, InnovationId> connections_;
  std::map<InnovationId, std::vector<NodeId>> splits_;
  std::map<InnovationId, std::vector<InnovationId>> layers_;  // before_layer -> inserted ids
};

}  // namespace convneat
