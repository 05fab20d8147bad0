#pragma once
// Number formats for people reading a report: 2,550 evaluations, 0.83, p = 0.004.
#include <cmath>
#include <cstdio>
#include <string>

namespace convneat::compare {

inline std::string with_separators(double value) {  // 2550 → "2,550"; NaN → "—"
  if (std::isnan(value)) return "—";
  const std::string digits = std::to_string(std::llround(std::fabs(value)));
  std::string text(value < 0 ? "-" : "");
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text.push_back(',');
    text.push_back(digits[i]);
  }
  return text;
}

inline std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "—";
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

inline std::string p_value_text(double p) {  // "0.004", "3.1e-07"
  if (std::isnan(p)) return "—";
  char buffer[32];
  if (p >= 0.001)
    std::snprintf(buffer, sizeof buffer, "%.3f", p);
  else
    std::snprintf(buffer, sizeof buffer, "%.1e", p);
  return buffer;
}

}  // namespace convneat::compare
