#pragma once
// A CSV row written field by field, numbers as an ostream of precision 17 writes them (C's
// "%.17g": a double read back is the same double) but through std::to_chars: the statistics
// files take a row a generation and a row per species, and on small genomes the stream's
// construction and printf's formatting were a visible share of a generation.
#include <charconv>
#include <concepts>
#include <string>
#include <string_view>

namespace convneat {

class CsvRow {
 public:
  CsvRow& operator<<(double value) { return formatted(value, std::chars_format::general, 17); }
  template <std::integral Integer>
    requires(!std::same_as<Integer, bool>)  // a flag is written as the 0 or 1 the file means
  CsvRow& operator<<(Integer value) {
    return formatted(value);
  }
  CsvRow& operator<<(char character) {
    text_ += character;
    return *this;
  }
  CsvRow& operator<<(std::string_view text) {
    text_ += text;
    return *this;
  }

  const std::string& str() const { return text_; }

 private:
  template <class... Format>
  CsvRow& formatted(Format... format) {
    char buffer[32];  // "-2.2250738585072014e-308": 24 characters at most for a double
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, format...);
    text_.append(std::string_view(buffer, static_cast<std::size_t>(written.ptr - buffer)));
    return *this;
  }

  std::string text_;
};

}  // namespace convneat
