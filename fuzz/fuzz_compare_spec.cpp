// Compare spec JSON → checked spec (every task and variant built once). Relative config
// paths start at experiments/compare/ of the source tree, so the shipped specs are seeds.
#include <cstdio>

#include "experiments/compare/compare_spec.hpp"
#include "experiments/config_file.hpp"
#include "fuzz/fuzz_input.hpp"
#include "neat/config_schema.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // A spec may name any file as a config; /dev/stdin must not block the fuzzer.
  if (!std::freopen("/dev/null", "r", stdin)) return 1;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace convneat;
  const std::filesystem::path file = std::filesystem::path(CONVNEAT_SOURCE_DIR) / "experiments/compare/fuzz.json";
  try {
    const nlohmann::json document = parse_json_text(fuzz::as_text(data, size), file.string(), kCompareSpecLimits);
    compare::compare_spec_from_document(document, file);
  } catch (const ConfigError&) {  // the documented answer to a bad spec
  }
  return 0;
}
