#pragma once
// Shared base of the policies that hand out ids from counters (`fresh`, `per_generation`,
// `persistent`): the counters and the ids of the start genome's connections.
#include <map>
#include <utility>

#include "genome/innovation_policy.hpp"

namespace convneat {

class CountingPolicy : public InnovationPolicy {
 public:
  explicit CountingPolicy(NodeId first_free_node) : next_node_(first_free_node) {}

  InnovationId initial_connection(NodeId in, NodeId out) override;

 protected:
  using NodePair = std::pair<NodeId, NodeId>;

  InnovationId take_innovation() { return next_innovation_++; }
  NodeId take_node() { return next_node_++; }

  nlohmann::json save_counters() const;
  void load_counters(const nlohmann::json& state);

 private:
  NodeId next_node_;
  InnovationId next_innovation_ = 0;
  std::map<NodePair, InnovationId> initial_;
};

}  // namespace convneat
