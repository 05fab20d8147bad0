#pragma once
// `convneat` running in the background, for tests that act on a run while it goes on: signal
// it, stop one of its MPI ranks, start a second process beside it. The processes it started
// are found through /proc; the destructor kills every one still below it and every one a
// test looked up (which may have been re-parented by then) — stopped ones too — so no test
// leaves a process behind.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.hpp"

namespace convneat::testing {

// The parent of process `pid`, or 0 when it is gone.
inline pid_t parent_of(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const auto name_end = text.rfind(')');  // the command name may hold spaces and parentheses
  if (name_end == std::string::npos) return 0;
  std::istringstream fields(text.substr(name_end + 1));
  char state = 0;
  pid_t parent = 0;
  fields >> state >> parent;
  return parent;
}

// Every process below `root` (children, their children, …), as /proc shows them now.
inline std::vector<pid_t> descendants_of(pid_t root) {
  std::vector<pid_t> found;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = std::stoi(name);
    for (pid_t parent = parent_of(pid); parent > 1; parent = parent_of(parent))
      if (parent == root) {
        found.push_back(pid);
        break;
      }
  }
  return found;
}

// Whether process `pid` was started with `entry` ("NAME=value") in its environment.
inline bool started_with(pid_t pid, const std::string& entry) {
  std::ifstream environ("/proc/" + std::to_string(pid) + "/environ", std::ios::binary);
  for (std::string variable; std::getline(environ, variable, '\0');)
    if (variable == entry) return true;
  return false;
}

// `convneat <arguments>`, its output in `log`. `prefix` (environment assignments, mpirun …)
// goes before the binary; without one, pid() is convneat's own.
class BackgroundCli {
 public:
  BackgroundCli(const std::string& arguments, std::filesystem::path log, const std::string& prefix = "")
      : log_(std::move(log)) {
    const std::string command = (prefix.empty() ? "exec " : prefix) + shell_quote(CONVNEAT_CLI) + " " + arguments +
                                " >" + shell_quote(log_.string()) + " 2>&1";
    pid_ = ::fork();
    if (pid_ == 0) {
      // As from a terminal, whatever this test process inherited (a background job of a
      // script ignores SIGINT): the run meets the signals the tests send it.
      for (int stop : {SIGINT, SIGTERM, SIGHUP}) ::signal(stop, SIG_DFL);
      ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~BackgroundCli() {
    for (pid_t pid : looked_up_) ::kill(pid, SIGKILL);  // a stopped process dies of SIGKILL too
    if (reaped_) return;
    for (pid_t pid : descendants_of(pid_)) ::kill(pid, SIGKILL);
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  BackgroundCli(const BackgroundCli&) = delete;
  BackgroundCli& operator=(const BackgroundCli&) = delete;

  pid_t pid() const { return pid_; }
  // The first process below this one whose environment holds `entry` ("NAME=value"), or 0.
  pid_t find_process(const std::string& entry) {
    for (pid_t pid : descendants_of(pid_))
      if (started_with(pid, entry)) {
        looked_up_.push_back(pid);
        return pid;
      }
    return 0;
  }
  // Polls `ready` until it holds, the process ends or `timeout` passes; returns whether it held.
  bool wait_until(const std::function<bool()>& ready, std::chrono::duration<double> timeout = std::chrono::seconds(120)) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      if (ready()) return true;
      if (!running()) return ready();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }
  void signal(int number) const { ::kill(pid_, number); }
  // The exit code, or 128 + the signal that ended it; nothing if it still runs after `limit`.
  std::optional<int> wait(std::chrono::duration<double> limit = std::chrono::hours(1)) {
    wait_until([&] { return !running(); }, limit);
    if (!reaped_) return std::nullopt;
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : 128 + WTERMSIG(status_);
  }
  std::string output() const { return read_text(log_); }

 private:
  bool running() {
    if (!reaped_ && ::waitpid(pid_, &status_, WNOHANG) == pid_) reaped_ = true;
    return !reaped_;
  }

  std::filesystem::path log_;
  pid_t pid_ = -1;
  int status_ = 0;
  bool reaped_ = false;
  std::vector<pid_t> looked_up_;
};

// Whether process `pid` still exists (a zombie counts as gone), after up to `grace`.
inline bool process_gone(pid_t pid, std::chrono::duration<double> grace = std::chrono::seconds(10)) {
  const auto end = std::chrono::steady_clock::now() + grace;
  while (true) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto name_end = text.rfind(')');
    if (!stat || name_end == std::string::npos || text.substr(name_end + 2, 1) == "Z") return true;
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace convneat::testing
