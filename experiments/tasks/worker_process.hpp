#pragma once
// A child process spoken to in lines: started with `/bin/sh -c COMMAND`, its stdin and stdout
// are one socket, its stderr is ours (so a worker's traceback reaches the terminal). One request
// line, one answer line, each answer awaited for at most a timeout. The environment task
// (environment_task.hpp) keeps a pool of these. A process that cannot be started, dies, or
// stays silent past the timeout throws WorkerError naming the worker; the destructor kills and
// reaps it, so a failed worker is simply dropped and a fresh one started.
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>

namespace convneat {

class WorkerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class WorkerProcess {
 public:
  // `number` names the worker in messages ("environment worker 3 (pid 1234)").
  WorkerProcess(const std::string& command, std::size_t number);
  ~WorkerProcess();
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  // Writes `request` and a newline, then returns the next line the worker writes (without its
  // newline). Throws WorkerError when the worker has exited, closes its output, or writes no
  // whole line within `timeout`.
  std::string exchange(const std::string& request, std::chrono::duration<double> timeout);

  const std::string& name() const { return name_; }

 private:
  std::string read_line(std::chrono::duration<double> timeout);
  [[noreturn]] void fail(const std::string& what);
  // Its end of the socket closed: fails with how it exited, or with `otherwise`.
  [[noreturn]] void closed(const std::string& otherwise);

  std::string name_;
  pid_t pid_ = -1;    // the shell, until it has been reaped
  pid_t group_ = -1;  // its process group: the shell and whatever it started
  int socket_ = -1;  // the worker's stdin and stdout
  std::string pending_;  // read past the last line returned
};

}  // namespace convneat
