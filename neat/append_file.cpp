#include "neat/append_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace convneat {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const char* what, int error) {
  std::string message = path.string();
  message += ": cannot ";
  message += what;
  message += ": ";
  message += std::strerror(error);
  throw std::runtime_error(message);
}

}  // namespace

AppendFile::AppendFile(std::filesystem::path path) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) fail(path_, "open for writing", errno);
}

AppendFile::AppendFile(AppendFile&& other) noexcept : path_(std::move(other.path_)), fd_(other.fd_) { other.fd_ = -1; }

AppendFile::~AppendFile() {
  if (fd_ >= 0) ::close(fd_);
}

void AppendFile::append(std::string_view record) {
  while (!record.empty()) {
    const ssize_t written = ::write(fd_, record.data(), record.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) fail(path_, "write", written < 0 ? errno : ENOSPC);
    record.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace convneat
