// Hostile inputs for every loader of outside data: truncated, bit-flipped and garbage files
// get the loader's documented error type (ConfigError, CheckpointError, std::runtime_error
// for datasets), never a crash or another exception. The fuzz targets (fuzz/) search the
// same ground at random; their findings become cases here.
#include <catch2/catch.hpp>

#include <functional>
#include <random>
#include <sstream>

#include "cli_support.hpp"
#include "experiments/champion_file.hpp"
#include "experiments/compare/compare_spec.hpp"
#include "experiments/config_file.hpp"
#include "experiments/tasks/gzip_file.hpp"
#include "experiments/tasks/image_datasets.hpp"
#include "neat/checkpoint.hpp"
#include "neat/config_schema.hpp"

using namespace convneat;
using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

using Loader = std::function<void(const std::string&)>;

// How `load` answered `bytes`: "loaded", "refused" (the documented Error) or the other
// exception's message, which is a finding.
template <class Error>
std::string answer(const Loader& load, const std::string& bytes) {
  try {
    load(bytes);
    return "loaded";
  } catch (const Error&) {
    return "refused";
  } catch (const std::exception& other) {
    return std::string("other exception: ") + other.what();
  }
}

// Damaged versions of `good`: cut short at 40 places, 40 single bit flips, and 20 strings of
// random bytes; all made from a fixed seed.
std::vector<std::string> damaged_versions(const std::string& good) {
  std::vector<std::string> versions;
  std::mt19937 random(12);
  for (std::size_t i = 0; i < 40; ++i) versions.push_back(good.substr(0, good.size() * i / 40));
  for (std::size_t i = 0; i < 40 && !good.empty(); ++i) {
    std::string flipped = good;
    flipped[random() % flipped.size()] ^= static_cast<char>(1u << (random() % 8));
    versions.push_back(flipped);
  }
  for (std::size_t i = 0; i < 20; ++i) {
    std::string garbage(random() % 300, '\0');
    for (char& c : garbage) c = static_cast<char>(random());
    versions.push_back(garbage);
  }
  return versions;
}

// Every damaged version of `good` is refused with Error or (a cut at a row's end, a flip
// inside a number) still loads; nothing else happens.
template <class Error>
void check_damage_is_refused(const std::string& good, const Loader& load) {
  REQUIRE(answer<Error>(load, good) == "loaded");
  for (const std::string& bytes : damaged_versions(good)) {
    INFO("input of " << bytes.size() << " bytes");
    CHECK_THAT(answer<Error>(load, bytes), Catch::Equals("refused") || Catch::Equals("loaded"));
  }
}

std::string big_endian(std::uint32_t value) {
  std::string bytes(4, '\0');
  for (int i = 3; i >= 0; --i, value >>= 8) bytes[static_cast<std::size_t>(i)] = static_cast<char>(value & 0xff);
  return bytes;
}

std::string idx_file(std::uint32_t magic, std::initializer_list<std::uint32_t> dimensions, std::size_t cells) {
  std::string bytes = big_endian(magic);
  for (std::uint32_t d : dimensions) bytes += big_endian(d);
  for (std::size_t i = 0; i < cells; ++i) bytes += static_cast<char>(i % 10);
  return bytes;
}

// A champion and a checkpoint of a short XOR run, made once for all cases.
struct XorRun {
  ScratchDirectory scratch{"hostile-inputs"};
  std::string champion, checkpoint;
  XorRun() {
    const CliResult result = run_cli("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json") +
                                     " --generations 3 --set population.size=20 --set stop.when_solved=false"
                                     " --set output.checkpoint_format=json --out " +
                                     shell_quote((scratch / "run").string()));
    REQUIRE(result.exit_code == 0);
    champion = read_text(scratch / "run" / "champion.json");
    checkpoint = read_text(scratch / "run" / "checkpoint.json");
  }
};

const XorRun& xor_run() {
  static const XorRun run;
  return run;
}

}  // namespace

TEST_CASE("damaged experiment configs are refused with a ConfigError") {
  check_damage_is_refused<ConfigError>(read_text(CONVNEAT_SOURCE_DIR "/experiments/configs/digits_centroid.json"),
                                       [](const std::string& text) { load_experiment_text(text, "config.json"); });
}

TEST_CASE("damaged champion files are refused with a ConfigError") {
  check_damage_is_refused<ConfigError>(xor_run().champion, [](const std::string& text) {
    champion_from_document(parse_json_text(text, "champion.json", kChampionLimits), "champion.json");
  });
}

TEST_CASE("damaged checkpoints are refused with a CheckpointError") {
  check_damage_is_refused<CheckpointError>(
      xor_run().checkpoint, [](const std::string& text) { read_checkpoint_text(text, "checkpoint.json"); });
}

TEST_CASE("damaged compare specs are refused with a ConfigError") {
  const fs::path spec = CONVNEAT_SOURCE_DIR "/experiments/compare/innovation_policies.json";
  check_damage_is_refused<ConfigError>(read_text(spec), [&](const std::string& text) {
    compare::compare_spec_from_document(parse_json_text(text, spec.string(), kCompareSpecLimits), spec);
  });
}

TEST_CASE("damaged IDX files are refused with a std::runtime_error") {
  const std::string images = idx_file(0x803, {3, 4, 5}, 60), labels = idx_file(0x801, {3}, 3);
  check_damage_is_refused<std::runtime_error>(
      images, [&](const std::string& bytes) { idx_pair_from_bytes(bytes, "images", labels, "labels", 10); });
  check_damage_is_refused<std::runtime_error>(
      labels, [&](const std::string& bytes) { idx_pair_from_bytes(images, "images", bytes, "labels", 10); });
}

TEST_CASE("damaged digits CSV files are refused with a std::runtime_error") {
  std::string rows;
  for (int r = 0; r < 4; ++r) {
    for (int i = 0; i < 64; ++i) rows += std::to_string((r + i) % 17) + ",";
    rows += std::to_string(r) + "\n";
  }
  check_damage_is_refused<std::runtime_error>(
      rows, [](const std::string& text) { digits_from_csv_text(text, "digits.csv"); });
}

TEST_CASE("damaged gzip streams are refused with a std::runtime_error") {
  ScratchDirectory scratch("hostile-gzip");
  write_text(scratch / "rows.csv", std::string(2000, '7'));
  REQUIRE(std::system(("gzip -f -n " + shell_quote((scratch / "rows.csv").string())).c_str()) == 0);
  check_damage_is_refused<std::runtime_error>(read_text(scratch / "rows.csv.gz"), [](const std::string& bytes) {
    std::istringstream in(bytes);
    read_maybe_gzipped(in, true, "rows.csv.gz", kMaxDatasetBytes);
  });
}

TEST_CASE("IDX images without pixels or of absurd size are refused even when there are none") {
  const std::string no_labels = idx_file(0x801, {0}, 0);
  for (const auto& [rows, columns] : {std::pair{0u, 5u}, {5u, 0u}, {4294967295u, 4294967295u}}) {
    INFO(rows << "x" << columns);
    CHECK_THROWS_WITH(idx_pair_from_bytes(idx_file(0x803, {0, rows, columns}, 0), "images", no_labels, "labels", 10),
                      Catch::Contains("pixels are not plausible"));
  }
}
