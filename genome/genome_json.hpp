#pragma once
// Lossless JSON form of a genome: the champion format that later export formats build on.
// Doubles are written by nlohmann_json with round-trip precision, so a genome read back is
// bit-identical to the one written. A genome with a front end has a "spatial" member
// (spatial/json.hpp); reading checks every invariant, spatial ones included.
#include <nlohmann/json.hpp>

#include "genome/genome.hpp"

namespace convneat {

// How a genome's node and connection lists are written: as JSON objects, one per gene (what
// people and other tools read), or packed into one binary value each (genome/packed_genes.hpp;
// the connections in their compact form, under "compact_connections"), which a binary encoding
// (CBOR) stores as a byte string: what binary checkpoints use.
enum class GeneLists { objects, packed };

nlohmann::json genome_to_json(const Genome& genome, GeneLists lists = GeneLists::objects);
// Reads either form. Throws std::runtime_error naming the JSON path of the first bad value.
Genome genome_from_json(const nlohmann::json& json);

std::string_view node_kind_name(NodeKind kind);

}  // namespace convneat
