#pragma once
// A fixed table of (enum value, name) pairs: the one place an enum's names are written,
// with lookups both ways and the list of names for error messages.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace convneat {

template <class Enum, std::size_t N>
struct NameTable {
  std::array<std::pair<Enum, std::string_view>, N> entries;

  std::string_view name(Enum value) const {
    for (const auto& [known, text] : entries)
      if (known == value) return text;
    return "unknown";
  }

  std::optional<Enum> parse(std::string_view text) const {
    for (const auto& [value, known] : entries)
      if (known == text) return value;
    return std::nullopt;
  }

  std::string names() const {  // "a, b, c"
    std::string list;
    for (const auto& entry : entries) {
      if (!list.empty()) list += ", ";
      list += entry.second;
    }
    return list;
  }
};

}  // namespace convneat
