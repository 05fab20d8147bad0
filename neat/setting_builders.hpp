#pragma once
// Builders for config_schema.cpp's table: each makes a Setting that validates one kind of
// value (whole number, real, probability, flag, choice, …) and binds it to a config field
// through an accessor lambda `[](auto& c) -> auto& { return c.field; }`, which serves both
// for writing (NeatConfig&) and for reading (const NeatConfig&).
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "genome/json_fields.hpp"
#include "neat/config_schema.hpp"

namespace convneat {

inline constexpr std::uint64_t kNoUpperLimit = std::numeric_limits<std::uint64_t>::max();

template <class Access>
using FieldType = std::remove_cvref_t<decltype(std::declval<Access>()(std::declval<NeatConfig&>()))>;

inline std::string format_number(double value) {
  std::string text = nlohmann::json(value).dump();
  return text.ends_with(".0") ? text.substr(0, text.size() - 2) : text;
}

template <class Access>
Setting make_setting(std::string path, std::string allowed, std::string description, Access access,
                     std::function<bool(FieldType<Access>&, const nlohmann::json&)> parse) {
  return Setting{std::move(path), std::move(allowed), std::move(description),
                 [access, parse](NeatConfig& c, const nlohmann::json& v) { return parse(access(c), v); },
                 [access](const NeatConfig& c) { return nlohmann::json(access(c)); }};
}

template <class Access>
Setting integer(std::string path, std::uint64_t low, std::uint64_t high, std::string description, Access access) {
  std::string allowed = high == kNoUpperLimit
                            ? "a whole number >= " + std::to_string(low)
                            : "a whole number in [" + std::to_string(low) + ", " + std::to_string(high) + "]";
  return make_setting(std::move(path), std::move(allowed), std::move(description), access,
                      [low, high](FieldType<Access>& field, const nlohmann::json& v) {
                        const auto value = whole_number_value(v);
                        if (!value || *value < low || *value > high) return false;
                        field = static_cast<FieldType<Access>>(*value);
                        return true;
                      });
}

template <class Access>
Setting real(std::string path, double low, double high, std::string description, Access access) {
  std::string allowed = "a number in [" + format_number(low) + ", " + format_number(high) + "]";
  return make_setting(std::move(path), std::move(allowed), std::move(description), access,
                      [low, high](double& field, const nlohmann::json& v) {
                        if (!v.is_number()) return false;
                        const double value = v.get<double>();
                        if (!(value >= low && value <= high)) return false;
                        field = value;
                        return true;
                      });
}

template <class Access>
Setting probability(std::string path, std::string description, Access access) {
  return real(std::move(path), 0.0, 1.0, std::move(description), access);
}

template <class Access>
Setting flag(std::string path, std::string description, Access access) {
  return make_setting(std::move(path), "true or false", std::move(description), access,
                      [](bool& field, const nlohmann::json& v) {
                        if (!v.is_boolean()) return false;
                        field = v.get<bool>();
                        return true;
                      });
}

template <class Access>
Setting text(std::string path, std::string description, Access access) {
  return make_setting(std::move(path), "a non-empty string", std::move(description), access,
                      [](std::string& field, const nlohmann::json& v) {
                        if (!v.is_string() || v.get<std::string>().empty()) return false;
                        field = v.get<std::string>();
                        return true;
                      });
}

template <class Access>
Setting optional_real(std::string path, std::string description, Access access) {
  return Setting{std::move(path), "a number or null", std::move(description),
                 [access](NeatConfig& c, const nlohmann::json& v) {
                   if (v.is_null()) return access(c) = std::nullopt, true;
                   if (!v.is_number()) return false;
                   access(c) = v.get<double>();
                   return true;
                 },
                 [access](const NeatConfig& c) {
                   const auto& value = access(c);
                   return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
                 }};
}

template <class Enum>
using Choices = std::vector<std::pair<Enum, std::string>>;

template <class Enum>
std::string choices_text(const Choices<Enum>& choices) {
  std::string text = "one of";
  for (std::size_t i = 0; i < choices.size(); ++i) text += (i ? ", \"" : " \"") + choices[i].second + "\"";
  return text;
}

template <class Access, class Enum = FieldType<Access>>
Setting choice(std::string path, Choices<Enum> choices, std::string description, Access access) {
  std::string allowed = choices_text(choices);
  return Setting{std::move(path), std::move(allowed), std::move(description),
                 [access, choices](NeatConfig& c, const nlohmann::json& v) {
                   if (!v.is_string()) return false;
                   for (const auto& [value, name] : choices)
                     if (name == v.get<std::string>()) return access(c) = value, true;
                   return false;
                 },
                 [access, choices](const NeatConfig& c) {
                   for (const auto& [value, name] : choices)
                     if (value == access(c)) return nlohmann::json(name);
                   return nlohmann::json(nullptr);
                 }};
}

// The choices of a setting are its enum's name table, row for row: no second list to forget.
template <class Enum, std::size_t N>
Choices<Enum> choices_of(const NameTable<Enum, N>& table) {
  Choices<Enum> choices;
  for (const auto& [value, name] : table.entries) choices.emplace_back(value, std::string(name));
  return choices;
}

// A non-empty list of an enum's names (activation or aggregation options), read with its table.
template <class Enum, std::size_t N, class Access>
Setting choice_list(std::string path, const NameTable<Enum, N>& table, std::string description, Access access) {
  return Setting{std::move(path), "a non-empty list of " + choices_text(choices_of(table)), std::move(description),
                 [access, table](NeatConfig& c, const nlohmann::json& v) {
                   if (!v.is_array() || v.empty()) return false;
                   std::vector<Enum> parsed;
                   for (const auto& item : v) {
                     auto value = item.is_string() ? table.parse(item.get<std::string>()) : std::nullopt;
                     if (!value) return false;
                     parsed.push_back(*value);
                   }
                   access(c) = std::move(parsed);
                   return true;
                 },
                 [access, table](const NeatConfig& c) {
                   nlohmann::json names = nlohmann::json::array();
                   for (Enum value : access(c)) names.push_back(table.name(value));
                   return names;
                 }};
}

}  // namespace convneat
