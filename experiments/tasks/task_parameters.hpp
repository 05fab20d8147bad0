#pragma once
// Reads a task's own parameters from its `/task` section: each read names the key, checks
// the value and takes a default when the key is absent; finish() rejects keys nobody read.
// Every error is a ConfigError naming the source and the JSON path.
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "genome/name_table.hpp"

namespace convneat {

class TaskParameters {
 public:
  TaskParameters(const nlohmann::json& section, std::string source);

  std::size_t whole(const std::string& key, std::size_t low, std::size_t high, std::size_t fallback);
  double real(const std::string& key, double low, double high, double fallback);
  bool flag(const std::string& key, bool fallback);
  bool has(const std::string& key) const { return section_.contains(key); }
  // A non-empty string (a path, a name).
  std::string text(const std::string& key);
  std::string choice(const std::string& key, const std::vector<std::string>& allowed, const std::string& fallback);
  // A choice among an enum's names (its NameTable), read straight into the enum.
  template <class Enum, std::size_t N>
  Enum named(const std::string& key, const NameTable<Enum, N>& table, Enum fallback) {
    std::vector<std::string> allowed;
    for (const auto& [value, name] : table.entries) allowed.emplace_back(name);
    return *table.parse(choice(key, allowed, std::string(table.name(fallback))));
  }

  // Throws for any key other than "name" that no read asked for.
  void finish() const;

 private:
  const nlohmann::json* find(const std::string& key);
  [[noreturn]] void fail(const std::string& key, const std::string& expected, const nlohmann::json& value) const;

  const nlohmann::json& section_;
  std::string source_;
  std::set<std::string> read_{"name"};
};

}  // namespace convneat
