#include "experiments/stop_signals.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace convneat {
namespace {

// A signal handler can reach nothing but statics: this is the process's one piece of
// signal state, written only by the handler and by StopSignals' constructor.
StopRequest received{0};
std::array<char, 1024> first_notice{};  // filled before the handlers are installed
constexpr std::array<int, 3> kStopSignals = {SIGINT, SIGTERM, SIGHUP};
std::array<struct sigaction, kStopSignals.size()> previous{};

const char* name_of(int signal) {
  switch (signal) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
  }
  return "signal";
}

void write_stderr(const char* text) {
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, text, std::strlen(text));
}

// Only async-signal-safe calls here: write(2) and _exit(2); errno is kept for the code the
// signal interrupted, which may be about to report a failed write of its own.
void on_stop_signal(int signal) {
  const int interrupted_errno = errno;
  int none = 0;
  if (received.compare_exchange_strong(none, signal)) {
    write_stderr("\nconvneat: ");
    write_stderr(name_of(signal));
    write_stderr(first_notice.data());
    errno = interrupted_errno;
    return;
  }
  write_stderr("\nconvneat: a second signal (");
  write_stderr(name_of(signal));
  write_stderr("): stopped at once; the last checkpoint written is intact\n");
  ::_exit(128 + signal);
}

}  // namespace

StopSignals::StopSignals(const std::string& what_stops, const std::string& more) {
  received = 0;
  const std::string notice = ": stopping " + what_stops + " (send it again to stop at once)" + more + "\n";
  std::strncpy(first_notice.data(), notice.c_str(), first_notice.size() - 1);
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // reads and writes in progress go on; the run looks at the flag
  for (std::size_t i = 0; i < kStopSignals.size(); ++i) {
    ::sigaction(kStopSignals[i], nullptr, &previous[i]);
    // A signal the process was started to ignore stays ignored: `nohup convneat run …` must
    // survive the terminal closing, and a background job of a script ignores Ctrl-C.
    if (previous[i].sa_handler != SIG_IGN) ::sigaction(kStopSignals[i], &action, nullptr);
  }
}

StopSignals::~StopSignals() {
  for (std::size_t i = 0; i < kStopSignals.size(); ++i) ::sigaction(kStopSignals[i], &previous[i], nullptr);
}

const StopRequest& StopSignals::request() const { return received; }

int StopSignals::exit_code() const { return received == 0 ? 0 : 128 + received.load(); }

std::string StopSignals::signal_name() const { return received == 0 ? std::string() : name_of(received.load()); }

}  // namespace convneat
