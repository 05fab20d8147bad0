#include "experiments/tasks/worker_process.hpp"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sstream>

extern char** environ;

namespace convneat {
namespace {

// Lines longer than this are not an answer of the protocol (docs/environments.md).
constexpr std::size_t kMaxLineBytes = std::size_t{16} << 20;

std::string exit_description(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("was killed by signal ") + ::strsignal(WTERMSIG(status));
  return "stopped";
}

std::string seconds_text(double seconds) {
  std::ostringstream text;
  text << seconds;
  return text.str();
}

}  // namespace

WorkerProcess::WorkerProcess(const std::string& command, std::size_t number)
    : name_("environment worker " + std::to_string(number)) {
  // One socket pair is the worker's stdin and stdout: unlike a pipe's, its writes can refuse
  // SIGPIPE (MSG_NOSIGNAL), so a worker that died is an error to report, not a signal that
  // ends this process.
  int ends[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
    throw WorkerError(name_ + ": cannot make a socket pair: " + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawn_file_actions_adddup2(&actions, ends[1], STDIN_FILENO);
  ::posix_spawn_file_actions_adddup2(&actions, ends[1], STDOUT_FILENO);
  // Its own process group: whatever the command starts (sh's children) is killed with it, and a
  // terminal's Ctrl-C reaches convneat alone, which stops the run and then ends its workers.
  posix_spawnattr_t attributes;
  ::posix_spawnattr_init(&attributes);
  ::posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  ::posix_spawnattr_setpgroup(&attributes, 0);
  std::string shell = "/bin/sh", flag = "-c", line = command;
  char* argv[] = {shell.data(), flag.data(), line.data(), nullptr};
  const int error = ::posix_spawn(&pid_, "/bin/sh", &actions, &attributes, argv, environ);
  ::posix_spawnattr_destroy(&attributes);
  ::posix_spawn_file_actions_destroy(&actions);
  ::close(ends[1]);
  if (error != 0) {  // a constructor that throws runs no destructor: close the socket here
    ::close(ends[0]);
    pid_ = -1;
    fail(std::string("cannot start /bin/sh: ") + std::strerror(error));
  }
  socket_ = ends[0];
  group_ = pid_;
  name_ += " (pid " + std::to_string(pid_) + ")";
}

WorkerProcess::~WorkerProcess() {
  if (socket_ >= 0) ::close(socket_);
  if (group_ > 0) ::kill(-group_, SIGKILL);  // the whole group, even when the shell itself is gone
  if (pid_ > 0) {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

void WorkerProcess::fail(const std::string& what) { throw WorkerError(name_ + ": " + what); }

void WorkerProcess::closed(const std::string& otherwise) {
  // Its end of the socket is closed: most likely it is exiting. Give it a second to say how it
  // ended; one that lives on with its ends closed is reported (and killed) all the same.
  for (int attempt = 0; pid_ > 0 && attempt < 100; ++attempt) {  // (waitpid(-1) would reap any child)
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      fail(exit_description(status) + " before answering");
    }
    ::usleep(10000);
  }
  fail(otherwise);
}

std::string WorkerProcess::exchange(const std::string& request, std::chrono::duration<double> timeout) {
  const std::string line = request + "\n";
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::send(socket_, line.data() + written, line.size() - written, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) closed(std::string("cannot write to it: ") + std::strerror(errno));
    written += static_cast<std::size_t>(n);
  }
  return read_line(timeout);
}

std::string WorkerProcess::read_line(std::chrono::duration<double> timeout) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::nanoseconds>(timeout);
  for (;;) {
    if (const std::size_t end = pending_.find('\n'); end != std::string::npos) {
      std::string line = pending_.substr(0, end);
      pending_.erase(0, end + 1);
      return line;
    }
    if (pending_.size() > kMaxLineBytes) fail("wrote a line of more than 16 MiB");
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      fail("no answer within " + seconds_text(timeout.count()) + " s (/task/timeout_seconds)");
    pollfd ready{socket_, POLLIN, 0};
    const int polled = ::poll(&ready, 1, static_cast<int>(std::min<long long>(left.count() + 1, 1 << 30)));
    if (polled < 0 && errno == EINTR) continue;
    if (polled < 0) fail(std::string("cannot wait for its answer: ") + std::strerror(errno));
    if (polled == 0) continue;  // the loop's deadline check says so
    char buffer[65536];
    const ssize_t n = ::recv(socket_, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != ECONNRESET) fail(std::string("cannot read its answer: ") + std::strerror(errno));
    if (n <= 0) closed("closed its output before answering");
    pending_.append(buffer, static_cast<std::size_t>(n));
  }
}

}  // namespace convneat
