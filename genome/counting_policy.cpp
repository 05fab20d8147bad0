#include "genome/counting_policy.hpp"

namespace convneat {

InnovationId CountingPolicy::initial_connection(NodeId in, NodeId out) {
  auto [it, inserted] = initial_.try_emplace({in, out}, next_innovation_);
  if (inserted) ++next_innovation_;
  return it->second;
}

nlohmann::json CountingPolicy::save_counters() const {
  nlohmann::json initial = nlohmann::json::array();
  for (const auto& [pair, innovation] : initial_) initial.push_back({pair.first, pair.second, innovation});
  return {{"next_node", next_node_},
          {"next_innovation", next_innovation_},
          {"next_layer", next_layer_},
          {"initial", initial}};
}

void CountingPolicy::load_counters(const nlohmann::json& state) {
  next_node_ = state.at("next_node").get<NodeId>();
  next_innovation_ = state.at("next_innovation").get<InnovationId>();
  // Checkpoints written before spatial layers existed have no layer counter.
  next_layer_ = state.value("next_layer", kFirstInsertedLayer);
  initial_.clear();
  for (const auto& entry : state.at("initial"))
    initial_[{entry.at(0).get<NodeId>(), entry.at(1).get<NodeId>()}] = entry.at(2).get<InnovationId>();
}

}  // namespace convneat
