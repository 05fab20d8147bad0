#include "genome/innovation_policy.hpp"

#include "genome/fresh_policy.hpp"
#include "genome/name_table.hpp"
#include "genome/node_pair_policy.hpp"
#include "genome/recorded_policy.hpp"

namespace convneat {
namespace {

constexpr NameTable<InnovationPolicyKind, 4> kPolicies{{{
    {InnovationPolicyKind::fresh, "fresh"},
    {InnovationPolicyKind::per_generation, "per_generation"},
    {InnovationPolicyKind::persistent, "persistent"},
    {InnovationPolicyKind::node_pair, "node_pair"},
}}};

}  // namespace

std::string_view policy_name(InnovationPolicyKind kind) { return kPolicies.name(kind); }
std::optional<InnovationPolicyKind> parse_policy(std::string_view name) { return kPolicies.parse(name); }
std::string policy_names_list() { return kPolicies.names(); }

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
