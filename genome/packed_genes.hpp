#pragma once
// Node and connection gene lists as packed little-endian records, for binary checkpoints: a
// genome's thousands of connections become one byte string instead of thousands of JSON
// objects, which is what makes a checkpoint every generation affordable.
//
//   node:        id u64 · kind u8 · activation u8 · bias f64              (18 bytes)
//   connection:  innovation u64 · in u64 · out u64 · weight f64 · enabled u8  (33 bytes;
//                version 1 checkpoints, still read; written now only to make such files)
//   node's aggregation and response:  aggregation u8 · response f64      (9 bytes)
//   node's time constant:              time constant f64                  (8 bytes)
//   node's Izhikevich parameters:      a f64 · b f64 · c f64 · d f64      (32 bytes)
//
// The last three lists, one record per node in the nodes' order, are each stored only for a
// genome with a node that does not sum with response 1, whose time constant is not 1, or
// whose Izhikevich parameters are not regular spiking's, so genomes without one pack as they
// always have.
// Binary checkpoints since version 2 store connections compactly instead (a few bytes of ids
// and the weight's 8, about 12 a connection where the records above take 33: the bytes a
// checkpoint copies, checksums and writes are what it costs):
//
//   compact connections:  count varint · per connection Δinnovation, Δin, Δout as zigzag
//                         varints (the difference from the previous connection's, mod 2^64;
//                         the first from 0) and weight f64 · then the enabled flags as bits,
//                         connection i in bit i % 8 of byte i / 8, unused bits 0
//
// (varint: LEB128, seven bits a byte, low first; zigzag maps a difference d read as signed to
// 2d, or −2d − 1 when negative, so small steps either way take one byte.) Connections are
// sorted by innovation, and a genome's readout links run through consecutive ids, so most
// differences take one byte each.
// kind and activation are the enumerators' values (NodeKind, Activation): new enumerators are
// appended, never inserted, so packed genomes stay readable. Doubles are their IEEE-754 bits,
// so unpacking gives back the same genes bit for bit.
#include <cstdint>
#include <vector>

#include "genome/genes.hpp"

namespace convneat {

std::vector<std::uint8_t> pack_nodes(const std::vector<NodeGene>& nodes);
std::vector<std::uint8_t> pack_connections(const std::vector<ConnectionGene>& connections);
std::vector<std::uint8_t> pack_aggregations_and_responses(const std::vector<NodeGene>& nodes);
std::vector<std::uint8_t> pack_time_constants(const std::vector<NodeGene>& nodes);
std::vector<std::uint8_t> pack_izhikevich_parameters(const std::vector<NodeGene>& nodes);
std::vector<std::uint8_t> pack_connections_compactly(const std::vector<ConnectionGene>& connections);

// Throw std::runtime_error when the bytes are not whole records or a kind or activation is
// out of range (the genome's invariants are checked by the caller, as for JSON genes).
std::vector<NodeGene> unpack_nodes(const std::vector<std::uint8_t>& bytes);
std::vector<ConnectionGene> unpack_connections(const std::vector<std::uint8_t>& bytes);
// Throws std::runtime_error for a varint that runs past the end or beyond 64 bits, a count
// the bytes cannot hold, a flag bit set past the last connection, or bytes left over.
std::vector<ConnectionGene> unpack_compact_connections(const std::vector<std::uint8_t>& bytes);
// Sets each node's aggregation and response from the bytes; throws as above, and when the
// record count is not the node count.
void unpack_aggregations_and_responses(const std::vector<std::uint8_t>& bytes, std::vector<NodeGene>& nodes);
void unpack_time_constants(const std::vector<std::uint8_t>& bytes, std::vector<NodeGene>& nodes);
void unpack_izhikevich_parameters(const std::vector<std::uint8_t>& bytes, std::vector<NodeGene>& nodes);

}  // namespace convneat
