// Champion JSON → genome, checked and compiled into a network that is activated once, as
// `convneat eval` and `convneat export` would.
#include <vector>

#include "experiments/champion_file.hpp"
#include "experiments/config_file.hpp"
#include "fuzz/fuzz_input.hpp"
#include "nets/compile_network.hpp"
#include "neat/config_schema.hpp"

namespace {

constexpr std::size_t kMaxActivatedInputs = 1 << 16;  // a bigger network is fine, but slow to fuzz

void activate_once(const convneat::Champion& champion) {
  const auto network = convneat::compile_network(champion.genome, champion.phenotype);
  if (network->input_count() > kMaxActivatedInputs) return;
  std::vector<double> inputs(network->input_count(), 0.5), outputs(network->output_count());
  network->activate(inputs, outputs);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace convneat;
  try {
    const nlohmann::json document = parse_json_text(fuzz::as_text(data, size), "champion.json", kChampionLimits);
    activate_once(champion_from_document(document, "champion.json"));
  } catch (const ConfigError&) {  // the documented answer to a bad champion file
  }
  return 0;
}
