// /vector_units: a config that names wide vector units runs in convneat-avx2 or convneat-avx512
// (built beside convneat), whose results are the same for any number of threads on that path
// and are not the portable path's; the champion records the path. A resume on another path,
// a comparison mixing paths, a processor without the units and a binary missing are refused
// with one line naming /vector_units.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "experiments/vector_units.hpp"

using namespace convneat;
using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

const std::string kXorPath = CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json";
const std::string kXor = shell_quote(kXorPath);
// A spatial task (convolution, pooling, float GEMMs) small enough for a few seconds.
const std::string kSpatial = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/aligned_parts_shared.json") +
                             " --set population.size=40 --set stop.when_solved=false --generations 4";

CliResult spatial_run(const std::string& units, int threads, const fs::path& out) {
  return run_cli("run " + kSpatial + " --set vector_units=" + units + " --threads " + std::to_string(threads) +
                 " --out " + quoted(out));
}

}  // namespace

TEST_CASE("an unknown /vector_units is refused, naming the key and the choices", "[vector_units]") {
  const CliResult result = run_cli("run " + kXor + " --set vector_units=sse9 --generations 2");
  CHECK(result.exit_code != 0);
  CHECK_THAT(result.output, Catch::Contains("/vector_units") &&
                                Catch::Contains("expected one of \"portable\", \"avx2\", \"avx512\""));
}

TEST_CASE("a run on wide vector units is the same for 1 and 2 threads, differs from portable and says its path",
          "[vector_units]") {
  ScratchDirectory scratch("vector-units");
  REQUIRE(spatial_run("portable", 2, scratch / "portable").exit_code == 0);
  for (const std::string units : {"avx2", "avx512"}) {
    INFO(units);
    const CliResult one = spatial_run(units, 1, scratch / (units + "-1"));
    if (!processor_supports(*kVectorUnits.parse(units))) {  // checked before the binary is looked for
      CHECK(one.exit_code != 0);
      CHECK_THAT(one.output, Catch::Contains("/vector_units") && Catch::Contains("this processor lacks"));
      continue;
    }
#ifdef CONVNEAT_HAS_WIDE_BUILDS
    INFO(one.output);
    REQUIRE(one.exit_code == 0);
    CHECK_THAT(one.output, Catch::Contains("vector units: " + units));
    REQUIRE(spatial_run(units, 2, scratch / (units + "-2")).exit_code == 0);
    const std::string rows = deterministic_rows(scratch / (units + "-1") / "generations.csv");
    CHECK(rows == deterministic_rows(scratch / (units + "-2") / "generations.csv"));
    // Other kernels, other roundings: the wide binary really ran.
    CHECK(rows != deterministic_rows(scratch / "portable" / "generations.csv"));
    const auto champion = nlohmann::json::parse(read_text(scratch / (units + "-1") / "champion.json"));
    CHECK(champion.at("vector_units") == units);
#else
    CHECK(one.exit_code != 0);
    CHECK_THAT(one.output, Catch::Contains("convneat-" + units + " was not built"));
#endif
  }
  const auto portable = nlohmann::json::parse(read_text(scratch / "portable" / "champion.json"));
  CHECK(portable.at("vector_units") == "portable");
}

TEST_CASE("a resume on other vector units than the checkpoint's is refused", "[vector_units]") {
  ScratchDirectory scratch("vector-units-resume");
  run_ok("run " + kXor + " --set stop.when_solved=false --generations 3 --out " + quoted(scratch / "run"));
  const fs::path checkpoint = scratch / "run" / "checkpoint.cbor";
  REQUIRE(fs::exists(checkpoint));
  const CliResult result = run_cli("run --resume " + quoted(checkpoint) + " --generations 6 --set vector_units=avx2");
  CHECK(result.exit_code == 2);  // refused before any other binary is looked for
  CHECK_THAT(result.output,
             Catch::Contains("/vector_units: the checkpoint was made with \"portable\", got \"avx2\""));
}

TEST_CASE("a comparison runs on its variants' vector units, which must be the same for all", "[vector_units]") {
  ScratchDirectory scratch("vector-units-compare");
  const auto spec = [](const std::string& first_variant_units) {
    return R"({"tasks": [")" + kXorPath + R"("], "set": {"population.size": 40, "stop.max_generations": 5},
      "variants": [{"name": "a", "set": {"vector_units": ")" + first_variant_units + R"("}},
                   {"name": "b", "set": {"vector_units": "avx2"}}], "seeds": 2})";
  };
  write_text(scratch / "mixed.json", spec("portable"));
  const CliResult refused = run_cli("compare " + quoted(scratch / "mixed.json") + " --out " + quoted(scratch / "m"));
  CHECK(refused.exit_code != 0);
  CHECK_THAT(refused.output, Catch::Contains("/vector_units") && Catch::Contains("every run of a comparison"));
#ifdef CONVNEAT_HAS_WIDE_BUILDS
  if (!processor_supports(VectorUnits::avx2)) return;
  write_text(scratch / "wide.json", spec("avx2"));
  const CliResult ran = run_cli("compare " + quoted(scratch / "wide.json") + " --jobs 2 --out " + quoted(scratch / "w"));
  INFO(ran.output);
  CHECK(ran.exit_code == 0);
  CHECK(line_count(scratch / "w" / "runs.csv") == 5);  // a header and 2 variants × 2 seeds
#endif
}

TEST_CASE("a convneat without its siblings names the binary a wide path needs", "[vector_units]") {
  if (!processor_supports(VectorUnits::avx2)) return;  // the processor check comes first
  ScratchDirectory scratch("vector-units-alone");
  fs::copy_file(CONVNEAT_CLI, scratch / "convneat");
  const CliResult result = run_shell(quoted(scratch / "convneat") + " run " + kXor + " --set vector_units=avx2" +
                                     " --generations 2 --out " + quoted(scratch / "run") + " 2>&1");
  CHECK(result.exit_code != 0);
  CHECK_THAT(result.output, Catch::Contains((scratch / "convneat-avx2").string() + " was not built"));
}
