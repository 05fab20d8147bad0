#pragma once
// The one place that knows every innovation-record policy class: the config's choice made
// into a policy object. innovation/innovation_policy.hpp, the interface, knows none of them.
#include <memory>

#include "genome/innovation/innovation_policy.hpp"

namespace convneat {

// `first_free_node` is the first id after the fixed input, bias and output nodes and the start
// genome's hidden layer (NodeLayout).
std::unique_ptr<InnovationPolicy> make_innovation_policy(InnovationPolicyKind kind, NodeId first_free_node);

}  // namespace convneat
