#include "neat/config_document.hpp"

#include <algorithm>
#include <sstream>

#include "genome/message_excerpt.hpp"
#include "neat/json_limits.hpp"

namespace convneat {
namespace {

using nlohmann::json;

const Setting* find_setting(const std::string& path) {
  for (const Setting& setting : config_settings())
    if (setting.path == path) return &setting;
  return nullptr;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return row[b.size()];
}

std::string closest_key(const std::string& path) {
  const Setting* best = nullptr;
  std::size_t best_distance = 0;
  for (const Setting& setting : config_settings()) {
    const std::size_t distance = edit_distance(path, setting.path);
    if (best == nullptr || distance < best_distance) best = &setting, best_distance = distance;
  }
  return best ? best->path : std::string();
}

// The setting whose value holds `pointer` as a part (a list of layer objects), if any.
const Setting* structured_setting_above(const std::string& pointer) {
  if (find_setting(pointer)) return nullptr;
  for (const Setting& setting : config_settings())
    if (pointer.starts_with(setting.path + "/")) return &setting;
  return nullptr;
}

bool is_section(const std::string& path) {
  for (const Setting& setting : config_settings())
    if (setting.path.starts_with(path + "/")) return true;
  return false;
}

void apply_value(NeatConfig& config, const std::string& path, const json& value, const std::string& source) {
  const Setting* setting = find_setting(path);
  if (setting == nullptr) {
    if (is_section(path))
      throw ConfigError(source + ": " + path + ": expected an object of settings, got " + excerpt(value.dump()));
    throw ConfigError(source + ": " + excerpt(path) + ": unknown key; did you mean " + closest_key(path.substr(0, kMaxEchoedBytes)) + "?");
  }
  bool assigned = false;
  try {
    assigned = setting->assign(config, value);
  } catch (const SettingPartError& part) {
    throw ConfigError(source + ": " + path + excerpt(part.subpath) + ": " + part.what());
  }
  if (!assigned)
    throw ConfigError(source + ": " + path + ": expected " + setting->allowed + ", got " + excerpt(value.dump()));
}

void apply_object(NeatConfig& config, const json& object, const std::string& prefix, const std::string& source) {
  for (const auto& [key, value] : object.items()) {
    const std::string path = prefix + "/" + key;
    // Who wrote a run's config.json (neat/software_version.hpp): not a setting.
    if (path == "/software" && value.is_object()) continue;
    if (path == "/task") {
      if (!value.is_object() || !value.contains("name") || !value["name"].is_string())
        throw ConfigError(source + ": /task: expected an object with a \"name\" string, got " + excerpt(value.dump()));
      config.task = value;
    } else if (value.is_object() && !find_setting(path)) {
      if (!is_section(path))
        throw ConfigError(source + ": " + excerpt(path) + ": unknown key; did you mean " + closest_key(path.substr(0, kMaxEchoedBytes)) + "?");
      apply_object(config, value, path, source);
    } else {
      apply_value(config, path, value, source);
    }
  }
}

}  // namespace

std::string markdown_cell(const std::string& text) {
  std::string escaped;
  for (char ch : text) escaped += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return escaped;
}


NeatConfig config_from_json(const json& document, const std::string& source) {
  if (!document.is_object()) throw ConfigError(source + ": expected a JSON object at the top level");
  NeatConfig config;
  apply_object(config, document, "", source);
  return config;
}

std::string to_json_pointer(const std::string& path) {
  if (path.starts_with("/")) return path;
  std::string pointer = "/" + path;
  std::replace(pointer.begin(), pointer.end(), '.', '/');
  return pointer;
}

namespace {

// An override must stay within what a config file may hold: its size, UTF-8 text (which the
// parser checks in a file), and a nesting as deep as its key has parts plus its value's own.
void check_override_limits(const std::string& pointer, const std::string& value, const std::string& origin) {
  if (value.size() > kConfigLimits.max_bytes) throw ConfigError(size_limit_message(origin, kConfigLimits));
  if (!is_valid_utf8(pointer)) throw ConfigError(origin + ": the key is not valid UTF-8 text");
  if (!is_valid_utf8(value)) throw ConfigError(origin + ": the value is not valid UTF-8 text");
  const auto key_depth = static_cast<std::size_t>(std::count(pointer.begin(), pointer.end(), '/'));
  if (key_depth + json_nesting_depth(value) > kConfigLimits.max_depth)
    throw ConfigError(origin + ": " + depth_limit_text(kConfigLimits));
}

}  // namespace

std::string apply_override(NeatConfig& config, const std::string& path, const std::string& value,
                           const std::string& source) {
  const std::string pointer = to_json_pointer(path);
  const std::string origin = source.empty() ? "--set " + excerpt(path) : source;
  check_override_limits(pointer, value, origin);
  json parsed = json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) parsed = value;
  if (pointer.starts_with("/task/")) {
    try {
      config.task[json::json_pointer(pointer.substr(5))] = parsed;
    } catch (const json::exception&) {
      throw ConfigError(origin + ": " + excerpt(pointer) + ": not a settable task key");
    }
    return pointer;
  }
  if (const Setting* whole = structured_setting_above(pointer)) {
    // A part of a structured value (genome.spatial.layers.0.mode): patch it in place.
    json value = whole->read(config);
    try {
      value[json::json_pointer(pointer.substr(whole->path.size()))] = parsed;
    } catch (const json::exception&) {
      throw ConfigError(origin + ": " + excerpt(pointer) + ": no such part of " + whole->path);
    }
    apply_value(config, whole->path, value, origin);
    return pointer;
  }
  apply_value(config, pointer, parsed, origin);
  return pointer;
}

json config_to_json(const NeatConfig& config) {
  json document = json::object();
  for (const Setting& setting : config_settings()) document[json::json_pointer(setting.path)] = setting.read(config);
  document["task"] = config.task;
  return document;
}

namespace {

// What the activation and aggregation names compute. Every activation is finite on every
// finite input: inv, square and cube are clamped to the largest finite value (of float in a
// spatial layer), and slopes inside a clamp are 0.
std::string node_functions_markdown() {
  std::ostringstream out;
  out << "\n## Node functions\n\n"
      << "A node computes act(bias + response · agg(w_1 x_1, …, w_k x_k)); `sum` with response 1 is the\n"
      << "original NEAT node. Names shared with neat-python compute neat-python's function; where ours\n"
      << "differs (sigmoid, tanh, sin, gauss, softplus), neat-python's is there as `neat_python_…`. Every\n"
      << "activation gives a finite value for every finite input (inv, square and cube stop at the\n"
      << "largest finite number, of float in a spatial layer); inside a clamp the slope is 0.\n\n"
      << "| activation | f(x) |\n|---|---|\n";
  for (const auto& [activation, name] : kActivationNames.entries)
    out << "| `" << name << "` | " << markdown_cell(std::string(activation_formula(activation))) << " |\n";
  out << "\n| aggregation | agg(t_1, …, t_k), t_e = w_e x_e |\n|---|---|\n";
  for (const auto& [aggregation, name] : kAggregationNames.entries)
    out << "| `" << name << "` | " << markdown_cell(std::string(aggregation_formula(aggregation))) << " |\n";
  return out.str();
}

}  // namespace

std::string config_reference_markdown() {
  std::ostringstream out;
  out << "# Configuration reference\n\n"
      << "Generated from `neat/config_schema.cpp` by `convneat config-reference`; a test checks that this\n"
      << "file matches it. Every key is optional: a missing key takes its default. `/task` holds the task\n"
      << "name and the task's own parameters, which the task validates. `/software`, which `convneat run`\n"
      << "writes into a run's config.json (the version and source commit that made it), is ignored when read.\n\n"
      << "| key | default | allowed | meaning |\n|---|---|---|---|\n";
  const NeatConfig defaults;
  for (const Setting& setting : config_settings())
    out << "| `" << setting.path << "` | `" << markdown_cell(setting.read(defaults).dump()) << "` | "
        << markdown_cell(setting.allowed) << " | " << markdown_cell(setting.description) << " |\n";
  out << node_functions_markdown();
  return out.str();
}

}  // namespace convneat
