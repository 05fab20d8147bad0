#include "experiments/tasks/environment_messages.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <optional>
#include <utility>

#include "experiments/tasks/base64.hpp"
#include "genome/message_excerpt.hpp"

namespace convneat {
namespace {

// The protocol's bytes are little-endian whatever the machine.
void to_little_endian(unsigned char* bytes) {
  if constexpr (std::endian::native == std::endian::big) std::reverse(bytes, bytes + sizeof(double));
}

// "\"field\"", built by append: GCC 12 warns falsely (-Wrestrict) on "\"" + string.
std::string quoted(const char* field) {
  std::string text = "\"";
  text += field;
  text += '"';
  return text;
}

WorkerError refusal(const WorkerProcess& worker, const std::string& line, const std::string& expected) {
  return WorkerError(worker.name() + ": answered " + shown(line) + "; expected " + expected);
}

// The field's decoded base64 bytes, exactly `size` of them.
std::vector<unsigned char> base64_field(const nlohmann::json& answer, const char* field, std::size_t size,
                                        const std::string& what, const WorkerProcess& worker,
                                        const std::string& line) {
  const std::string expected = quoted(field) + ", base64 of " + what;
  if (!answer.is_object() || !answer.contains(field) || !answer[field].is_string())
    throw refusal(worker, line, "an object with " + expected);
  std::optional<std::vector<unsigned char>> bytes = base64_decode(answer[field].get_ref<const std::string&>());
  if (!bytes || bytes->size() != size) throw refusal(worker, line, expected);
  return std::move(*bytes);
}

const nlohmann::json& array_field(const nlohmann::json& answer, const char* field, std::size_t count,
                                  const std::string& what, const WorkerProcess& worker, const std::string& line) {
  const std::string expected = quoted(field) + ", an array of " + std::to_string(count) + " " + what;
  if (!answer.is_object() || !answer.contains(field) || !answer[field].is_array())
    throw refusal(worker, line, "an object with " + expected);
  if (answer[field].size() != count) throw refusal(worker, line, expected);
  return answer[field];
}

constexpr const char* kBase64Characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

// Where the string value of the top-level key `field` starts and ends in `line` (its first
// occurrence as "field" followed by a colon and a quote), when that string holds base64's
// characters only (so it is valid JSON text as it stands: no escapes, no control characters,
// no other bytes to check as UTF-8): [begin, end) between its quotes. Nothing otherwise;
// parse_answer then checks that the text was that key's value indeed.
std::optional<std::pair<std::size_t, std::size_t>> string_value(const std::string& line, const char* field) {
  const std::string key = quoted(field);
  const std::size_t at = line.find(key);
  // Met twice (nested, or a duplicate key): which is the top level's is the parser's to say.
  if (at == std::string::npos || line.find(key, at + 1) != std::string::npos) return std::nullopt;
  std::size_t i = line.find_first_not_of(" \t", at + key.size());
  if (i == std::string::npos || line[i] != ':') return std::nullopt;
  i = line.find_first_not_of(" \t", i + 1);
  if (i == std::string::npos || line[i] != '"') return std::nullopt;
  const std::size_t end = line.find_first_not_of(kBase64Characters, i + 1);
  if (end == std::string::npos || line[end] != '"') return std::nullopt;
  return std::pair{i + 1, end};
}

// The answer's `field`: an array of `count` values of one JSON type (`kind` names it), each
// accepted by `is_kind` and read as T.
template <typename T>
std::vector<T> array_values(const nlohmann::json& answer, const char* field, std::size_t count, const std::string& kind,
                            bool (nlohmann::json::*is_kind)() const noexcept, const WorkerProcess& worker,
                            const std::string& line) {
  const nlohmann::json& array = array_field(answer, field, count, kind, worker, line);
  std::vector<T> values(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (!(array[i].*is_kind)()) throw refusal(worker, line, quoted(field) + " of " + kind + " only");
    values[i] = array[i].get<T>();
  }
  return values;
}

}  // namespace

nlohmann::json parse_answer(const std::string& line, std::span<const char* const> bulky) {
  std::string rest = line;
  std::vector<std::pair<const char*, std::string>> lifted;
  for (const char* field : bulky) {
    const auto value = string_value(rest, field);
    if (!value) continue;
    lifted.emplace_back(field, rest.substr(value->first, value->second - value->first));
    rest.erase(value->first, value->second - value->first);
  }
  nlohmann::json answer = nlohmann::json::parse(rest, nullptr, /*allow_exceptions=*/false);
  // Each lifted text must have been its field's value: the field is now "". Otherwise (the key
  // was met inside another string first, say) the plain parse decides.
  for (auto& [field, text] : lifted) {
    if (!answer.is_object() || !answer.contains(field) || answer[field] != "")
      return nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    answer[field] = std::move(text);
  }
  return answer;
}

std::string request_line(const char* type, const char* field, const nlohmann::json& value) {
  std::string line = R"({"type":)" + nlohmann::json(type).dump() + "," + quoted(field) + ":";
  if (value.is_string()) {  // base64: nothing to escape
    line += '"';
    line += value.get_ref<const std::string&>();
    line += '"';
  } else {
    line += value.dump();
  }
  return line + "}";
}

nlohmann::json ask(WorkerProcess& worker, const std::string& request, double timeout_seconds, std::string& line,
                   std::span<const char* const> bulky) {
  line = worker.exchange(request, std::chrono::duration<double>(timeout_seconds));
  nlohmann::json answer = parse_answer(line, bulky);
  if (answer.is_discarded()) throw WorkerError(worker.name() + ": answered " + shown(line) + ", which is not JSON");
  return answer;
}

std::string shown(const std::string& line) { return excerpt(nlohmann::json(line).dump()); }

nlohmann::json ask(WorkerProcess& worker, const nlohmann::json& request, double timeout_seconds, std::string& line) {
  return ask(worker, request.dump(), timeout_seconds, line, {});
}

nlohmann::json encode_numbers(std::span<const double> values, NumberEncoding encoding) {
  if (encoding == NumberEncoding::json) return nlohmann::json(std::vector<double>(values.begin(), values.end()));
  std::vector<unsigned char> bytes(values.size() * sizeof(double));
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::memcpy(bytes.data() + i * sizeof(double), &values[i], sizeof(double));
    to_little_endian(bytes.data() + i * sizeof(double));
  }
  return base64_encode(bytes);
}

std::vector<double> numbers_field(const nlohmann::json& answer, const char* field, std::size_t count,
                                  NumberEncoding encoding, const WorkerProcess& worker, const std::string& line) {
  std::vector<double> values(count);
  if (encoding == NumberEncoding::base64) {
    std::vector<unsigned char> bytes = base64_field(answer, field, count * sizeof(double),
                                                    std::to_string(count) + " float64 values", worker, line);
    for (std::size_t i = 0; i < count; ++i) {
      to_little_endian(bytes.data() + i * sizeof(double));  // its own inverse: back to the machine's order
      std::memcpy(&values[i], bytes.data() + i * sizeof(double), sizeof(double));
      // JSON has no NaN or infinity, so the plain form cannot carry them; nor may this one.
      if (!std::isfinite(values[i]))
        throw refusal(worker, line, quoted(field) + ", finite float64 values (value " + std::to_string(i) + " is " +
                                        std::to_string(values[i]) + ")");
    }
    return values;
  }
  return array_values<double>(answer, field, count, "numbers", &nlohmann::json::is_number, worker, line);
}

std::vector<bool> flags_field(const nlohmann::json& answer, const char* field, std::size_t count,
                              NumberEncoding encoding, const WorkerProcess& worker, const std::string& line) {
  std::vector<bool> flags(count);
  if (encoding == NumberEncoding::base64) {
    const std::vector<unsigned char> bytes =
        base64_field(answer, field, count, std::to_string(count) + " bytes, each 0 or 1", worker, line);
    for (std::size_t i = 0; i < count; ++i) {
      if (bytes[i] > 1) throw refusal(worker, line, quoted(field) + " bytes of 0 or 1 only");
      flags[i] = bytes[i] == 1;
    }
    return flags;
  }
  return array_values<bool>(answer, field, count, "true or false values", &nlohmann::json::is_boolean, worker, line);
}

}  // namespace convneat
