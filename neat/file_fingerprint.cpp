#include "neat/file_fingerprint.hpp"

#include <array>
#include <fstream>

namespace convneat {

void FileFingerprint::add(std::string_view text) {
  crc_.process_bytes(text.data(), text.size());
  bytes_ += text.size();
}

nlohmann::json FileFingerprint::to_json() const { return {{"bytes", bytes_}, {"crc32", crc_.checksum()}}; }

bool FileFingerprint::file_begins_with(const std::filesystem::path& path, const nlohmann::json& fingerprint) {
  if (!fingerprint.is_object() || !fingerprint.contains("bytes") || !fingerprint.contains("crc32") ||
      !fingerprint["bytes"].is_number_unsigned() || !fingerprint["crc32"].is_number_unsigned())
    return false;
  std::uint64_t left = fingerprint["bytes"].get<std::uint64_t>();
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  FileFingerprint read;
  std::array<char, 1 << 16> buffer{};
  while (left > 0) {
    const auto wanted = static_cast<std::streamsize>(std::min<std::uint64_t>(left, buffer.size()));
    file.read(buffer.data(), wanted);
    if (file.gcount() != wanted) return false;
    read.add(std::string_view(buffer.data(), static_cast<std::size_t>(wanted)));
    left -= static_cast<std::uint64_t>(wanted);
  }
  return read.to_json() == fingerprint;
}

}  // namespace convneat
