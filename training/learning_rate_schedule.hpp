#pragma once
// The optimiser's step size as training goes on. A constant rate leaves Adam and SGD
// bouncing around a minimum at the noise level of their mini-batches; decaying it lets the
// last generations of a run settle (cosine annealing, Loshchilov & Hutter 2017, without
// restarts). Progress is the fraction of the run done — generations of an evolution run
// (every genome of a generation trains at that generation's rate), steps of
// `convneat train` — so the rate is a pure function of where training stands and a resumed
// run takes the same steps as a straight one.
#include "genome/name_table.hpp"

namespace convneat {

enum class LearningRateSchedule { constant, cosine };

inline constexpr auto kLearningRateSchedules = name_table<LearningRateSchedule>({
    {LearningRateSchedule::constant, "constant"},
    {LearningRateSchedule::cosine, "cosine"},
});

struct ScheduleSettings {
  LearningRateSchedule kind = LearningRateSchedule::constant;
  double final_learning_rate = 0.0;  // cosine: the rate the run decays toward
};

// The rate at `progress` (the fraction done, clamped to [0, 1]) for a schedule starting at
// `learning_rate`: constant, or start − (start − final)·(1 − cos π·progress)/2.
double scheduled_learning_rate(double learning_rate, const ScheduleSettings& schedule, double progress);

}  // namespace convneat
