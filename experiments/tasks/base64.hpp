#pragma once
// Base64 (RFC 4648, standard alphabet, '=' padding) for the environment protocol's binary
// number encoding (docs/environments.md): a batch of float64 values travels inside a JSON line
// as one string, which Python's base64 and struct modules make and read at C speed. Boost's
// public base64 (archive iterators) costs tens of nanoseconds a byte, and Beast's lives in a
// detail namespace, so the few lines are written here.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace convneat {

std::string base64_encode(std::span<const unsigned char> bytes);

// The bytes `text` encodes, or nothing when it is not base64: a length that is not
// a multiple of 4, a character outside the alphabet, or padding anywhere but at the end.
std::optional<std::vector<unsigned char>> base64_decode(std::string_view text);

}  // namespace convneat
