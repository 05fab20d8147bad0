#include "genome/innovation/counting_policy.hpp"

#include "genome/json_fields.hpp"

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
  next_node_ = field<NodeId>(state, "next_node", "/innovations");
  next_innovation_ = field<InnovationId>(state, "next_innovation", "/innovations");
  // Checkpoints written before spatial layers existed have no layer counter.
  next_layer_ =
      state.contains("next_layer") ? field<InnovationId>(state, "next_layer", "/innovations") : kFirstInsertedLayer;
  initial_.clear();
  for (const auto& entry : state.at("initial")) {
    const std::string path = "/innovations/initial";
    initial_[{whole_number<NodeId>(entry.at(0), path), whole_number<NodeId>(entry.at(1), path)}] =
        whole_number<InnovationId>(entry.at(2), path);
  }
}

}  // namespace convneat
