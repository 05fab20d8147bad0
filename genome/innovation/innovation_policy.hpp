#pragma once
// How new structure gets its ids: the innovation-record policy (docs/architecture.md says why
// it is a choice).
// The population owns one policy object; nothing about innovations is global.
//
//   fresh           every new connection / split gets new ids, even if seen this generation
//   per_generation  identical innovations within one generation share ids (original NEAT)
//   persistent      identical innovations share ids for the whole run
//   node_pair       a connection's id is a function of (in, out) alone; no record at all
//
// A spatial layer inserted before layer L (mutate_add_layer) gets: under fresh a new id every
// time; under per_generation / persistent the first id recorded for "inserted before L" (this
// generation / this run) that the genome does not hold yet, else a new one; under node_pair
// a hash of (L, repeat), repeat the smallest count whose id the genome does not hold.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "genome/genome.hpp"
#include "genome/name_table.hpp"

namespace convneat {

enum class InnovationPolicyKind { fresh, per_generation, persistent, node_pair };

inline constexpr auto kInnovationPolicies = name_table<InnovationPolicyKind>({
    {InnovationPolicyKind::fresh, "fresh"},
    {InnovationPolicyKind::per_generation, "per_generation"},
    {InnovationPolicyKind::persistent, "persistent"},
    {InnovationPolicyKind::node_pair, "node_pair"},
});

std::string_view policy_name(InnovationPolicyKind kind);
std::optional<InnovationPolicyKind> parse_policy(std::string_view name);

class InnovationPolicy {
 public:
  virtual ~InnovationPolicy() = default;

  virtual InnovationPolicyKind kind() const = 0;

  // Called once before each generation's offspring are made.
  virtual void begin_generation() = 0;

  // The id of a connection in the start genome. Every genome of the initial population
  // shares these, whatever the policy: they all descend from one start structure.
  virtual InnovationId initial_connection(NodeId in, NodeId out) = 0;

  // The id for a connection in -> out added by mutation.
  virtual InnovationId new_connection(NodeId in, NodeId out) = 0;

  // The id of the hidden node that splits `split` in `genome`. Never a node the genome
  // already holds. The two new connections then take their ids from new_connection().
  virtual NodeId split_node(const ConnectionGene& split, const Genome& genome) = 0;

  // The innovation id of a spatial layer inserted right before `before_layer` in `genome`.
  // Never a layer id the genome already holds, and never one of the start stack's ids.
  virtual InnovationId inserted_layer(InnovationId before_layer, const Genome& genome) = 0;

  // Everything needed to continue a run exactly (checkpoints).
  virtual nlohmann::json save_state() const = 0;
  virtual void load_state(const nlohmann::json& state) = 0;
};

}  // namespace convneat
