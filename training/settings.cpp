#include "training/settings.hpp"

namespace convneat {

TrainingSettings for_generation(const TrainingSettings& settings, std::size_t generation) {
  TrainingSettings scheduled = settings;
  const double progress =
      settings.generations == 0 ? 0.0 : static_cast<double>(generation) / static_cast<double>(settings.generations);
  scheduled.optimiser.learning_rate =
      scheduled_learning_rate(settings.optimiser.learning_rate, settings.schedule, progress);
  return scheduled;
}

}  // namespace convneat
