// The 8x8 digits CSV (raw or gzip-compressed) → image set. Input framing:
// fuzz/fuzz_input.hpp (one_file).
#include <sstream>
#include <stdexcept>

#include "experiments/tasks/gzip_file.hpp"
#include "experiments/tasks/image_datasets.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = convneat::fuzz::one_file(convneat::fuzz::as_text(data, size));
  if (!input) return 0;
  try {
    std::istringstream in(input->first);
    const std::string text = convneat::read_maybe_gzipped(in, input->gzipped, "digits.csv", convneat::kMaxDatasetBytes);
    convneat::digits_from_csv_text(text, "digits.csv");
  } catch (const std::runtime_error&) {  // the documented answer to a corrupt dataset file
  }
  return 0;
}
