#pragma once
// "runs 37/240, elapsed 12 s, about 65 s left": the estimate extrapolates the pace of the
// runs finished in this session (resumed runs cost nothing). On a terminal the line is
// redrawn in place; otherwise (logs, tests) a line is printed at most every few seconds.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>

namespace convneat::compare {

class ProgressDisplay {
 public:
  ProgressDisplay(std::ostream& out, bool terminal, std::size_t already_done, std::size_t total);
  void run_finished();  // thread-safe
  void finish();        // the final line

  // The text for `done` of `total`, `elapsed` seconds into a session that began with
  // `already_done` finished runs.
  static std::string line(std::size_t done, std::size_t already_done, std::size_t total, double elapsed);

 private:
  void print(bool final);

  std::ostream& out_;
  bool terminal_;
  std::size_t already_done_, done_, total_;
  std::chrono::steady_clock::time_point start_, last_print_;
  std::mutex printing_;
};

}  // namespace convneat::compare
