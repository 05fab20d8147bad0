#pragma once
// Reads a task's own parameters from its `/task` section. Each read names the key, what it
// means, the values allowed and the default, checks the value and takes the default when the
// key is absent; finish() rejects keys nobody read. The reads are also the parameters'
// declaration: run on a bare section (describing()), they list the task's parameters for
// `convneat config-reference` without building anything. Every error is a ConfigError naming
// the source and the JSON path.
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "genome/name_table.hpp"

namespace convneat {

// One parameter of a task, as `convneat config-reference` lists it.
struct TaskParameterDescription {
  std::string key;       // below /task, e.g. "batch_size"
  std::string fallback;  // the default as JSON text; "" for a required parameter
  std::string allowed;   // e.g. "a whole number in [1, 1000000]"
  std::string meaning;   // one line
};

class TaskParameters {
 public:
  TaskParameters(const nlohmann::json& section, std::string source);
  // Reads that only declare: the section is {"name": task}, every read returns its default
  // (a required string ""), and declared() lists them afterwards.
  static TaskParameters describing(const nlohmann::json& bare_section);

  std::size_t whole(const std::string& key, std::size_t low, std::size_t high, std::size_t fallback,
                    const std::string& meaning);
  double real(const std::string& key, double low, double high, double fallback, const std::string& meaning);
  bool flag(const std::string& key, bool fallback, const std::string& meaning);
  // A non-empty string (a path, a name): required, or with a default.
  std::string text(const std::string& key, const std::string& meaning);
  std::string text(const std::string& key, const std::string& fallback, const std::string& meaning);
  std::string choice(const std::string& key, const std::vector<std::string>& allowed, const std::string& fallback,
                     const std::string& meaning);
  // A choice among an enum's names (its NameTable), read straight into the enum.
  template <class Enum, std::size_t N>
  Enum named(const std::string& key, const NameTable<Enum, N>& table, Enum fallback, const std::string& meaning) {
    std::vector<std::string> allowed;
    for (const auto& [value, name] : table.entries) allowed.emplace_back(name);
    return *table.parse(choice(key, allowed, std::string(table.name(fallback)), meaning));
  }

  // Throws for any key other than "name" that no read asked for.
  void finish() const;

  // Where the section came from (a config file's name), for a task's own messages.
  const std::string& source() const { return source_; }
  // Every parameter read so far, in the order of the reads.
  const std::vector<TaskParameterDescription>& declared() const { return declared_; }

 private:
  const nlohmann::json* find(const std::string& key, const std::string& allowed, const nlohmann::json& fallback,
                             const std::string& meaning);
  [[noreturn]] void fail(const std::string& key, const std::string& expected, const nlohmann::json& value) const;

  const nlohmann::json& section_;
  std::string source_;
  bool describing_ = false;
  std::set<std::string> read_{"name"};
  std::vector<TaskParameterDescription> declared_;
};

}  // namespace convneat
