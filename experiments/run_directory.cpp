#include "experiments/run_directory.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>

#include "neat/config_schema.hpp"

namespace convneat {
namespace {

namespace fs = std::filesystem;

constexpr const char* kLockFile = ".convneat.lock";

[[noreturn]] void fail(const fs::path& directory, const std::string& what, int error) {
  throw RunDirectoryError(directory.string() + ": " + what + ": " + std::strerror(error));
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  ::gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &parts);
  return text;
}

// The holder's own line, as it wrote it: "pid 123 since … : convneat run xor.json".
std::string holder_of(int lock) {
  char text[512] = {};
  const ssize_t n = ::pread(lock, text, sizeof text - 1, 0);
  std::string holder(text, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!holder.empty() && (holder.back() == '\n' || holder.back() == '\r')) holder.pop_back();
  return holder.empty() ? "another process" : holder;
}

void say_who_holds(int lock, const std::string& holder) {
  constexpr std::size_t kLongest = 200;  // a command line can be long; the message must not be
  const std::string shown = holder.size() > kLongest ? holder.substr(0, kLongest) + "…" : holder;
  const std::string line = "pid " + std::to_string(::getpid()) + " since " + utc_now() + ": " + shown + "\n";
  if (::ftruncate(lock, 0) != 0 || ::pwrite(lock, line.data(), line.size(), 0) < 0) return;  // only a courtesy
}

// Creating and removing a file is what a run does next; doing it now turns a read-only
// or foreign directory into a message that names the directory, not a hidden file in it.
void check_writable(const fs::path& directory) {
  const fs::path probe = directory / ".convneat.write-test";
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail(directory, "cannot write in the output directory", errno);
  ::close(fd);
  ::unlink(probe.c_str());
}

}  // namespace

RunDirectory::RunDirectory(fs::path path, const std::string& holder) : path_(std::move(path)) {
  std::error_code error;
  fs::create_directories(path_, error);
  if (error) fail(path_, "cannot create the output directory", error.value());
  if (!fs::is_directory(path_)) throw RunDirectoryError(path_.string() + ": is not a directory");
  check_writable(path_);
  lock_ = ::open((path_ / kLockFile).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_ < 0) fail(path_, "cannot write in the output directory", errno);
  if (::flock(lock_, LOCK_EX | LOCK_NB) != 0) {
    const int reason = errno;
    const std::string holder_line = holder_of(lock_);
    ::close(lock_);
    if (reason != EWOULDBLOCK) fail(path_, "cannot lock the output directory", reason);
    throw RunDirectoryError(path_.string() + ": in use by another convneat process (" + holder_line +
                            "); wait for it to end, or choose another output directory");
  }
  say_who_holds(lock_, holder);
}

RunDirectory::~RunDirectory() {
  // The lock file stays: removing it would let a process that opened it just before lock a
  // file no longer in the directory while a third one creates and locks a new one.
  if (lock_ >= 0) ::close(lock_);
}

const std::vector<std::string>& run_file_names() {
  static const std::vector<std::string> names = {"config.json",     "generations.csv", "species.csv",
                                                 "selection.csv",   "champion.json",   "champion.dot",
                                                 "pareto_front.csv", "checkpoint.json", "checkpoint.cbor"};
  return names;
}

std::vector<std::string> run_files_in(const fs::path& directory) {
  std::vector<std::string> present;
  std::error_code ignored;
  for (const std::string& name : run_file_names())
    if (fs::exists(directory / name, ignored)) present.push_back(name);
  return present;
}

void claim_for_new_run(const fs::path& directory, bool overwrite) {
  const std::vector<std::string> present = run_files_in(directory);
  if (present.empty()) return;
  if (!overwrite) {
    std::string listed;
    for (const std::string& name : present) listed += (listed.empty() ? "" : ", ") + name;
    throw ConfigError(directory.string() + ": holds another run's files (" + listed +
                      "); choose another directory with --out DIR, or add --overwrite to replace that run");
  }
  for (const std::string& name : present) {
    std::error_code error;
    fs::remove(directory / name, error);
    if (error) fail(directory / name, "cannot remove", error.value());
  }
}

}  // namespace convneat
