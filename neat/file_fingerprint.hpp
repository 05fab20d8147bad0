#pragma once
// How many bytes were written to a file and their CRC-32, kept up to date as records are
// appended. A checkpoint stores the fingerprints of the statistics files as they stood when
// it was written; a resume then checks that the rows it continues are the same rows — not
// another run's that wrote into the directory since, nor a file cut short.
#include <cstdint>
#include <filesystem>
#include <string_view>

#include <boost/crc.hpp>
#include <nlohmann/json.hpp>

namespace convneat {

class FileFingerprint {
 public:
  void add(std::string_view text);
  // {"bytes": N, "crc32": C}
  nlohmann::json to_json() const;
  // Whether the file at `path` begins with the bytes `fingerprint` (a to_json()) describes.
  // A file shorter than that, unreadable or missing does not.
  static bool file_begins_with(const std::filesystem::path& path, const nlohmann::json& fingerprint);

 private:
  std::uint64_t bytes_ = 0;
  boost::crc_32_type crc_;
};

}  // namespace convneat
