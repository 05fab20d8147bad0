// The statistics files were written through ostreams of precision 17; CsvRow must write every
// number exactly as they did, or committed results and resume checks would change.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <vector>

#include "genome/random.hpp"
#include "neat/csv_row.hpp"

using namespace convneat;

namespace {

std::vector<double> doubles_to_check() {
  using limits = std::numeric_limits<double>;
  std::vector<double> values{0.0, -0.0, 1.0, -1.0, 0.1, 2.7000000000000002, 1e16, 1e17, 123456789012345678.0,
                             1e-5, 1e-4, 0.0001234, limits::max(), limits::lowest(), limits::min(),
                             limits::denorm_min(), limits::epsilon(), limits::infinity(), -limits::infinity(),
                             limits::quiet_NaN(), -limits::quiet_NaN(), 150.0, 4.0 - 1e-12};
  RandomStream random(derive_seed(20261208, 0, 0, Purpose::evaluation));
  for (int k = 0; k < 20000; ++k) {
    values.push_back(std::bit_cast<double>(random.engine()()));      // any bit pattern
    values.push_back(random.uniform(-10.0, 10.0));                   // fitness-like
    values.push_back(std::ldexp(random.uniform(), static_cast<int>(random.index(80)) - 40));
  }
  return values;
}

}  // namespace

TEST_CASE("a CSV row writes every double as an ostream of precision 17 does", "[statistics]") {
  for (const double value : doubles_to_check()) {
    std::ostringstream stream;
    stream.precision(17);
    stream << value;
    CsvRow row;
    row << value;
    INFO("bits " << std::bit_cast<std::uint64_t>(value));
    REQUIRE(row.str() == stream.str());
  }
}

TEST_CASE("a CSV row writes integers, characters and text as an ostream does", "[statistics]") {
  std::ostringstream stream;
  CsvRow row;
  const std::size_t big = std::numeric_limits<std::size_t>::max();
  const long long negative = std::numeric_limits<long long>::min();
  stream << std::size_t{0} << ',' << big << ',' << negative << ',' << 42 << ' ' << "genome=" << std::uint32_t{7} << '\n';
  row << std::size_t{0} << ',' << big << ',' << negative << ',' << 42 << ' ' << "genome=" << std::uint32_t{7} << '\n';
  REQUIRE(row.str() == stream.str());
}
