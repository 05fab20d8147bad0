// Experiment config JSON → resolved config. A config that reads must also read back from its
// resolved form (config.json of a run) to the same resolved form.
#include <cstdlib>

#include "experiments/config_file.hpp"
#include "fuzz/fuzz_input.hpp"
#include "neat/config_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace convneat;
  try {
    const LoadedExperiment loaded = load_experiment_text(fuzz::as_text(data, size), "fuzz.json");
    const nlohmann::json resolved = config_to_json(loaded.config);
    if (config_to_json(config_from_json(resolved, "resolved.json")) != resolved) std::abort();
  } catch (const ConfigError&) {  // the documented answer to a bad config
  }
  return 0;
}
