// `--set KEY=VALUE` overrides → a config. Each line of the input is one override, split at
// its first '=' as `convneat run --set` splits it, applied in order to the default config
// with apply_override (what --set, --seed, --threads, --generations and compare specs'
// "set" go through). A config the overrides make must read back from its resolved form.
#include <cstdlib>
#include <sstream>

#include "fuzz/fuzz_input.hpp"
#include "neat/config_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace convneat;
  std::istringstream lines(fuzz::as_text(data, size));
  NeatConfig config;
  try {
    for (std::string line; std::getline(lines, line);) {
      const auto equals = line.find('=');
      if (equals == std::string::npos) continue;  // the CLI refuses it before apply_override
      apply_override(config, line.substr(0, equals), line.substr(equals + 1));
    }
    const nlohmann::json resolved = config_to_json(config);
    if (config_to_json(config_from_json(resolved, "resolved.json")) != resolved) std::abort();
  } catch (const ConfigError&) {  // the documented answer to a bad override
  }
  return 0;
}
