#include "genome/genome_json.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "genome/genome_config.hpp"
#include "genome/genome_invariants.hpp"
#include "genome/json_fields.hpp"
#include "genome/message_excerpt.hpp"
#include "genome/name_table.hpp"
#include "genome/packed_genes.hpp"
#include "genome/spatial/json.hpp"

namespace convneat {
namespace {

using nlohmann::json;

constexpr NameTable<NodeKind, 4> kNodeKinds{{{
    {NodeKind::input, "input"},
    {NodeKind::bias, "bias"},
    {NodeKind::hidden, "hidden"},
    {NodeKind::output, "output"},
}}};

NodeKind parse_node_kind(const std::string& name, const std::string& path) {
  if (auto kind = kNodeKinds.parse(name)) return *kind;
  throw std::runtime_error(path + ": expected one of " + kNodeKinds.names() + ", got \"" + name + "\"");
}

json izhikevich_object(const IzhikevichParameters& parameters) {
  json object = json::object();
  for (const IzhikevichAttribute& attribute : kIzhikevichAttributes)
    object[attribute.letter] = parameters.*attribute.value;
  return object;
}

IzhikevichParameters izhikevich_from(const json& object, const std::string& path) {
  if (!object.is_object())
    throw std::runtime_error(path + ": expected an object {a, b, c, d}, got " + excerpt(object.dump()));
  IzhikevichParameters parameters;
  for (const IzhikevichAttribute& attribute : kIzhikevichAttributes)
    parameters.*attribute.value = field<double>(object, attribute.letter, path);
  return parameters;
}

// A node's aggregation, response, time constant and Izhikevich parameters are written only
// where they are not sum, 1, 1 and regular spiking, so a genome of original NEAT nodes reads as
// it always has (and files from before these genes existed read back unchanged).
json node_objects(const std::vector<NodeGene>& genes) {
  json nodes = json::array();
  for (const NodeGene& n : genes) {
    json node = {{"id", n.id},
                 {"kind", kNodeKinds.name(n.kind)},
                 {"activation", activation_name(n.activation)},
                 {"bias", n.bias}};
    if (n.aggregation != Aggregation::sum) node["aggregation"] = kAggregationNames.name(n.aggregation);
    if (n.response != 1.0) node["response"] = n.response;
    if (!n.has_default_time_constant()) node["time_constant"] = n.time_constant;
    if (!n.has_default_izhikevich()) node["izhikevich"] = izhikevich_object(n.izhikevich);
    nodes.push_back(std::move(node));
  }
  return nodes;
}

bool all_nodes(const std::vector<NodeGene>& genes, bool (NodeGene::*test)() const) {
  return std::all_of(genes.begin(), genes.end(), [test](const NodeGene& n) { return (n.*test)(); });
}

Aggregation parse_aggregation(const std::string& name, const std::string& path) {
  if (auto aggregation = kAggregationNames.parse(name)) return *aggregation;
  throw std::runtime_error(path + ": expected one of " + kAggregationNames.names() + ", got \"" + name + "\"");
}

// The optional "aggregation", "response", "time_constant" and "izhikevich" of a node object.
void read_optional_node_genes(const json& object, const std::string& path, NodeGene& node) {
  if (object.contains("aggregation"))
    node.aggregation = parse_aggregation(field<std::string>(object, "aggregation", path), path + "/aggregation");
  if (object.contains("response")) node.response = field<double>(object, "response", path);
  if (object.contains("time_constant")) node.time_constant = field<double>(object, "time_constant", path);
  if (object.contains("izhikevich")) node.izhikevich = izhikevich_from(object.at("izhikevich"), path + "/izhikevich");
}

// A packed per-node list, when the document holds one.
const json* optional_binary(const json& document, const std::string& key) {
  if (!document.contains(key)) return nullptr;
  const json& packed = document.at(key);
  if (!packed.is_binary()) throw std::runtime_error("/" + key + ": wrong type, got " + excerpt(packed.dump()));
  return &packed;
}

json connection_objects(const std::vector<ConnectionGene>& genes) {
  json connections = json::array();
  for (const ConnectionGene& c : genes)
    connections.push_back(
        {{"innovation", c.innovation}, {"in", c.in}, {"out", c.out}, {"weight", c.weight}, {"enabled", c.enabled}});
  return connections;
}

std::vector<NodeGene> nodes_from_json(const json& nodes) {
  if (nodes.is_binary()) return unpack_nodes(nodes.get_binary());
  if (!nodes.is_array()) throw std::runtime_error("/nodes: wrong type, got " + excerpt(nodes.dump()));
  std::vector<NodeGene> genes;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const std::string path = "/nodes/" + std::to_string(i);
    NodeGene node;
    node.id = field<NodeId>(nodes[i], "id", path);
    node.kind = parse_node_kind(field<std::string>(nodes[i], "kind", path), path + "/kind");
    const std::string activation = field<std::string>(nodes[i], "activation", path);
    const auto parsed = parse_activation(activation);
    if (!parsed)
      throw std::runtime_error(path + "/activation: expected one of " + activation_names_list() + ", got \"" +
                               activation + "\"");
    node.activation = *parsed;
    node.bias = field<double>(nodes[i], "bias", path);
    read_optional_node_genes(nodes[i], path, node);
    genes.push_back(node);
  }
  return genes;
}

std::vector<ConnectionGene> connections_from_json(const json& connections) {
  if (connections.is_binary()) return unpack_connections(connections.get_binary());
  if (!connections.is_array()) throw std::runtime_error("/connections: wrong type, got " + excerpt(connections.dump()));
  std::vector<ConnectionGene> genes;
  for (std::size_t i = 0; i < connections.size(); ++i) {
    const std::string path = "/connections/" + std::to_string(i);
    genes.push_back({field<InnovationId>(connections[i], "innovation", path), field<NodeId>(connections[i], "in", path),
                     field<NodeId>(connections[i], "out", path), field<double>(connections[i], "weight", path),
                     field<bool>(connections[i], "enabled", path)});
  }
  return genes;
}

// The connection list in any of its forms: objects or 33-byte records under "connections",
// or the compact form of newer binary checkpoints under "compact_connections".
std::vector<ConnectionGene> connections_in(const json& document) {
  const json* compact = optional_binary(document, "compact_connections");
  if (!compact) return connections_from_json(member(document, "connections", ""));
  if (document.contains("connections"))
    throw std::runtime_error("/connections and /compact_connections: a genome has one connection list, got both");
  return unpack_compact_connections(compact->get_binary());
}

}  // namespace

std::string_view node_kind_name(NodeKind kind) { return kNodeKinds.name(kind); }

json genome_to_json(const Genome& genome, GeneLists lists) {
  const bool packed = lists == GeneLists::packed;
  json document = {
      {"id", genome.id},
      {"fitness", genome.fitness},
      {"nodes", packed ? json::binary(pack_nodes(genome.nodes)) : node_objects(genome.nodes)}};
  if (packed)
    document["compact_connections"] = json::binary(pack_connections_compactly(genome.connections));
  else
    document["connections"] = connection_objects(genome.connections);
  if (packed && !all_nodes(genome.nodes, &NodeGene::has_default_response_and_aggregation))
    document["aggregations_and_responses"] = json::binary(pack_aggregations_and_responses(genome.nodes));
  if (packed && !all_nodes(genome.nodes, &NodeGene::has_default_time_constant))
    document["time_constants"] = json::binary(pack_time_constants(genome.nodes));
  if (packed && !all_nodes(genome.nodes, &NodeGene::has_default_izhikevich))
    document["izhikevich_parameters"] = json::binary(pack_izhikevich_parameters(genome.nodes));
  if (genome.spatial) document["spatial"] = spatial_stack_to_json(*genome.spatial);
  return document;
}

Genome genome_from_json(const json& document) {
  Genome genome;
  genome.id = field<GenomeId>(document, "id", "");
  genome.fitness = field<double>(document, "fitness", "");
  genome.nodes = nodes_from_json(member(document, "nodes", ""));
  if (const json* packed = optional_binary(document, "aggregations_and_responses"))
    unpack_aggregations_and_responses(packed->get_binary(), genome.nodes);
  if (const json* packed = optional_binary(document, "time_constants"))
    unpack_time_constants(packed->get_binary(), genome.nodes);
  if (const json* packed = optional_binary(document, "izhikevich_parameters"))
    unpack_izhikevich_parameters(packed->get_binary(), genome.nodes);
  genome.connections = connections_in(document);
  if (document.contains("spatial")) genome.spatial = spatial_stack_from_json(document.at("spatial"), "/spatial");
  // Whether cycles are allowed depends on the run, so the caller checks that one.
  if (const auto problems = invariant_violations(genome, /*feed_forward=*/false); !problems.empty())
    throw std::runtime_error("invalid genome: " + problems.front());
  return genome;
}

}  // namespace convneat
