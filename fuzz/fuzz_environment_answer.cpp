// A worker's answer line → JSON, as the environment task reads a step_batch answer: the
// base64 fields lifted out before parsing must give exactly what a plain parse gives (or both
// refuse the line), whatever the line holds; and base64 that decodes must encode back to
// bytes that decode the same.
#include <cstdlib>

#include "experiments/tasks/base64.hpp"
#include "experiments/tasks/environment_messages.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace convneat;
  const std::string line = fuzz::as_text(data, size);
  constexpr const char* kFields[] = {"observations", "rewards", "dones"};
  const nlohmann::json lifted = parse_answer(line, kFields);
  const nlohmann::json plain = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (lifted.is_discarded() != plain.is_discarded()) std::abort();
  if (!plain.is_discarded() && lifted != plain) std::abort();
  if (const auto bytes = base64_decode(line)) {
    if (base64_decode(base64_encode(*bytes)) != bytes) std::abort();
  }
  return 0;
}
