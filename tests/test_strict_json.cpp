// Duplicate keys (neat/strict_json.hpp): a key repeated in one object is refused, naming its
// JSON pointer and the file, in every JSON file ConvNEAT reads; nlohmann_json alone would
// keep the last value without a word.
#include <catch2/catch.hpp>

#include "cli_support.hpp"
#include "neat/checkpoint.hpp"
#include "neat/config_schema.hpp"
#include "neat/strict_json.hpp"

using namespace convneat;
using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

std::string duplicate_pointer(const std::string& text) {
  try {
    parse_json_refusing_duplicate_keys(text);
  } catch (const DuplicateKeyError& error) {
    return error.pointer;
  }
  return "no duplicate";
}

// Runs the CLI on a file holding `text`, at `relative` inside a fresh directory, from that
// directory, so the message can name the path as given.
CliResult run_in(const ScratchDirectory& scratch, const std::string& relative, const std::string& text,
                 const std::string& arguments) {
  fs::create_directories((scratch / relative).parent_path());
  write_text(scratch / relative, text);
  return run_cli(arguments, "cd " + shell_quote(scratch.path().string()) + " && ");
}

}  // namespace

TEST_CASE("a repeated key is named by its JSON pointer, at any depth") {
  CHECK(duplicate_pointer(R"({"seed": 1, "seed": 2})") == "/seed");
  CHECK(duplicate_pointer(R"({"population": {"size": 150, "innovation_policy": "fresh", "size": 10}})") ==
        "/population/size");
  CHECK(duplicate_pointer(R"({"a": [{}, {"b": [0, {"c/d": 1, "c/d": 2}]}]})") == "/a/1/b/1/c~1d");
  CHECK(duplicate_pointer(R"({"a": {"x": 1}, "b": {"x": 1}, "c": [{"x": 1}, {"x": 1}]})") == "no duplicate");
}

TEST_CASE("the duplicate-refusing parser reads what nlohmann_json reads and refuses what it refuses") {
  const std::string text = R"({"a": [1, -2, 3.5, "s", true, false, null, {}, []], "b": {"c": {"d": 18446744073709551615}}})";
  CHECK(parse_json_refusing_duplicate_keys(text) == nlohmann::json::parse(text));
  CHECK(parse_json_refusing_duplicate_keys("7") == 7);
  CHECK_THROWS_AS(parse_json_refusing_duplicate_keys(R"({"a": 1,})"), nlohmann::json::parse_error);
  CHECK_THROWS_AS(parse_json_refusing_duplicate_keys("{} {}"), nlohmann::json::parse_error);
  CHECK_THROWS_AS(parse_json_refusing_duplicate_keys("[1e400]"), nlohmann::json::out_of_range);
}

TEST_CASE("a config with a key twice is refused naming the key and the file as given") {
  ScratchDirectory scratch("duplicate-config");
  const CliResult result = run_in(scratch, "sub/dir/cfg.json",
                                  R"({"population": {"size": 150, "size": 10}, "task": {"name": "xor"}})",
                                  "run sub/dir/cfg.json --out out");
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("sub/dir/cfg.json: /population/size: duplicate key"));
  CHECK(std::count(result.output.begin(), result.output.end(), '\n') == 1);
  CHECK_FALSE(fs::exists(scratch / "out"));
}

TEST_CASE("a compare spec with a key twice is refused naming the key and the file as given") {
  ScratchDirectory scratch("duplicate-spec");
  const std::string spec = R"({"tasks": [")" CONVNEAT_SOURCE_DIR R"(/experiments/configs/xor.json"],
    "variants": [{"name": "a", "set": {}}], "seeds": 3, "seeds": 1})";
  const CliResult result = run_in(scratch, "specs/spec.json", spec, "compare specs/spec.json --out out");
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("specs/spec.json: /seeds: duplicate key"));
  CHECK_FALSE(fs::exists(scratch / "out"));
}

TEST_CASE("a champion with a key twice is refused naming the key and the file as given") {
  ScratchDirectory scratch("duplicate-champion");
  const std::string champion = R"({"format": "convneat-champion", "feed_forward": true, "feed_forward": false,
    "task": {"name": "xor"}, "genome": {}})";
  const CliResult result = run_in(scratch, "run/champion.json", champion, "eval run/champion.json");
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("run/champion.json: /feed_forward: duplicate key"));
}

TEST_CASE("a checkpoint with a key twice is refused naming the key and the file") {
  const std::string checkpoint =
      R"({"format": "convneat-checkpoint", "version": 1, "crc32": 0, "payload": {"seconds": 1, "seconds": 2}})";
  CHECK_THROWS_WITH(read_checkpoint_text(checkpoint, "run/checkpoint.json"),
                    Catch::StartsWith("run/checkpoint.json: /payload/seconds: duplicate key"));
}
