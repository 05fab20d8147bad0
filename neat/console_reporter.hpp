#pragma once
// One progress line per generation on a stream (stdout for the CLI): "gen 11/299" (generation
// 11, the last being 299), the
// generation's figures, the run's clock and, once a generation has been timed, an estimate
// of the time left (generations, or evaluations when /stop/max_evaluations comes first, left
// at this session's pace so far). Long runs print every k-th generation only, and the last
// one before the run's closing lines whatever stopped it.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "neat/reporter.hpp"

namespace convneat {

// A fitness as the progress line shows it: "%10.5f" (3.90000) as always, but in exponent
// form (-1e+118) from a million up, so that no value makes the line longer than 13 columns.
std::string progress_number(double value);

// A duration as a person reads it: "4.2s", "3m 05s", "2h 07m".
std::string progress_duration(double seconds);

struct ProgressSettings {
  std::size_t max_generations = 0;    // the run's limit (0: none known)
  std::uint64_t max_evaluations = 0;  // 0: none
  std::size_t every = 1;              // a line every this many generations (/output/progress_every)
};

class ConsoleReporter final : public Reporter {
 public:
  explicit ConsoleReporter(std::ostream& out, ProgressSettings settings = {}) : out_(out), settings_(settings) {}
  void on_generation(const GenerationReport& report, const Population& population) override;
  void on_extinction(std::size_t generation) override;
  void on_finish(const RunResult& result, const Population& population) override;

  // Seconds left at the pace of the generations seen so far (after the first of them).
  std::optional<double> seconds_left(const GenerationReport& report) const;

 private:
  bool shown(const GenerationReport& report) const;
  std::string progress_line(const GenerationReport& report) const;

  std::ostream& out_;
  ProgressSettings settings_;
  struct Mark {
    std::size_t generation;
    std::uint64_t evaluations;
    double seconds;
  };
  std::optional<Mark> first_;  // this session's first generation
  std::string skipped_;         // the last generation's line, when progress_every left it out
};

}  // namespace convneat
