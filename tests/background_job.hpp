#pragma once
// A shell command run in the background, for tests that act on a job while it runs (stop
// one of its processes, then watch how it ends). The processes it started are found through
// /proc, and whatever the test does, the destructor kills every one of them that is left —
// stopped ones too — so no test leaves a process behind.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

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

// Polls `condition` every 20 ms until it holds (true) or `limit` has passed (false).
template <class Condition>
bool eventually(Condition condition, std::chrono::duration<double> limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

class BackgroundJob {
 public:
  // Runs `command` with sh, its stdout and stderr going to `log`.
  BackgroundJob(const std::string& command, const std::filesystem::path& log) {
    const std::string script = command + " > '" + log.string() + "' 2>&1";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  BackgroundJob(const BackgroundJob&) = delete;
  BackgroundJob& operator=(const BackgroundJob&) = delete;

  ~BackgroundJob() {
    if (!exit_code_)
      for (pid_t pid : descendants_of(pid_)) watched_.insert(pid);
    for (pid_t pid : watched_) ::kill(pid, SIGKILL);  // a stopped process dies of SIGKILL too
    if (!exit_code_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  pid_t pid() const { return pid_; }

  // The first process below the job whose environment holds `entry`, or 0.
  pid_t find_process(const std::string& entry) const {
    for (pid_t pid : descendants_of(pid_))
      if (started_with(pid, entry)) return pid;
    return 0;
  }

  // Sends `signal` to `pid`, and has the destructor kill that process if it is still there.
  bool signal(pid_t pid, int signal) {
    watched_.insert(pid);
    return ::kill(pid, signal) == 0;
  }

  // The job's exit code once it has ended, or nothing if it is still running after `limit`.
  std::optional<int> wait(std::chrono::duration<double> limit) {
    eventually(
        [&] {
          int status = 0;
          if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
          exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
          return true;
        },
        limit);
    return exit_code_;
  }

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  std::set<pid_t> watched_;
};

}  // namespace convneat::testing
