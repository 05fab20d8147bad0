#pragma once
// CBOR (RFC 8949) documents read from outside the process, held to what JSON documents are
// held to (neat/json_limits.hpp, neat/strict_json.hpp): nlohmann's binary reader recurses
// once per nesting level, so a hostile file nested a million deep would overflow the stack
// before any check on the parsed document could run. A first pass over the bytes stops at
// the first level past the limit, a key given twice in one map or a string that is not UTF-8;
// only then are they decoded.
#include <cstddef>
#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

namespace convneat {

class CborError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The document the bytes encode. Throws CborError: "not valid CBOR (…)" for malformed or
// truncated bytes, "nested more than N levels deep" past max_depth, "the key "k" twice in
// one map", "a string that is not UTF-8".
nlohmann::json parse_cbor_document(std::string_view bytes, std::size_t max_depth);

}  // namespace convneat
