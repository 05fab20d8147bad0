// The base64 codec of the environment protocol's binary numbers: RFC 4648's test vectors,
// refusals of what is not base64, and a round trip of every byte value.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "experiments/tasks/base64.hpp"

using convneat::base64_decode;
using convneat::base64_encode;

namespace {

std::vector<unsigned char> bytes_of(const std::string& text) { return {text.begin(), text.end()}; }

}  // namespace

TEST_CASE("base64 gives RFC 4648's test vectors, both ways") {
  const std::vector<std::pair<std::string, std::string>> vectors = {
      {"", ""},         {"f", "Zg=="},        {"fo", "Zm8="},       {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    INFO(plain);
    CHECK(base64_encode(bytes_of(plain)) == encoded);
    CHECK(base64_decode(encoded) == bytes_of(plain));
  }
}

TEST_CASE("base64 refuses a wrong length, characters outside the alphabet and padding inside") {
  for (const char* text : {"Zg=", "Zm9", "Zm9v!A==", "Zg==Zg==", "Z===", "====", "Zm-v", "Zm9\n"}) {
    INFO(text);
    CHECK_FALSE(base64_decode(text));
  }
}

TEST_CASE("every byte value survives a base64 round trip, at every length modulo 3") {
  std::vector<unsigned char> bytes;
  for (int value = 0; value < 256; ++value) bytes.push_back(static_cast<unsigned char>(value));
  for (std::size_t cut : {256u, 255u, 254u}) {
    const std::vector<unsigned char> part(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(cut));
    const std::string text = base64_encode(part);
    CHECK(text.size() == (cut + 2) / 3 * 4);
    CHECK(base64_decode(text) == part);
  }
}
