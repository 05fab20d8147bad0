#pragma once
// Why a run ended. One table (stop_reason.cpp) gives each reason its identifier, written in
// compare's runs.csv, and its sentence, printed on the console: adding a reason is one row.
#include <string_view>

namespace convneat {

// `interrupted`: a StopRequest (a signal) ended the run between generations, before any rule held.
enum class StopReason { solved, fitness_threshold, max_generations, max_evaluations, interrupted };

std::string_view stop_reason_identifier(StopReason reason);  // "max_generations"
std::string_view stop_reason_text(StopReason reason);        // "generation limit reached"

}  // namespace convneat
