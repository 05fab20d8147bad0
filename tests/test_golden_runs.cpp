// Golden runs: a fixed set of short runs, one per kind of genome and task, whose champion and
// statistics rows must stay byte for byte what they were when tests/golden/ was written. A
// restructuring (moving code, folding duplicates) must leave every run's output as it was;
// these fail at the first changed bit. A change that is meant to alter results regenerates
// them and says so in its commit:
//
//   CONVNEAT_WRITE_GOLDEN=1 build/tests/convneat_tests "[golden]"
#include <catch2/catch.hpp>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "neat/software_version.hpp"

using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

struct GoldenRun {
  std::string name;       // its folder under tests/golden/
  std::string arguments;  // after `convneat run`
};

const fs::path kGolden = CONVNEAT_SOURCE_DIR "/tests/golden";

std::string config(const std::string& name) { return shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/" + name); }

}  // namespace

TEST_CASE("golden runs give the committed champion and statistics rows, byte for byte", "[golden]") {
  const GoldenRun run = GENERATE(
      GoldenRun{"xor_seed1", config("xor.json") + " --seed 1 --generations 12 --set stop.when_solved=false"},
      GoldenRun{"xor_seed2", config("xor.json") + " --seed 2 --generations 12 --set stop.when_solved=false"},
      GoldenRun{"xor_seed3", config("xor.json") + " --seed 3 --generations 12 --set stop.when_solved=false"},
      GoldenRun{"dpnv_seed1", config("double_pole_nv.json") + " --seed 1 --generations 4"},
      GoldenRun{"aligned_parts_centroid_mode_mutation",
                config("aligned_parts_centroid.json") + " --generations 5 --set genome.spatial.mode_mutate_rate=0.2"},
      GoldenRun{"digits_local", config("digits_local.json") + " --generations 3"},
      GoldenRun{"digits_shared", config("digits_shared.json") + " --generations 3"},
      GoldenRun{"digit_pairs_tied_vbn", config("digit_pairs_tied_vbn.json") + " --generations 3"});
  INFO(run.name);
  ScratchDirectory scratch("golden-" + run.name);
  run_ok("run " + run.arguments + " --threads 2 --out " + quoted(scratch / "out"));
  // Without the software that wrote it (its commit changes with every commit); the rest is
  // what the run decided, written as convneat writes it.
  nlohmann::json champion_document = nlohmann::json::parse(read_text(scratch / "out" / "champion.json"));
  CHECK(champion_document.at("software").at("convneat") == convneat::software_version());
  champion_document.erase("software");
  const std::string champion = champion_document.dump(2) + "\n";
  const std::string rows = deterministic_rows(scratch / "out" / "generations.csv");
  const fs::path golden = kGolden / run.name;
  if (std::getenv("CONVNEAT_WRITE_GOLDEN") != nullptr) {
    fs::create_directories(golden);
    write_text(golden / "champion.json", champion);
    write_text(golden / "generations.csv", rows);
    WARN("wrote " << golden.string());
  }
  REQUIRE(fs::exists(golden / "champion.json"));
  CHECK(champion == read_text(golden / "champion.json"));
  CHECK(rows == read_text(golden / "generations.csv"));
}
