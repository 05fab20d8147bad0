#include "genome/message_excerpt.hpp"

namespace convneat {
namespace {

bool is_utf8_continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

}  // namespace

std::string excerpt(std::string_view text) {
  if (text.size() <= kMaxEchoedBytes) return std::string(text);
  std::size_t end = kMaxEchoedBytes;
  while (end > 0 && is_utf8_continuation(text[end])) --end;
  return std::string(text.substr(0, end)) + "… (" + std::to_string(text.size()) + " bytes)";
}

}  // namespace convneat
