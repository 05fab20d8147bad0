#pragma once
// A time limit on one genome's evaluation (/evaluation/time_limit_seconds). A thread cannot
// be stopped safely from outside, so the limit is cooperative: tasks call check() in their
// inner loops (a pole-balancing decision, a chunk of images, an XOR case), and past the
// limit it throws TimeLimitExceeded, which evaluate_genome() turns into a failed evaluation
// like any other exception.
//
// The trade-off: a limit makes results depend on the machine's speed (and its load), so a
// run is reproducible only as long as no genome reaches its limit.
#include <chrono>
#include <stdexcept>

namespace convneat {

class TimeLimitExceeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class EvaluationDeadline {
 public:
  using Clock = std::chrono::steady_clock;

  EvaluationDeadline() = default;  // no limit
  // `limit_seconds` from now, less what the evaluation has already spent in an earlier part
  // (for a task that shares work, the evaluator compiles every genome of a generation before
  // evaluating any: neat/evaluator.hpp); 0 means no limit.
  static EvaluationDeadline starting_now(double limit_seconds, double spent_seconds = 0.0);

  bool limited() const { return limit_seconds_ > 0.0; }
  // Throws TimeLimitExceeded ("time limit 0.5 s exceeded") once the limit has passed. Costs
  // one comparison without a limit and one clock read with one.
  void check() const {
    if (limited() && Clock::now() > end_) throw_exceeded();
  }

 private:
  [[noreturn]] void throw_exceeded() const;

  double limit_seconds_ = 0.0;
  Clock::time_point end_{};
};

}  // namespace convneat
