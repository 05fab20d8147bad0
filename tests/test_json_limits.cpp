// Input limits (neat/json_limits.hpp): files above the size limit and JSON nested deeper
// than the depth limit are refused before parsing, with a message naming the file and the
// limit; whole numbers read from JSON never wrap round or overflow.
#include <catch2/catch.hpp>

#include <sstream>

#include "cli_support.hpp"
#include "experiments/champion_file.hpp"
#include "experiments/compare/compare_spec.hpp"
#include "experiments/config_file.hpp"
#include "experiments/tasks/gzip_file.hpp"
#include "experiments/tasks/image_datasets.hpp"
#include "genome/json_fields.hpp"
#include "neat/checkpoint.hpp"
#include "neat/config_schema.hpp"
#include "neat/json_limits.hpp"

using namespace convneat;
using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// A file of `bytes` bytes that takes no room on disk (sparse), to test limits of gigabytes.
void write_sparse(const fs::path& path, std::uintmax_t bytes) {
  write_text(path, "");
  fs::resize_file(path, bytes);
}

template <class Error>
std::string error_of(const std::function<void()>& load) {
  try {
    load();
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("the nesting depth counts arrays and objects, not brackets inside strings") {
  CHECK(json_nesting_depth("1") == 0);
  CHECK(json_nesting_depth(R"({"a": [1, {"b": []}]})") == 4);
  CHECK(json_nesting_depth(R"({"a": "[[[{{{"})") == 1);
  CHECK(json_nesting_depth(R"(["\"[[[", "\\", [2]])") == 2);
  CHECK(json_nesting_depth("]]]][[") == 2);  // malformed text is the parser's to report
}

TEST_CASE("the limits are those documented in docs/hardening.md") {
  CHECK(kConfigLimits.max_bytes == 16 * kMebibyte);
  CHECK(kCompareSpecLimits.max_bytes == 16 * kMebibyte);
  CHECK(kChampionLimits.max_bytes == 256 * kMebibyte);
  CHECK(kCheckpointLimits.max_bytes == 2048 * kMebibyte);
  CHECK(kMaxDatasetBytes == 256 * kMebibyte);
  CHECK(kMaxJsonDepth == 64);
}

TEST_CASE("JSON nested deeper than 64 levels is refused, naming the file and the limit") {
  CHECK_NOTHROW(parse_json_text(nested_arrays(64), "deep.json", kConfigLimits));
  CHECK(error_of<ConfigError>([] { parse_json_text(nested_arrays(65), "deep.json", kConfigLimits); }) ==
        "deep.json: JSON nested more than 64 levels deep, the limit for a config file");
  CHECK(error_of<CheckpointError>([] { read_checkpoint_text(nested_arrays(100000), "deep.json"); }) ==
        "deep.json: JSON nested more than 64 levels deep, the limit for a checkpoint");
  ScratchDirectory scratch("json-depth");
  write_text(scratch / "spec.json", nested_arrays(1000));
  CHECK(error_of<ConfigError>([&] { compare::load_compare_spec(scratch / "spec.json"); }) ==
        (scratch / "spec.json").string() + ": JSON nested more than 64 levels deep, the limit for a compare spec");
}

TEST_CASE("files above the size limit are refused before they are read, naming the file and the limit") {
  ScratchDirectory scratch("json-size");
  const fs::path config = scratch / "big.json", champion = scratch / "champion.json",
                 checkpoint = scratch / "checkpoint.json";
  write_sparse(config, 16 * kMebibyte + 1);
  write_sparse(champion, 256 * kMebibyte + 1);
  write_sparse(checkpoint, 2048 * kMebibyte + 1);
  CHECK(error_of<ConfigError>([&] { load_experiment(config); }) ==
        config.string() + ": larger than 16 MiB, the limit for a config file");
  CHECK(error_of<ConfigError>([&] { load_champion(champion); }) ==
        champion.string() + ": larger than 256 MiB, the limit for a champion file");
  CHECK(error_of<CheckpointError>([&] { read_checkpoint(checkpoint); }) ==
        checkpoint.string() + ": larger than 2048 MiB, the limit for a checkpoint");
  CHECK(error_of<ConfigError>([&] {
          parse_json_text(std::string(101, ' '), "t.json", {"test file", 100, 64});
        }) == "t.json: larger than 100 bytes, the limit for a test file");
}

TEST_CASE("a stream is read no further than its limit") {
  std::istringstream in(std::string(1000, 'x'));
  CHECK_FALSE(read_at_most(in, 999).has_value());
  std::istringstream exact(std::string(1000, 'x'));
  CHECK(read_at_most(exact, 1000).value().size() == 1000);
}

TEST_CASE("a dataset file that decompresses above its limit is refused, naming the file") {
  std::istringstream in(std::string(5000, '0'));
  CHECK(error_of<std::runtime_error>([&] { read_maybe_gzipped(in, false, "digits.csv", 4096); }) ==
        "digits.csv: larger than 4096 bytes, the limit for a dataset file");
}

TEST_CASE("a number beyond double in a config is malformed JSON, not another error") {
  CHECK(error_of<ConfigError>([] { parse_json_text(R"({"seed": 1e400})", "x.json", kConfigLimits); }) ==
        "x.json: malformed JSON: number overflow parsing '1e400'");
}

TEST_CASE("whole numbers read from JSON never overflow or wrap round") {
  using nlohmann::json;
  CHECK(whole_number<std::size_t>(json(std::int64_t{5}), "/n") == 5);  // a signed 5 is still 5
  CHECK(whole_number<std::uint64_t>(json::parse("18446744073709551615"), "/n") == 18446744073709551615u);
  CHECK(whole_number<std::int32_t>(json(-3), "/n") == -3);
  CHECK_THROWS_WITH(whole_number<std::size_t>(json::parse("1e300"), "/nodes/0/id"),
                    "/nodes/0/id: expected a whole number in [0, 18446744073709551615], got 1e+300");
  CHECK_THROWS_WITH(whole_number<std::size_t>(json(-1), "/generation"),
                    "/generation: expected a whole number in [0, 18446744073709551615], got -1");
  CHECK_THROWS_WITH(whole_number<std::uint32_t>(json(5000000000u), "/n"),
                    "/n: expected a whole number in [0, 4294967295], got 5000000000");
  CHECK_THROWS_WITH(whole_number<std::size_t>(json(2.5), "/n"), Catch::Contains("got 2.5"));
  CHECK_THROWS_WITH(whole_numbers<std::size_t>(json::parse("[1, -2]"), "/members"), Catch::StartsWith("/members/1:"));
  CHECK_THROWS_WITH(field<std::uint64_t>(json::parse(R"({"id": "7"})"), "id", "/nodes/3"),
                    Catch::StartsWith("/nodes/3/id: expected a whole number"));
}
