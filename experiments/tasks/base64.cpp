#include "experiments/tasks/base64.hpp"

#include <array>

namespace convneat {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr int kInvalid = -1;

// Each character's 6-bit value, kInvalid outside the alphabet ('=' included: padding is
// handled apart).
constexpr std::array<int, 256> decoding_table() {
  std::array<int, 256> table{};
  table.fill(kInvalid);
  for (int value = 0; value < 64; ++value) table[static_cast<unsigned char>(kAlphabet[value])] = value;
  return table;
}
constexpr std::array<int, 256> kValues = decoding_table();

}  // namespace

std::string base64_encode(std::span<const unsigned char> bytes) {
  std::string text;
  text.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned group = (unsigned{bytes[i]} << 16) | (unsigned{bytes[i + 1]} << 8) | bytes[i + 2];
    for (int shift : {18, 12, 6, 0}) text += kAlphabet[(group >> shift) & 63];
  }
  if (const std::size_t left = bytes.size() - i; left > 0) {
    const unsigned group = (unsigned{bytes[i]} << 16) | (left == 2 ? unsigned{bytes[i + 1]} << 8 : 0u);
    text += kAlphabet[(group >> 18) & 63];
    text += kAlphabet[(group >> 12) & 63];
    text += left == 2 ? kAlphabet[(group >> 6) & 63] : '=';
    text += '=';
  }
  return text;
}

std::optional<std::vector<unsigned char>> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  const std::size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  std::vector<unsigned char> bytes;
  bytes.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    unsigned group = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const bool padded = last && j >= 4 - padding;
      const int value = padded ? 0 : kValues[static_cast<unsigned char>(text[i + j])];
      if (value == kInvalid) return std::nullopt;
      group = (group << 6) | static_cast<unsigned>(value);
    }
    bytes.push_back(static_cast<unsigned char>(group >> 16));
    if (!last || padding < 2) bytes.push_back(static_cast<unsigned char>(group >> 8));
    if (!last || padding < 1) bytes.push_back(static_cast<unsigned char>(group));
  }
  return bytes;
}

}  // namespace convneat
