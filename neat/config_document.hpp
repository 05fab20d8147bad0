#pragma once
// A config document read and written against the one table of keys (config_schema.hpp):
// loading a JSON file over the defaults, --set overrides, the resolved config a run writes,
// and the reference text of docs/config.md.
#include <string>

#include <nlohmann/json.hpp>

#include "neat/config.hpp"
#include "neat/config_schema.hpp"

namespace convneat {

// Applies `document` over the defaults. `source` (a file name) prefixes every message.
// Keys under /task are passed to the task, which validates them itself.
NeatConfig config_from_json(const nlohmann::json& document, const std::string& source);

// "population.size" or "/population/size" -> "/population/size".
std::string to_json_pointer(const std::string& path);

// Sets one key from the command line, `path` in dotted form (population.size) or as a
// JSON pointer; the value is parsed as JSON, else taken as a string. Errors name `source`
// (default: "--set PATH"). Returns the key's JSON pointer.
std::string apply_override(NeatConfig& config, const std::string& path, const std::string& value,
                           const std::string& source = "");

// Every key with its value: the resolved config a run writes next to its results.
nlohmann::json config_to_json(const NeatConfig& config);

// Markdown reference of every key (docs/config.md is this text).
std::string config_reference_markdown();
// `text` for a cell of a Markdown table: its pipes escaped.
std::string markdown_cell(const std::string& text);

}  // namespace convneat
