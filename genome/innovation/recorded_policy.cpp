#include "genome/innovation/recorded_policy.hpp"

#include "genome/json_fields.hpp"

#include <stdexcept>

namespace convneat {

RecordedPolicy::RecordedPolicy(InnovationPolicyKind kind, NodeId first_free_node)
    : CountingPolicy(first_free_node), kind_(kind) {
  if (kind != InnovationPolicyKind::per_generation && kind != InnovationPolicyKind::persistent)
    throw std::invalid_argument("RecordedPolicy serves per_generation and persistent only");
}

void RecordedPolicy::begin_generation() {
  if (kind_ == InnovationPolicyKind::per_generation) {
    connections_.clear();
    splits_.clear();
    layers_.clear();
  }
}

InnovationId RecordedPolicy::initial_connection(NodeId in, NodeId out) {
  const InnovationId innovation = CountingPolicy::initial_connection(in, out);
  if (kind_ == InnovationPolicyKind::persistent) connections_.emplace(NodePair{in, out}, innovation);
  return innovation;
}

InnovationId RecordedPolicy::new_connection(NodeId in, NodeId out) {
  auto it = connections_.find({in, out});
  if (it != connections_.end()) return it->second;
  InnovationId innovation = take_innovation();
  connections_.emplace(NodePair{in, out}, innovation);
  return innovation;
}

NodeId RecordedPolicy::split_node(const ConnectionGene& split, const Genome& genome) {
  std::vector<NodeId>& nodes = splits_[split.innovation];
  for (NodeId node : nodes)
    if (!genome.has_node(node)) return node;
  nodes.push_back(take_node());
  return nodes.back();
}

InnovationId RecordedPolicy::inserted_layer(InnovationId before_layer, const Genome& genome) {
  std::vector<InnovationId>& ids = layers_[before_layer];
  for (InnovationId layer : ids)
    if (!genome.has_layer(layer)) return layer;
  ids.push_back(take_layer());
  return ids.back();
}

nlohmann::json RecordedPolicy::save_state() const {
  nlohmann::json connections = nlohmann::json::array();
  for (const auto& [pair, innovation] : connections_) connections.push_back({pair.first, pair.second, innovation});
  nlohmann::json splits = nlohmann::json::array();
  for (const auto& [innovation, nodes] : splits_) splits.push_back({innovation, nodes});
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& [before, ids] : layers_) layers.push_back({before, ids});
  nlohmann::json state = save_counters();
  state["connections"] = std::move(connections);
  state["splits"] = std::move(splits);
  state["layers"] = std::move(layers);
  return state;
}

void RecordedPolicy::load_state(const nlohmann::json& state) {
  load_counters(state);
  connections_.clear();
  splits_.clear();
  layers_.clear();
  for (const auto& entry : state.at("connections"))
    connections_[{whole_number<NodeId>(entry.at(0), "/innovations/connections"),
                   whole_number<NodeId>(entry.at(1), "/innovations/connections")}] =
        whole_number<InnovationId>(entry.at(2), "/innovations/connections");
  for (const auto& entry : state.at("splits"))
    splits_[whole_number<InnovationId>(entry.at(0), "/innovations/splits")] =
        whole_numbers<NodeId>(entry.at(1), "/innovations/splits");
  // Checkpoints written before spatial layers existed have no layer record.
  if (state.contains("layers"))
    for (const auto& entry : state.at("layers"))
      layers_[whole_number<InnovationId>(entry.at(0), "/innovations/layers")] =
          whole_numbers<InnovationId>(entry.at(1), "/innovations/layers");
}

}  // namespace convneat
