// A test-only LD_PRELOAD library that makes the file system fail on chosen files, as a full
// disk or a file system remounted read-only would — deterministically, and also as root
// (for whom chmod stops nothing). tests/test_fault_injection.cpp runs `convneat` with it.
//
// Environment:
//   CONVNEAT_FAULT_PATH         files whose path contains this text are affected
//   CONVNEAT_FAULT_ERRNO        ENOSPC (disk full) or EROFS (read-only file system)
//   CONVNEAT_FAULT_AFTER_BYTES  bytes written to affected files, in total, before the fault
//                               starts (0: at once; a write crossing the mark is cut short)
//   CONVNEAT_FAULT_ACTION       "kill": instead of failing, the process kills itself with
//                               SIGKILL the moment the fault starts — a kill in the middle of
//                               writing an affected file, at a chosen byte
// Once the fault has started, every write()/writev() to an affected file fails with the
// errno; with EROFS, opening an affected file for writing and renaming to or from one fail
// too (a full disk still lets files be opened and renamed). Reading is never affected.
//
// Every libc function a writer of ours reaches is covered: open/open64/openat/creat (our
// atomic writer, AppendFile), fopen/fopen64 (std::ofstream's filebuf opens with it and then
// writes the descriptor with write/writev), write, writev, rename.
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

namespace {

constexpr int kMaxDescriptors = 4096;

struct Fault {
  const char* path_part = nullptr;  // null: the library does nothing
  int error = ENOSPC;
  long long bytes_before_fault = 0;
  bool kill = false;
};

const Fault& fault() {
  static const Fault settings = [] {
    Fault f;
    f.path_part = getenv("CONVNEAT_FAULT_PATH");
    if (f.path_part != nullptr && *f.path_part == '\0') f.path_part = nullptr;
    if (const char* error = getenv("CONVNEAT_FAULT_ERRNO"); error != nullptr && strcmp(error, "EROFS") == 0)
      f.error = EROFS;
    if (const char* bytes = getenv("CONVNEAT_FAULT_AFTER_BYTES")) f.bytes_before_fault = atoll(bytes);
    if (const char* action = getenv("CONVNEAT_FAULT_ACTION")) f.kill = strcmp(action, "kill") == 0;
    return f;
  }();
  return settings;
}

std::atomic<long long> bytes_written{0};
std::atomic<bool> affected_descriptor[kMaxDescriptors];

bool affected_path(const char* path) {
  return fault().path_part != nullptr && path != nullptr && strstr(path, fault().path_part) != nullptr;
}

bool affected(int fd) { return fd >= 0 && fd < kMaxDescriptors && affected_descriptor[fd].load(); }

void remember(int fd, const char* path) {
  if (fd >= 0 && fd < kMaxDescriptors) affected_descriptor[fd].store(affected_path(path));
}

bool fault_started() { return bytes_written.load() >= fault().bytes_before_fault; }

bool read_only_refusal(const char* path) { return fault().error == EROFS && affected_path(path) && fault_started(); }

bool opens_for_writing(int flags) { return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0; }

bool opens_for_writing(const char* mode) { return mode != nullptr && strpbrk(mode, "wa+") != nullptr; }

// The function this library stands in front of (libc's, or a sanitizer's interceptor).
template <class Function>
Function next(const char* name) {
  return reinterpret_cast<Function>(dlsym(RTLD_NEXT, name));
}

using WriteFunction = ssize_t (*)(int, const void*, size_t);
using WritevFunction = ssize_t (*)(int, const struct iovec*, int);

// With CONVNEAT_FAULT_ACTION=kill, ends the process once the fault has started.
void kill_if_asked() {
  if (fault().kill && fault_started()) raise(SIGKILL);
}

// How many of `wanted` bytes an affected write may still make, or -1 with errno set.
ssize_t allowance(size_t wanted) {
  kill_if_asked();
  const long long left = fault().bytes_before_fault - bytes_written.load();
  if (left <= 0) {
    errno = fault().error;
    return -1;
  }
  return static_cast<ssize_t>(static_cast<size_t>(left) < wanted ? static_cast<size_t>(left) : wanted);
}

mode_t mode_argument(int flags, va_list arguments) {
  return (flags & (O_CREAT | O_TMPFILE)) != 0 ? static_cast<mode_t>(va_arg(arguments, int)) : 0;
}

}  // namespace

extern "C" {

int open(const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  if (opens_for_writing(flags) && read_only_refusal(path)) return errno = EROFS, -1;
  const int fd = next<int (*)(const char*, int, ...)>("open")(path, flags, mode);
  remember(fd, path);
  return fd;
}

int open64(const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  if (opens_for_writing(flags) && read_only_refusal(path)) return errno = EROFS, -1;
  const int fd = next<int (*)(const char*, int, ...)>("open64")(path, flags, mode);
  remember(fd, path);
  return fd;
}

int openat(int directory, const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  if (opens_for_writing(flags) && read_only_refusal(path)) return errno = EROFS, -1;
  const int fd = next<int (*)(int, const char*, int, ...)>("openat")(directory, path, flags, mode);
  remember(fd, path);
  return fd;
}

int creat(const char* path, mode_t mode) { return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode); }

FILE* fopen(const char* path, const char* mode) {
  if (opens_for_writing(mode) && read_only_refusal(path)) return errno = EROFS, nullptr;
  FILE* file = next<FILE* (*)(const char*, const char*)>("fopen")(path, mode);
  if (file != nullptr) remember(fileno(file), path);
  return file;
}

FILE* fopen64(const char* path, const char* mode) {
  if (opens_for_writing(mode) && read_only_refusal(path)) return errno = EROFS, nullptr;
  FILE* file = next<FILE* (*)(const char*, const char*)>("fopen64")(path, mode);
  if (file != nullptr) remember(fileno(file), path);
  return file;
}

int close(int fd) {
  if (fd >= 0 && fd < kMaxDescriptors) affected_descriptor[fd].store(false);
  return next<int (*)(int)>("close")(fd);
}

ssize_t write(int fd, const void* data, size_t size) {
  static const auto real_write = next<WriteFunction>("write");
  if (!affected(fd)) return real_write(fd, data, size);
  const ssize_t allowed = allowance(size);
  if (allowed < 0) return -1;
  const ssize_t written = real_write(fd, data, static_cast<size_t>(allowed));
  if (written > 0) bytes_written += written;
  kill_if_asked();
  return written;
}

ssize_t writev(int fd, const struct iovec* parts, int count) {
  static const auto real_writev = next<WritevFunction>("writev");
  if (!affected(fd)) return real_writev(fd, parts, count);
  size_t total = 0;
  for (int i = 0; i < count; ++i) total += parts[i].iov_len;
  const ssize_t allowed = allowance(total);
  if (allowed < 0) return -1;
  if (static_cast<size_t>(allowed) < total) {  // cut short: write what the first non-empty part allows
    int part = 0;
    while (parts[part].iov_len == 0) ++part;
    return write(fd, parts[part].iov_base, parts[part].iov_len);
  }
  const ssize_t written = real_writev(fd, parts, count);
  if (written > 0) bytes_written += written;
  kill_if_asked();
  return written;
}

int rename(const char* from, const char* to) {
  if (read_only_refusal(from) || read_only_refusal(to)) return errno = EROFS, -1;
  return next<int (*)(const char*, const char*)>("rename")(from, to);
}

}  // extern "C"
