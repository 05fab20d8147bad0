#include "training/learning_rate_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace convneat {

double scheduled_learning_rate(double learning_rate, const ScheduleSettings& schedule, double progress) {
  if (schedule.kind == LearningRateSchedule::constant) return learning_rate;
  const double done = std::clamp(progress, 0.0, 1.0);
  const double final_rate = schedule.final_learning_rate;
  // Written as a fall from the start so that progress 0 gives the start rate exactly: the first
  // generation trains as a constant rate would.
  return learning_rate - (learning_rate - final_rate) * 0.5 * (1.0 - std::cos(std::numbers::pi * done));
}

}  // namespace convneat
