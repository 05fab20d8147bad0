#include "genome/innovation/node_pair_policy.hpp"

#include "genome/random.hpp"

namespace convneat {
namespace {

constexpr std::uint64_t kHashedIdBase = std::uint64_t{1} << 52;

std::uint64_t hashed_id(std::uint64_t a, std::uint64_t b, std::uint64_t domain) {
  std::uint64_t h = mix64(mix64(mix64(domain) ^ a) ^ b);
  return kHashedIdBase | (h & (kHashedIdBase - 1));
}

}  // namespace

InnovationId NodePairPolicy::pair_key(NodeId in, NodeId out) { return hashed_id(in, out, 1); }

NodeId NodePairPolicy::split_key(InnovationId split, std::uint64_t repeat) { return hashed_id(split, repeat, 2); }

InnovationId NodePairPolicy::layer_key(InnovationId before_layer, std::uint64_t repeat) {
  return hashed_id(before_layer, repeat, 3);
}

NodeId NodePairPolicy::split_node(const ConnectionGene& split, const Genome& genome) {
  std::uint64_t repeat = 0;
  while (genome.has_node(split_key(split.innovation, repeat))) ++repeat;
  return split_key(split.innovation, repeat);
}

InnovationId NodePairPolicy::inserted_layer(InnovationId before_layer, const Genome& genome) {
  std::uint64_t repeat = 0;
  while (genome.has_layer(layer_key(before_layer, repeat))) ++repeat;
  return layer_key(before_layer, repeat);
}

}  // namespace convneat
