#pragma once
// A fixed table of (enum value, name) pairs: the one place an enum's values and names are
// written, with lookups both ways, the values in order (for config choices and mutation
// options) and the list of names for error messages. Written with name_table(), its size is
// that of its rows: adding a value is adding a row.
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

  constexpr std::string_view name(Enum value) const {
    for (const auto& [known, text] : entries)
      if (known == value) return text;
    return "unknown";
  }

  constexpr std::optional<Enum> parse(std::string_view text) const {
    for (const auto& [value, known] : entries)
      if (known == text) return value;
    return std::nullopt;
  }

  std::array<Enum, N> values() const {
    std::array<Enum, N> all{};
    for (std::size_t i = 0; i < N; ++i) all[i] = entries[i].first;
    return all;
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

// name_table<Mode>({{Mode::a, "a"}, {Mode::b, "b"}}): a table sized by its rows.
template <class Enum, std::size_t N>
constexpr NameTable<Enum, N> name_table(const std::pair<Enum, std::string_view> (&rows)[N]) {
  NameTable<Enum, N> table{};
  for (std::size_t i = 0; i < N; ++i) table.entries[i] = rows[i];
  return table;
}

}  // namespace convneat
