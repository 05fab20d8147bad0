#pragma once
// Ctrl-C, a batch scheduler's SIGTERM, a closed terminal's SIGHUP: while a StopSignals lives,
// the first such signal asks the run to stop after the generation in hand (the caller then
// writes what it has — checkpoint, champion when a genome was scored — and exits 128 + the
// signal's number); a second one, of any of the three kinds, ends the process at once. A
// signal the process was started to ignore (nohup) stays ignored — the last checkpoint is intact, since every file is replaced by an
// atomic rename. A generation is not cut short: its evaluations and its champion test finish
// first (for the shipped image configs, about a second).
#include <string>

#include "neat/stop_request.hpp"

namespace convneat {

class StopSignals {
 public:
  // The first signal prints "convneat: SIGINT: stopping <what_stops> (send it again to stop
  // at once)<more>".
  explicit StopSignals(const std::string& what_stops, const std::string& more = "");
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Set to the signal's number by the first signal.
  const StopRequest& request() const;
  // 128 + the signal's number once one came (130 SIGINT, 143 SIGTERM, 129 SIGHUP), else 0.
  int exit_code() const;
  // "SIGINT", "SIGTERM", "SIGHUP", or "" before any signal.
  std::string signal_name() const;
};

}  // namespace convneat
