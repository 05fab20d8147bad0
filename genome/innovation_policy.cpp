#include "genome/innovation_policy.hpp"

#include <array>
#include <utility>

#include "genome/fresh_policy.hpp"
#include "genome/node_pair_policy.hpp"
#include "genome/recorded_policy.hpp"

namespace convneat {
namespace {

constexpr std::array<std::pair<InnovationPolicyKind, std::string_view>, 4> kPolicyNames{{
    {InnovationPolicyKind::fresh, "fresh"},
    {InnovationPolicyKind::per_generation, "per_generation"},
    {InnovationPolicyKind::persistent, "persistent"},
    {InnovationPolicyKind::node_pair, "node_pair"},
}};

}  // namespace

std::string_view policy_name(InnovationPolicyKind kind) {
  for (const auto& [value, name] : kPolicyNames)
    if (value == kind) return name;
  return "unknown";
}

std::optional<InnovationPolicyKind> parse_policy(std::string_view name) {
  for (const auto& [value, known] : kPolicyNames)
    if (known == name) return value;
  return std::nullopt;
}

std::string policy_names_list() {
  std::string list;
  for (const auto& entry : kPolicyNames) {
    if (!list.empty()) list += ", ";
    list += entry.second;
  }
  return list;
}

std::unique_ptr<InnovationPolicy> make_innovation_policy(InnovationPolicyKind kind, NodeId first_free_node) {
  switch (kind) {
    case InnovationPolicyKind::fresh: return std::make_unique<FreshPolicy>(first_free_node);
    case InnovationPolicyKind::per_generation:
    case InnovationPolicyKind::persistent: return std::make_unique<RecordedPolicy>(kind, first_free_node);
    case InnovationPolicyKind::node_pair: return std::make_unique<NodePairPolicy>();
  }
  return nullptr;
}

}  // namespace convneat
