#pragma once
// Limits on JSON read from outside the process (experiment configs, compare specs,
// champions, checkpoints): a hostile or broken file gets a clear error naming the file and
// the limit, instead of exhausting memory or the stack.
//
// Why a depth limit although nlohmann's parser (3.11) is iterative: dump(), comparison and
// copying of a parsed document recurse once per nesting level, and the checkpoint reader
// dumps its payload to check the CRC, so a document nested 100,000 deep parses fine and then
// overflows the stack. No file we write nests deeper than about 10 levels.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

namespace convneat {

struct JsonLimits {
  const char* kind;  // what the file is, for messages: "config file"
  std::uintmax_t max_bytes;
  std::size_t max_depth;
};

inline constexpr std::uintmax_t kMebibyte = std::uintmax_t{1} << 20;
inline constexpr std::size_t kMaxJsonDepth = 64;
inline constexpr JsonLimits kConfigLimits{"config file", 16 * kMebibyte, kMaxJsonDepth};
inline constexpr JsonLimits kCompareSpecLimits{"compare spec", 16 * kMebibyte, kMaxJsonDepth};
inline constexpr JsonLimits kChampionLimits{"champion file", 256 * kMebibyte, kMaxJsonDepth};
inline constexpr JsonLimits kCheckpointLimits{"checkpoint", 2048 * kMebibyte, kMaxJsonDepth};

// "16 MiB", or "1000 bytes" when not a whole number of MiB.
std::string byte_count_name(std::uintmax_t bytes);

// "<file>: larger than 16 MiB, the limit for a config file"
std::string size_limit_message(const std::string& file, const JsonLimits& limits);

// Whether `path` is a regular file of more than `max_bytes`, asked before reading it.
bool file_larger_than(const std::filesystem::path& path, std::uintmax_t max_bytes);

// Everything `in` holds, or nothing when it holds more than `max_bytes`. Reads at most
// max_bytes + 1 bytes, so /dev/zero or a file still growing cannot exhaust memory.
std::optional<std::string> read_at_most(std::istream& in, std::uintmax_t max_bytes);

// The deepest nesting of arrays and objects in `text`, counting brackets outside strings; a
// cheap pre-scan that needs no valid JSON (malformed text is the parser's to report).
std::size_t json_nesting_depth(std::string_view text);

// "JSON nested more than 64 levels deep, the limit for a config file"
std::string depth_limit_text(const JsonLimits& limits);

// Whether `text` is valid UTF-8, as every string in a JSON document must be (the parser
// refuses a file that is not; text from the command line must be checked).
bool is_valid_utf8(std::string_view text);

// The first limit `text` breaks ("<file>: …" naming the limit), or nothing.
std::optional<std::string> json_limit_problem(std::string_view text, const std::string& file, const JsonLimits& limits);

}  // namespace convneat
