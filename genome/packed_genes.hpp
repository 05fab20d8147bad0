#pragma once
// Node and connection gene lists as packed little-endian records, for binary checkpoints: a
// genome's thousands of connections become one byte string instead of thousands of JSON
// objects, which is what makes a checkpoint every generation affordable.
//
//   node:        id u64 · kind u8 · activation u8 · bias f64              (18 bytes)
//   connection:  innovation u64 · in u64 · out u64 · weight f64 · enabled u8  (33 bytes)
//
// kind and activation are the enumerators' values (NodeKind, Activation): new enumerators are
// appended, never inserted, so packed genomes stay readable. Doubles are their IEEE-754 bits,
// so unpacking gives back the same genes bit for bit.
#include <cstdint>
#include <vector>

#include "genome/genes.hpp"

namespace convneat {

std::vector<std::uint8_t> pack_nodes(const std::vector<NodeGene>& nodes);
std::vector<std::uint8_t> pack_connections(const std::vector<ConnectionGene>& connections);

// Throw std::runtime_error when the bytes are not whole records or a kind or activation is
// out of range (the genome's invariants are checked by the caller, as for JSON genes).
std::vector<NodeGene> unpack_nodes(const std::vector<std::uint8_t>& bytes);
std::vector<ConnectionGene> unpack_connections(const std::vector<std::uint8_t>& bytes);

}  // namespace convneat
