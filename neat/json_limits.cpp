#include "neat/json_limits.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace convneat {

std::string byte_count_name(std::uintmax_t bytes) {
  if (bytes >= kMebibyte && bytes % kMebibyte == 0) return std::to_string(bytes / kMebibyte) + " MiB";
  return std::to_string(bytes) + " bytes";
}

std::string size_limit_message(const std::string& file, const JsonLimits& limits) {
  return file + ": larger than " + byte_count_name(limits.max_bytes) + ", the limit for a " + limits.kind;
}

bool file_larger_than(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  std::error_code error;  // a file that cannot be inspected is reported by whoever opens it
  if (!std::filesystem::is_regular_file(path, error)) return false;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  return !error && size > max_bytes;
}

std::optional<std::string> read_at_most(std::istream& in, std::uintmax_t max_bytes) {
  std::string content;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    content.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (content.size() > max_bytes) return std::nullopt;
  }
  return content;
}

std::size_t json_nesting_depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

bool is_valid_utf8(std::string_view text) {
  try {  // the serializer's check, so "valid" means what the JSON writer accepts
    static_cast<void>(nlohmann::json(std::string(text)).dump());
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

std::string depth_limit_text(const JsonLimits& limits) {
  return "JSON nested more than " + std::to_string(limits.max_depth) + " levels deep, the limit for a " + limits.kind;
}

std::optional<std::string> json_limit_problem(std::string_view text, const std::string& file,
                                              const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) return size_limit_message(file, limits);
  if (json_nesting_depth(text) > limits.max_depth) return file + ": " + depth_limit_text(limits);
  return std::nullopt;
}

}  // namespace convneat
