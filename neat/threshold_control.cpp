#include "neat/threshold_control.hpp"

#include <algorithm>
#include <cmath>

namespace convneat {
namespace {

// One generation's proportional factor is kept within [1/kMostFactor, kMostFactor]: a
// population founded with one species (or with dozens) moves the threshold by at most a
// doubling or a halving at a time, so the lag between a threshold and the species it makes
// cannot swing it by orders of magnitude.
constexpr double kMostFactor = 2.0;

}  // namespace

double ThresholdController::steer(double threshold, std::size_t species_count) const {
  if (kind == ThresholdControl::additive) {
    if (species_count < target) threshold -= step;
    if (species_count > target) threshold += step;
  } else if (kind == ThresholdControl::proportional) {
    const double ratio = static_cast<double>(species_count) / static_cast<double>(target);
    threshold *= std::clamp(std::pow(ratio, gain), 1.0 / kMostFactor, kMostFactor);
  }
  return std::max(threshold, minimum);
}

}  // namespace convneat
