// An IDX pair (images and labels, raw or gzip-compressed) → image set. Input framing:
// fuzz/fuzz_input.hpp (two_files).
#include <sstream>
#include <stdexcept>

#include "experiments/tasks/gzip_file.hpp"
#include "experiments/tasks/image_datasets.hpp"
#include "fuzz/fuzz_input.hpp"

namespace {

std::string decompressed(const std::string& bytes, bool gzipped, const std::string& name) {
  std::istringstream in(bytes);
  return convneat::read_maybe_gzipped(in, gzipped, name, convneat::kMaxDatasetBytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = convneat::fuzz::two_files(convneat::fuzz::as_text(data, size));
  if (!input) return 0;
  try {
    convneat::idx_pair_from_bytes(decompressed(input->first, input->gzipped, "images.idx3"), "images.idx3",
                                  decompressed(input->second, input->gzipped, "labels.idx1"), "labels.idx1", 10);
  } catch (const std::runtime_error&) {  // the documented answer to a corrupt dataset file
  }
  return 0;
}
