#pragma once
// Reading typed fields out of a JSON document with errors that name the JSON path, shared by
// the genome readers and the checkpoint's state readers.
#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "genome/message_excerpt.hpp"

namespace convneat {

// `value` as a non-negative whole number, or nothing. A file's 5 parses as unsigned, but a
// document built in C++ (or edited by a tool) may hold it as a signed integer: both count.
inline std::optional<std::uint64_t> whole_number_value(const nlohmann::json& value) {
  if (value.is_number_unsigned()) return value.get<std::uint64_t>();
  if (value.is_number_integer() && value.get<std::int64_t>() >= 0)
    return static_cast<std::uint64_t>(value.get<std::int64_t>());
  return std::nullopt;
}

// `value` as the integer type T, or a std::runtime_error "<path>: expected a whole number in
// [min, max], got …". nlohmann's own get<T>() would turn 1e300 into T (undefined behaviour)
// and wrap -1 round to a huge unsigned number. A non-negative number parsed as signed is
// accepted for an unsigned T; a fraction never is.
template <std::integral T>
T whole_number(const nlohmann::json& value, const std::string& path) {
  if (value.is_number_unsigned()) {
    if (const auto number = value.get<std::uint64_t>(); std::in_range<T>(number)) return static_cast<T>(number);
  } else if (value.is_number_integer()) {
    if (const auto number = value.get<std::int64_t>(); std::in_range<T>(number)) return static_cast<T>(number);
  }
  throw std::runtime_error(path + ": expected a whole number in [" + std::to_string(std::numeric_limits<T>::min()) +
                           ", " + std::to_string(std::numeric_limits<T>::max()) + "], got " + excerpt(value.dump()));
}

// A JSON array of whole numbers as std::vector<T>.
template <std::integral T>
std::vector<T> whole_numbers(const nlohmann::json& array, const std::string& path) {
  if (!array.is_array()) throw std::runtime_error(path + ": expected a list of whole numbers, got " + excerpt(array.dump()));
  std::vector<T> values;
  values.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i)
    values.push_back(whole_number<T>(array[i], path + "/" + std::to_string(i)));
  return values;
}

// object[key], or std::runtime_error "<path>/<key>: missing".
inline const nlohmann::json& member(const nlohmann::json& object, const char* key, const std::string& path) {
  if (!object.is_object() || !object.contains(key)) throw std::runtime_error(path + "/" + key + ": missing");
  return object.at(key);
}

// object[key] as T; throws std::runtime_error "<path>/<key>: missing" or "…: wrong type, got …".
template <class T>
T field(const nlohmann::json& object, const char* key, const std::string& path) {
  const nlohmann::json& value = member(object, key, path);
  if constexpr (std::integral<T> && !std::same_as<T, bool>) {
    return whole_number<T>(value, path + "/" + key);
  } else {
    try {
      return value.get<T>();
    } catch (const nlohmann::json::exception&) {
      throw std::runtime_error(path + "/" + key + ": wrong type, got " + excerpt(value.dump()));
    }
  }
}

}  // namespace convneat
