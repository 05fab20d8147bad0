#pragma once
// "runs 37/240, elapsed 12 s, about 65 s left, running xor/fresh/seed-38 gen 12/100, …":
// the estimate extrapolates the pace of this session's work (resumed runs cost nothing),
// counting each run in progress by the share of its generations done. On a terminal the line
// is redrawn in place; otherwise (logs, tests) a line is printed at most every few seconds.
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <ostream>
#include <string>

namespace convneat::compare {

// A run in progress: generations evaluated so far, of at most `generations`.
struct RunningRun {
  std::size_t generation = 0;
  std::size_t generations = 0;
};

class ProgressDisplay {
 public:
  ProgressDisplay(std::ostream& out, bool terminal, std::size_t already_done, std::size_t total);
  // Thread-safe: run `label` has evaluated `generation` of at most `generations`; run `label`
  // is finished.
  void run_progressed(const std::string& label, std::size_t generation, std::size_t generations);
  void run_finished(const std::string& label);
  void finish();  // the final line

  // The text for `done` of `total`, `elapsed` seconds into a session that began with
  // `already_done` finished runs, with the runs in progress (the first three named).
  static std::string line(std::size_t done, std::size_t already_done, std::size_t total, double elapsed,
                          const std::map<std::string, RunningRun>& running = {});

 private:
  void print_if_due();
  void print(bool final);

  std::ostream& out_;
  bool terminal_;
  std::size_t already_done_, done_, total_;
  std::map<std::string, RunningRun> running_;
  std::chrono::steady_clock::time_point start_, last_print_;
  std::mutex printing_;
};

}  // namespace convneat::compare
