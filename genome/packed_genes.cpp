#include "genome/packed_genes.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include "genome/activation.hpp"
#include "genome/genome_config.hpp"

namespace convneat {
namespace {

constexpr std::size_t kNodeBytes = 18;
constexpr std::size_t kConnectionBytes = 33;
constexpr std::size_t kAggregationAndResponseBytes = 9;
constexpr std::size_t kTimeConstantBytes = 8;
constexpr std::size_t kIzhikevichBytes = 32;
constexpr std::uint8_t kLastNodeKind = static_cast<std::uint8_t>(NodeKind::output);
constexpr std::uint8_t kLastActivation = static_cast<std::uint8_t>(kActivationNames.entries.size() - 1);
constexpr std::uint8_t kLastAggregation = static_cast<std::uint8_t>(kAggregationNames.entries.size() - 1);

// Writes records into bytes sized for them beforehand (a checkpoint packs millions of genes).
class Writer {
 public:
  Writer(std::vector<std::uint8_t>& bytes, std::size_t size) : bytes_(bytes) { bytes_.resize(size); }
  void u64(std::uint64_t value) {
    for (int byte = 0; byte < 8; ++byte) bytes_[at_++] = static_cast<std::uint8_t>(value >> (8 * byte));
  }
  void real(double value) { u64(std::bit_cast<std::uint64_t>(value)); }
  void u8(std::uint8_t value) { bytes_[at_++] = value; }

 private:
  std::vector<std::uint8_t>& bytes_;
  std::size_t at_ = 0;
};

// Reads records front to back; the caller has checked that whole records remain.
class Reader {
 public:
  explicit Reader(const std::vector<std::uint8_t>& bytes) : bytes_(bytes) {}
  std::uint64_t u64() {
    std::uint64_t value = 0;
    for (int byte = 0; byte < 8; ++byte) value |= std::uint64_t{bytes_[at_++]} << (8 * byte);
    return value;
  }
  double real() { return std::bit_cast<double>(u64()); }
  std::uint8_t u8() { return bytes_[at_++]; }

 private:
  const std::vector<std::uint8_t>& bytes_;
  std::size_t at_ = 0;
};

std::size_t record_count(const std::vector<std::uint8_t>& bytes, std::size_t record, const char* what) {
  if (bytes.size() % record != 0)
    throw std::runtime_error(std::string("packed ") + what + ": " + std::to_string(bytes.size()) +
                             " bytes are not whole records of " + std::to_string(record));
  return bytes.size() / record;
}

// A per-node list's records, one for each node: throws naming the list when the count differs.
void check_one_record_per_node(const std::vector<std::uint8_t>& bytes, std::size_t record_bytes, const char* what,
                               const std::vector<NodeGene>& nodes) {
  const std::size_t count = record_count(bytes, record_bytes, what);
  if (count != nodes.size())
    throw std::runtime_error(std::string("packed ") + what + ": " + std::to_string(count) + " records for " +
                             std::to_string(nodes.size()) + " nodes");
}

std::uint8_t code_at_most(std::uint8_t code, std::uint8_t last, const char* what) {
  if (code > last)
    throw std::runtime_error(std::string("packed nodes: ") + what + " code " + std::to_string(code) +
                             " is not one of 0-" + std::to_string(last));
  return code;
}

// Compact connections (see the header): varints, weights and a flag bitmap, written through a
// pointer into a buffer for the longest encoding, left uninitialised (zeroing it would cost
// more than copying out what was written: a checkpoint packs millions of connections, on the
// run's path).
class CompactWriter {
 public:
  explicit CompactWriter(std::size_t longest)
      : buffer_(std::make_unique_for_overwrite<std::uint8_t[]>(longest)), at_(buffer_.get()) {}
  void varint(std::uint64_t value) {
    for (; value >= 0x80; value >>= 7) *at_++ = static_cast<std::uint8_t>(value | 0x80);
    *at_++ = static_cast<std::uint8_t>(value);
  }
  // The step from previous to value, wrapping, as a zigzag varint.
  void step(std::uint64_t previous, std::uint64_t value) {
    const std::uint64_t difference = value - previous;
    varint((difference << 1) ^ (0 - (difference >> 63)));
  }
  void real(double value) {
    const auto bits = std::bit_cast<std::uint64_t>(value);
    if constexpr (std::endian::native == std::endian::little) {
      std::memcpy(at_, &bits, sizeof bits);
      at_ += sizeof bits;
    } else {
      for (int byte = 0; byte < 8; ++byte) *at_++ = static_cast<std::uint8_t>(bits >> (8 * byte));
    }
  }
  void u8(std::uint8_t value) { *at_++ = value; }
  std::vector<std::uint8_t> bytes() const { return {buffer_.get(), at_}; }

 private:
  std::unique_ptr<std::uint8_t[]> buffer_;
  std::uint8_t* at_;
};

// The longest a varint takes (64 bits, seven a byte), and the longest compact list of n.
constexpr std::size_t kLongestVarint = 10;
constexpr std::size_t longest_compact_connections(std::size_t n) {
  return kLongestVarint + n * (3 * kLongestVarint + 8) + (n + 7) / 8;
}

// Reads compact connections front to back, every read checked against the end.
class CompactReader {
 public:
  explicit CompactReader(const std::vector<std::uint8_t>& bytes) : at_(bytes.data()), end_(bytes.data() + bytes.size()) {}
  std::uint64_t varint() {
    std::uint64_t value = 0;
    for (int shift = 0;; shift += 7) {
      const std::uint8_t byte = next("a varint");
      // The tenth byte holds the 64th bit and nothing above it.
      if (shift == 63 && byte > 1) throw std::runtime_error("packed connections: a varint beyond 64 bits");
      value |= std::uint64_t{byte & 0x7fu} << shift;
      if (byte < 0x80) return value;
    }
  }
  std::uint64_t step(std::uint64_t previous) {
    const std::uint64_t zigzag = varint();
    return previous + ((zigzag >> 1) ^ (0 - (zigzag & 1)));
  }
  double real() {
    std::uint64_t bits = 0;
    for (int byte = 0; byte < 8; ++byte) bits |= std::uint64_t{next("a weight")} << (8 * byte);
    return std::bit_cast<double>(bits);
  }
  std::uint8_t byte() { return next("the enabled flags"); }
  std::size_t remaining() const { return static_cast<std::size_t>(end_ - at_); }

 private:
  std::uint8_t next(const char* what) {
    if (at_ == end_) throw std::runtime_error(std::string("packed connections: cut short in ") + what);
    return *at_++;
  }
  const std::uint8_t* at_;
  const std::uint8_t* end_;
};

// The fewest bytes a compact connection takes: three one-byte varints and its weight.
constexpr std::size_t kSmallestCompactConnection = 3 + 8;

}  // namespace

std::vector<std::uint8_t> pack_nodes(const std::vector<NodeGene>& nodes) {
  std::vector<std::uint8_t> bytes;
  Writer out(bytes, nodes.size() * kNodeBytes);
  for (const NodeGene& n : nodes) {
    out.u64(n.id);
    out.u8(static_cast<std::uint8_t>(n.kind));
    out.u8(static_cast<std::uint8_t>(n.activation));
    out.real(n.bias);
  }
  return bytes;
}

std::vector<std::uint8_t> pack_connections(const std::vector<ConnectionGene>& connections) {
  std::vector<std::uint8_t> bytes;
  Writer out(bytes, connections.size() * kConnectionBytes);
  for (const ConnectionGene& c : connections) {
    out.u64(c.innovation);
    out.u64(c.in);
    out.u64(c.out);
    out.real(c.weight);
    out.u8(c.enabled ? 1 : 0);
  }
  return bytes;
}

std::vector<std::uint8_t> pack_aggregations_and_responses(const std::vector<NodeGene>& nodes) {
  std::vector<std::uint8_t> bytes;
  Writer out(bytes, nodes.size() * kAggregationAndResponseBytes);
  for (const NodeGene& n : nodes) {
    out.u8(static_cast<std::uint8_t>(n.aggregation));
    out.real(n.response);
  }
  return bytes;
}

std::vector<std::uint8_t> pack_time_constants(const std::vector<NodeGene>& nodes) {
  std::vector<std::uint8_t> bytes;
  Writer out(bytes, nodes.size() * kTimeConstantBytes);
  for (const NodeGene& n : nodes) out.real(n.time_constant);
  return bytes;
}

std::vector<std::uint8_t> pack_izhikevich_parameters(const std::vector<NodeGene>& nodes) {
  std::vector<std::uint8_t> bytes;
  Writer out(bytes, nodes.size() * kIzhikevichBytes);
  for (const NodeGene& n : nodes)
    for (const IzhikevichAttribute& attribute : kIzhikevichAttributes) out.real(n.izhikevich.*attribute.value);
  return bytes;
}

std::vector<NodeGene> unpack_nodes(const std::vector<std::uint8_t>& bytes) {
  std::vector<NodeGene> nodes(record_count(bytes, kNodeBytes, "nodes"));
  Reader in(bytes);
  for (NodeGene& n : nodes) {
    n.id = in.u64();
    n.kind = static_cast<NodeKind>(code_at_most(in.u8(), kLastNodeKind, "kind"));
    n.activation = static_cast<Activation>(code_at_most(in.u8(), kLastActivation, "activation"));
    n.bias = in.real();
  }
  return nodes;
}

void unpack_time_constants(const std::vector<std::uint8_t>& bytes, std::vector<NodeGene>& nodes) {
  check_one_record_per_node(bytes, kTimeConstantBytes, "time constants", nodes);
  Reader in(bytes);
  for (NodeGene& n : nodes) n.time_constant = in.real();
}

void unpack_izhikevich_parameters(const std::vector<std::uint8_t>& bytes, std::vector<NodeGene>& nodes) {
  check_one_record_per_node(bytes, kIzhikevichBytes, "Izhikevich parameters", nodes);
  Reader in(bytes);
  for (NodeGene& n : nodes)
    for (const IzhikevichAttribute& attribute : kIzhikevichAttributes) n.izhikevich.*attribute.value = in.real();
}

void unpack_aggregations_and_responses(const std::vector<std::uint8_t>& bytes, std::vector<NodeGene>& nodes) {
  check_one_record_per_node(bytes, kAggregationAndResponseBytes, "aggregations and responses", nodes);
  Reader in(bytes);
  for (NodeGene& n : nodes) {
    n.aggregation = static_cast<Aggregation>(code_at_most(in.u8(), kLastAggregation, "aggregation"));
    n.response = in.real();
  }
}

std::vector<ConnectionGene> unpack_connections(const std::vector<std::uint8_t>& bytes) {
  std::vector<ConnectionGene> connections(record_count(bytes, kConnectionBytes, "connections"));
  Reader in(bytes);
  for (ConnectionGene& c : connections) {
    c.innovation = in.u64();
    c.in = in.u64();
    c.out = in.u64();
    c.weight = in.real();
    const std::uint8_t enabled = in.u8();
    if (enabled > 1) throw std::runtime_error("packed connections: enabled flag " + std::to_string(enabled) + " is not 0 or 1");
    c.enabled = enabled == 1;
  }
  return connections;
}

std::vector<std::uint8_t> pack_connections_compactly(const std::vector<ConnectionGene>& connections) {
  CompactWriter out(longest_compact_connections(connections.size()));
  out.varint(connections.size());
  ConnectionGene previous{};  // ids 0: the first steps are the ids themselves
  for (const ConnectionGene& c : connections) {
    out.step(previous.innovation, c.innovation);
    out.step(previous.in, c.in);
    out.step(previous.out, c.out);
    out.real(c.weight);
    previous = c;
  }
  for (std::size_t first = 0; first < connections.size(); first += 8) {
    std::uint8_t flags = 0;
    for (std::size_t i = first; i < std::min(first + 8, connections.size()); ++i)
      if (connections[i].enabled) flags |= static_cast<std::uint8_t>(1u << (i - first));
    out.u8(flags);
  }
  return out.bytes();
}

std::vector<ConnectionGene> unpack_compact_connections(const std::vector<std::uint8_t>& bytes) {
  CompactReader in(bytes);
  const std::uint64_t count = in.varint();
  // Checked before anything is allocated: a hostile count cannot ask for more connections than
  // the bytes hold (at 11 bytes each, the genes take at most 40 / 11 of the input's size).
  if (count > in.remaining() / kSmallestCompactConnection)
    throw std::runtime_error("packed connections: " + std::to_string(count) + " connections cannot fit in " +
                             std::to_string(bytes.size()) + " bytes");
  std::vector<ConnectionGene> connections(static_cast<std::size_t>(count));
  ConnectionGene previous{};  // ids 0: the first steps are the ids themselves
  for (ConnectionGene& c : connections) {
    c.innovation = in.step(previous.innovation);
    c.in = in.step(previous.in);
    c.out = in.step(previous.out);
    c.weight = in.real();
    previous = c;
  }
  for (std::size_t first = 0; first < connections.size(); first += 8) {
    const std::uint8_t flags = in.byte();
    const std::size_t last = std::min(first + 8, connections.size());
    for (std::size_t i = first; i < last; ++i) connections[i].enabled = (flags >> (i - first)) & 1u;
    if (flags >> (last - first) != 0)
      throw std::runtime_error("packed connections: an enabled flag set past the last connection");
  }
  if (in.remaining() != 0)
    throw std::runtime_error("packed connections: " + std::to_string(in.remaining()) + " bytes past the last connection");
  return connections;
}

}  // namespace convneat
