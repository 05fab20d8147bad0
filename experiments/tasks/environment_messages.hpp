#pragma once
// The environment protocol's messages (docs/environments.md), as the environment task reads
// and writes them: a worker's answer line parsed and checked field by field, each failure a
// WorkerError naming the worker, the line and what was expected; and the two ways a worker may
// ask its vectors to travel: JSON arrays, or base64 strings of little-endian float64 values.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/tasks/worker_process.hpp"

namespace convneat {

// The "encoding" of a worker's spaces answer.
enum class NumberEncoding { json, base64 };

// A worker's line as messages show it: in JSON quotes, shortened when long.
std::string shown(const std::string& line);

// Sends `request`, waits at most `timeout_seconds` for the answer line (kept in `line`, for
// messages) and parses it; an answer that is not JSON is a WorkerError.
nlohmann::json ask(WorkerProcess& worker, const nlohmann::json& request, double timeout_seconds, std::string& line);

// The same for a request already written as a line, whose answer may carry long base64
// strings as the top-level `bulky` fields: their text is lifted out before the JSON parser
// sees the line (it would copy them a character at a time) and put back whole, giving what a
// plain parse gives.
nlohmann::json ask(WorkerProcess& worker, const std::string& request, double timeout_seconds, std::string& line,
                   std::span<const char* const> bulky);

// The line parsed as JSON, `bulky` fields lifted out first as `ask` does; discarded (see
// nlohmann::json::is_discarded) when the line is not JSON.
nlohmann::json parse_answer(const std::string& line, std::span<const char* const> bulky);

// {"type": TYPE, FIELD: VALUE} as a line, VALUE (encode_numbers) written without a second pass
// over a long base64 string.
std::string request_line(const char* type, const char* field, const nlohmann::json& value);

// `values` as the worker reads them: an array of numbers, or a base64 string of their
// little-endian float64 bytes.
nlohmann::json encode_numbers(std::span<const double> values, NumberEncoding encoding);

// The answer's `field`: `count` numbers in the encoding (a flat array, rows one after the other).
std::vector<double> numbers_field(const nlohmann::json& answer, const char* field, std::size_t count,
                                  NumberEncoding encoding, const WorkerProcess& worker, const std::string& line);

// The answer's `field`: `count` truth values, an array of true/false, or base64 of one byte
// each, 0 or 1.
std::vector<bool> flags_field(const nlohmann::json& answer, const char* field, std::size_t count,
                              NumberEncoding encoding, const WorkerProcess& worker, const std::string& line);

}  // namespace convneat
