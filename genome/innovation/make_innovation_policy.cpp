#include "genome/innovation/make_innovation_policy.hpp"

#include "genome/innovation/fresh_policy.hpp"
#include "genome/innovation/node_pair_policy.hpp"
#include "genome/innovation/recorded_policy.hpp"

namespace convneat {

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
