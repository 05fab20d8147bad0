// The progress line (neat/console_reporter.hpp): ordinary fitness values print as they
// always have; huge, tiny and negative ones stay within a bounded width.
#include <catch2/catch.hpp>

#include <limits>

#include "neat/console_reporter.hpp"

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
