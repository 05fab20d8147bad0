#pragma once
// Shared base of the policies that hand out ids from counters (`fresh`, `per_generation`,
// `persistent`): the counters and the ids of the start genome's connections.
//
// Inserted spatial layers count from 2^32 on their own counter, so that they never meet the
// start stack's layer ids 0..L-1 whatever the number of start layers.
#include <map>
#include <utility>

#include "genome/innovation/innovation_policy.hpp"

namespace convneat {

class CountingPolicy : public InnovationPolicy {
 public:
  explicit CountingPolicy(NodeId first_free_node) : next_node_(first_free_node) {}

  InnovationId initial_connection(NodeId in, NodeId out) override;

  static constexpr InnovationId kFirstInsertedLayer = InnovationId{1} << 32;

 protected:
  using NodePair = std::pair<NodeId, NodeId>;

  InnovationId take_innovation() { return next_innovation_++; }
  NodeId take_node() { return next_node_++; }
  InnovationId take_layer() { return next_layer_++; }

  nlohmann::json save_counters() const;
  void load_counters(const nlohmann::json& state);

 private:
  NodeId next_node_;
  InnovationId next_innovation_ = 0;
  InnovationId next_layer_ = kFirstInsertedLayer;
  std::map<NodePair, InnovationId> initial_;
};

}  // namespace convneat
