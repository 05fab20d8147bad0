// What of a user's value an error message repeats (neat/message_excerpt.hpp): up to 100
// bytes as they are; a longer value is cut with "…" and its length.
#include <catch2/catch.hpp>

#include "genome/message_excerpt.hpp"

using namespace convneat;

TEST_CASE("a value of up to 100 bytes is repeated whole, a longer one cut with its length") {
  CHECK(excerpt("") == "");
  CHECK(excerpt(std::string(100, 'x')) == std::string(100, 'x'));
  CHECK(excerpt(std::string(200, 'x')) == std::string(100, 'x') + "… (200 bytes)");
  CHECK(excerpt(std::string(60000, '[')).size() < 120);
}

TEST_CASE("a value is never cut inside a UTF-8 character") {
  const std::string value = std::string(99, 'x') + "é" + std::string(50, 'y');  // é: bytes 99 and 100
  CHECK(excerpt(value) == std::string(99, 'x') + "… (151 bytes)");
}
