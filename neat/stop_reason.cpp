#include "neat/stop_reason.hpp"

#include <array>

namespace convneat {
namespace {

struct StopReasonNames {
  StopReason reason;
  std::string_view identifier;
  std::string_view sentence;
};

constexpr std::array<StopReasonNames, 5> kStopReasons{{
    {StopReason::solved, "solved", "solved"},
    {StopReason::fitness_threshold, "fitness_threshold", "fitness threshold reached"},
    {StopReason::max_generations, "max_generations", "generation limit reached"},
    {StopReason::max_evaluations, "max_evaluations", "evaluation limit reached"},
    {StopReason::interrupted, "interrupted", "interrupted"},
}};

const StopReasonNames& names_of(StopReason reason) {
  for (const StopReasonNames& names : kStopReasons)
    if (names.reason == reason) return names;
  return kStopReasons.front();  // unreachable: every reason has its row
}

}  // namespace

std::string_view stop_reason_identifier(StopReason reason) { return names_of(reason).identifier; }
std::string_view stop_reason_text(StopReason reason) { return names_of(reason).sentence; }

}  // namespace convneat
