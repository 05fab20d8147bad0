#pragma once
// Reading typed fields out of a JSON document with errors that name the JSON path, shared by
// the genome readers.
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace convneat {

// object[key] as T; throws std::runtime_error "<path>/<key>: missing" or "…: wrong type, got …".
template <class T>
T field(const nlohmann::json& object, const char* key, const std::string& path) {
  if (!object.is_object() || !object.contains(key)) throw std::runtime_error(path + "/" + key + ": missing");
  try {
    return object.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error(path + "/" + key + ": wrong type, got " + object.at(key).dump());
  }
}

}  // namespace convneat
