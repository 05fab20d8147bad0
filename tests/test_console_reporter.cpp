// The progress line (neat/console_reporter.hpp): ordinary fitness values print as they
// always have; huge, tiny and negative ones stay within a bounded width; "gen N/last"
// with the time left, and every k-th generation only when asked.
#include <catch2/catch.hpp>

#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "neat/console_reporter.hpp"
#include "neat/population.hpp"

using namespace convneat;

TEST_CASE("ordinary fitness values print with 5 decimals in 10 columns, as before") {
  CHECK(progress_number(3.9) == "   3.90000");
  CHECK(progress_number(0.0) == "   0.00000");
  CHECK(progress_number(-0.25) == "  -0.25000");
  CHECK(progress_number(0.000001) == "   0.00000");
  CHECK(progress_number(123456.5) == "123456.50000");
}

TEST_CASE("a progress line with a huge, tiny or non-finite fitness stays short") {
  for (const double value : {-1e118, 1e118, 1e300, -1.7976931348623157e308, 1e6, -1e6, 1e-300, -1e-300,
                             std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::denorm_min()}) {
    INFO(value);
    CHECK(progress_number(value).size() <= 13);  // as wide as -999999.99999
  }
  CHECK(progress_number(-1e118) == "   -1e+118");
  CHECK(progress_number(1234567.0) == "1.2346e+06");
}

TEST_CASE("durations print as a person reads them") {
  CHECK(progress_duration(4.24) == "4.2s");
  CHECK(progress_duration(59.94) == "59.9s");
  CHECK(progress_duration(185.0) == "3m 05s");
  CHECK(progress_duration(7620.0) == "2h 07m");
  CHECK(progress_duration(-1.0) == "0.0s");
}

namespace {

GenerationReport report_at(std::size_t generation, std::uint64_t evaluations, double seconds) {
  GenerationReport report;
  report.generation = generation;
  report.evaluations = evaluations;
  report.seconds = seconds;
  return report;
}

}  // namespace

TEST_CASE("the progress line says generation N of the last and the time left at this session's pace") {
  std::ostringstream out;
  ConsoleReporter console(out, {10, 0, 1});
  const Population population{NeatConfig{}};
  console.on_generation(report_at(4, 500, 20.0), population);  // resumed at generation 4, 20 s on the clock
  CHECK_FALSE(console.seconds_left(report_at(4, 500, 20.0)));
  const GenerationReport sixth = report_at(6, 700, 24.0);  // 2 s a generation since
  console.on_generation(sixth, population);
  REQUIRE(console.seconds_left(sixth));
  CHECK(*console.seconds_left(sixth) == Approx(6.0));  // generations 7, 8 and 9 left
  CHECK_THAT(out.str(), Catch::StartsWith("gen    4/9  best") && Catch::Contains("  ~6.0s left\n"));
  CHECK(*console.seconds_left(report_at(9, 1000, 30.0)) == 0.0);

  // An evaluation limit that comes first decides: 100 evaluations a second, 300 left.
  ConsoleReporter limited(out, {1000, 1000, 1});
  limited.on_generation(report_at(0, 100, 1.0), population);
  CHECK(*limited.seconds_left(report_at(2, 700, 7.0)) == Approx(3.0));
}

TEST_CASE("with progress_every k only every k-th generation prints, and the last and a solving one") {
  std::ostringstream out;
  ConsoleReporter console(out, {12, 0, 5});
  const Population population{NeatConfig{}};
  for (std::size_t generation = 0; generation < 12; ++generation) {
    GenerationReport report = report_at(generation, 10 * (generation + 1), static_cast<double>(generation));
    report.solved = generation == 7;
    console.on_generation(report, population);
  }
  std::istringstream lines(out.str());
  std::vector<std::string> generations;
  for (std::string line; std::getline(lines, line);) generations.push_back(line.substr(0, 8));
  CHECK(generations == std::vector<std::string>{"gen    0", "gen    5", "gen    7", "gen   10", "gen   11"});

  // A run stopped early (a fitness threshold, a signal) still shows its last generation, before its closing lines.
  std::ostringstream early;
  ConsoleReporter stopped(early, {100, 0, 5});
  for (std::size_t generation = 0; generation < 8; ++generation)
    stopped.on_generation(report_at(generation, 10 * (generation + 1), static_cast<double>(generation)), population);
  RunResult result;
  result.generations = 8;
  stopped.on_finish(result, population);
  CHECK_THAT(early.str(), Catch::Contains("gen    5/99") && Catch::Contains("\ngen    7/99") &&
                              Catch::Contains("\nstopped: ") && !Catch::Contains("gen    6"));
  CHECK(early.str().find("gen    7/99") < early.str().find("stopped: "));
}
