#pragma once
// One progress line per generation on a stream (stdout for the CLI).
#include <ostream>
#include <string>

#include "neat/reporter.hpp"

namespace convneat {

// A fitness as the progress line shows it: "%10.5f" (3.90000) as always, but in exponent
// form (-1e+118) from a million up, so that no value makes the line longer than 13 columns.
std::string progress_number(double value);

class ConsoleReporter final : public Reporter {
 public:
  explicit ConsoleReporter(std::ostream& out) : out_(out) {}
  void on_generation(const GenerationReport& report, const Population& population) override;
  void on_extinction(std::size_t generation) override;
  void on_finish(const RunResult& result, const Population& population) override;

 private:
  std::ostream& out_;
};

}  // namespace convneat
