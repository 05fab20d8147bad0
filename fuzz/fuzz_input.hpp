#pragma once
// What the fuzz targets share: libFuzzer's bytes as text, and the framing of inputs made of
// several files. Every target catches exactly the error types its loader documents for bad
// input; anything else (a crash, undefined behaviour, another exception type) is a finding.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace convneat::fuzz {

inline std::string as_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// A dataset input: one flag byte (bit 0: the files are gzip-compressed; raw files let the
// fuzzer reach the format checks, which a gzip CRC would otherwise guard), then the files.
struct DatasetInput {
  bool gzipped = false;
  std::string first;   // the only file, or the images of an IDX pair
  std::string second;  // the labels of an IDX pair
};

// Splits `bytes` as [flags][first]: a single file.
inline std::optional<DatasetInput> one_file(const std::string& bytes) {
  if (bytes.empty()) return std::nullopt;
  return DatasetInput{(bytes[0] & 1) != 0, bytes.substr(1), {}};
}

// Splits `bytes` as [flags][4-byte big-endian length L][first: L bytes][second].
inline std::optional<DatasetInput> two_files(const std::string& bytes) {
  if (bytes.size() < 5) return std::nullopt;
  std::size_t length = 0;
  for (std::size_t i = 1; i < 5; ++i) length = (length << 8) | static_cast<unsigned char>(bytes[i]);
  if (length > bytes.size() - 5) return std::nullopt;
  return DatasetInput{(bytes[0] & 1) != 0, bytes.substr(5, length), bytes.substr(5 + length)};
}

}  // namespace convneat::fuzz
