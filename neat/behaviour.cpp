#include "neat/behaviour.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace convneat {

double behaviour_distance(const Behaviour& a, const Behaviour& b, BehaviourMetric metric) {
  if (a.size() != b.size())
    throw std::runtime_error("behaviour descriptors of different lengths (" + std::to_string(a.size()) + " and " +
                             std::to_string(b.size()) + "): a task must describe every genome with as many numbers");
  if (metric == BehaviourMetric::mismatch) {
    if (a.empty()) return 0.0;
    std::size_t differ = 0;
    for (std::size_t i = 0; i < a.size(); ++i) differ += a[i] != b[i] ? 1 : 0;
    return static_cast<double>(differ) / static_cast<double>(a.size());
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(sum);
}

}  // namespace convneat
