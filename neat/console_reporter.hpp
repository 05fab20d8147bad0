#pragma once
// One progress line per generation on a stream (stdout for the CLI).
#include <ostream>

#include "neat/reporter.hpp"

namespace convneat {

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
