#pragma once
// A file that grows by whole records (statistics rows), each handed to the kernel at once
// with write(2), so a process killed between records leaves every earlier record intact,
// and a failing write (disk full, read-only file system) is reported with the file's name
// and the system's reason instead of being lost in a stream's error flag.
#include <filesystem>
#include <string_view>

namespace convneat {

class AppendFile {
 public:
  // Opens `path` for appending, creating it if missing; throws std::runtime_error naming it.
  explicit AppendFile(std::filesystem::path path);
  AppendFile(AppendFile&& other) noexcept;
  AppendFile& operator=(AppendFile&&) = delete;
  AppendFile(const AppendFile&) = delete;
  AppendFile& operator=(const AppendFile&) = delete;
  ~AppendFile();

  // Appends `record` whole; throws std::runtime_error ("FILE: cannot write: No space left on
  // device") when the system refuses any of it.
  void append(std::string_view record);

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace convneat
