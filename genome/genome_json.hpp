#pragma once
// Lossless JSON form of a genome: the champion format that later export formats build on.
// Doubles are written by nlohmann_json with round-trip precision, so a genome read back is
// bit-identical to the one written. A genome with a front end has a "spatial" member
// (spatial/json.hpp); reading checks every invariant, spatial ones included.
#include <nlohmann/json.hpp>

#include "genome/genome.hpp"

namespace convneat {

nlohmann::json genome_to_json(const Genome& genome);
// Throws std::runtime_error naming the JSON path of the first bad value.
Genome genome_from_json(const nlohmann::json& json);

std::string_view node_kind_name(NodeKind kind);

}  // namespace convneat
