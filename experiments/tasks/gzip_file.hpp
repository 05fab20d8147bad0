#pragma once
// Whole-file reading with transparent gzip decompression (Boost.Iostreams), for the dataset
// loaders. Files whose name ends in ".gz" are decompressed; others are read as they are.
#include <cstddef>
#include <filesystem>
#include <istream>
#include <string>

namespace convneat {

// Throws std::runtime_error naming the file when it cannot be opened or is not valid gzip,
// or when it decompresses to more than `max_bytes` (a guard against hostile files).
std::string read_maybe_gzipped(const std::filesystem::path& path, std::size_t max_bytes);

// The same for bytes from a stream; `name` names them in messages.
std::string read_maybe_gzipped(std::istream& in, bool gzipped, const std::string& name, std::size_t max_bytes);

}  // namespace convneat
