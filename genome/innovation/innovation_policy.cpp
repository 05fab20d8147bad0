#include "genome/innovation/innovation_policy.hpp"

namespace convneat {

std::string_view policy_name(InnovationPolicyKind kind) { return kInnovationPolicies.name(kind); }
std::optional<InnovationPolicyKind> parse_policy(std::string_view name) { return kInnovationPolicies.parse(name); }

}  // namespace convneat
