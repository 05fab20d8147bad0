#pragma once
// Writes a whole file so that a reader — or a process killed at any moment — sees either
// the old content or the new, never a mix: write a temporary file beside it, fsync, rename.
#include <filesystem>
#include <string_view>

namespace convneat {

// Throws std::runtime_error naming the file (e.g. disk full, read-only directory); the
// previous file, if any, is left untouched.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace convneat
