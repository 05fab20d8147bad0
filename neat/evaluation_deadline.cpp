#include "neat/evaluation_deadline.hpp"

#include <sstream>

namespace convneat {

EvaluationDeadline EvaluationDeadline::starting_now(double limit_seconds, double spent_seconds) {
  EvaluationDeadline deadline;
  if (limit_seconds > 0.0) {
    deadline.limit_seconds_ = limit_seconds;
    deadline.end_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(limit_seconds - spent_seconds));
  }
  return deadline;
}

void EvaluationDeadline::throw_exceeded() const {
  std::ostringstream message;  // shortest form of the number: "0.5", "2", "0.001"
  message << "time limit " << limit_seconds_ << " s exceeded";
  throw TimeLimitExceeded(message.str());
}

}  // namespace convneat
