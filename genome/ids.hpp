#pragma once
// Identifier types shared by every gene. 64-bit so that the `node_pair` policy can derive
// ids by hashing without running out of room.
#include <cstdint>

namespace convneat {

using NodeId = std::uint64_t;
using InnovationId = std::uint64_t;
using GenomeId = std::uint64_t;

}  // namespace convneat
