#pragma once
// `fresh`: no record at all. Every new connection, every split and every inserted spatial
// layer gets new ids, so two genomes that make the same change never share an innovation
// number.
#include "genome/innovation/counting_policy.hpp"

namespace convneat {

class FreshPolicy final : public CountingPolicy {
 public:
  using CountingPolicy::CountingPolicy;

  InnovationPolicyKind kind() const override { return InnovationPolicyKind::fresh; }
  void begin_generation() override {}
  InnovationId new_connection(NodeId, NodeId) override { return take_innovation(); }
  NodeId split_node(const ConnectionGene&, const Genome&) override { return take_node(); }
  InnovationId inserted_layer(InnovationId, const Genome&) override { return take_layer(); }
  nlohmann::json save_state() const override { return save_counters(); }
  void load_state(const nlohmann::json& state) override { load_counters(state); }
};

}  // namespace convneat
