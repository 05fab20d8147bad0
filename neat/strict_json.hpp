#pragma once
// JSON as ConvNEAT reads it from files: nlohmann_json's grammar, except that a key repeated
// in one object is an error. nlohmann_json keeps the last value silently, so a config saying
// "size": 150 and, further down, "size": 10 would run with 10 without a word.
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "genome/message_excerpt.hpp"

namespace convneat {

// A key found twice in one object; `pointer` is the JSON pointer of the second one, and
// what() says "<pointer>: duplicate key (…)" for a message that prefixes the file.
class DuplicateKeyError : public std::runtime_error {
 public:
  explicit DuplicateKeyError(std::string pointer)
      : std::runtime_error(excerpt(pointer) + ": duplicate key (a key may appear only once in an object)"),
        pointer(std::move(pointer)) {}
  std::string pointer;
};

// Parses `text` like nlohmann::json::parse (throwing its parse_error, or out_of_range for a
// number beyond double) and throws DuplicateKeyError at the first repeated key. Expects text
// whose nesting json_limit_problem has already bounded.
nlohmann::json parse_json_refusing_duplicate_keys(std::string_view text);

}  // namespace convneat
