#include "nets/virtual_batch_norm.hpp"

#include <cmath>
#include <stdexcept>

#include "nets/float_activation.hpp"

namespace convneat {

VirtualBatchNorm::VirtualBatchNorm(const SpatialLayerGene& gene)
    : gains_(gene.norm_gains), shifts_(gene.norm_shifts) {
  if (gains_.size() != gene.out_channels || shifts_.size() != gene.out_channels)
    throw std::invalid_argument("spatial layer " + std::to_string(gene.innovation) + ": " +
                                std::to_string(gains_.size()) + " normalisation gains and " +
                                std::to_string(shifts_.size()) + " shifts for " + std::to_string(gene.out_channels) +
                                " channels");
}

void VirtualBatchNorm::calibrate(const float* maps, std::size_t batch, std::size_t cells) {
  if (batch == 0 || cells == 0) throw std::invalid_argument("virtual batch norm needs a non-empty reference batch");
  const std::size_t channels = gains_.size();
  const double count = static_cast<double>(batch * cells);
  means_.assign(channels, 0.0);
  variances_.assign(channels, 0.0);
  scale_.resize(static_cast<Eigen::Index>(channels));
  offset_.resize(static_cast<Eigen::Index>(channels));
  for (std::size_t o = 0; o < channels; ++o) {
    // Channel o of every image is one contiguous run of N·cells values; two passes in
    // double, so the variance does not lose digits to the mean.
    const Eigen::ArrayXd values = Eigen::Map<const Eigen::ArrayXf>(maps + o * cells * batch,
                                                                    static_cast<Eigen::Index>(cells * batch))
                                      .cast<double>();
    means_[o] = values.sum() / count;
    variances_[o] = (values - means_[o]).square().sum() / count;
    const double scale = gains_[o] / std::sqrt(variances_[o] + kEpsilon);
    scale_(static_cast<Eigen::Index>(o)) = static_cast<float>(scale);
    offset_(static_cast<Eigen::Index>(o)) = static_cast<float>(shifts_[o] - scale * means_[o]);
  }
}

void VirtualBatchNorm::apply(Activation activation, float* maps, std::size_t batch, std::size_t cells) const {
  if (!calibrated())
    throw std::logic_error("virtual batch norm used before its reference statistics were computed");
  const auto plane = static_cast<Eigen::Index>(cells * batch);  // channel o of every image: one contiguous run
  for (Eigen::Index o = 0; o < scale_.size(); ++o) {
    Eigen::Map<Eigen::ArrayXf> map(maps + o * plane, plane);
    assign_activated(activation, map, map * scale_(o) + offset_(o));
  }
}

void VirtualBatchNorm::backward(Activation activation, const float* convolved, const float* activated,
                                float* gradient, std::size_t batch, std::size_t cells, std::vector<double>& gains,
                                std::vector<double>& shifts) const {
  if (!calibrated())
    throw std::logic_error("virtual batch norm used before its reference statistics were computed");
  const auto plane = static_cast<Eigen::Index>(cells * batch);
  const auto channels = static_cast<std::size_t>(scale_.size());
  gains.assign(channels, 0.0);
  shifts.assign(channels, 0.0);
  for (std::size_t o = 0; o < channels; ++o) {
    const auto index = static_cast<Eigen::Index>(o);
    const Eigen::Map<const Eigen::ArrayXf> z(convolved + index * plane, plane);
    Eigen::Map<Eigen::ArrayXf> delta(gradient + index * plane, plane);
    const Eigen::ArrayXf x = z * scale_(index) + offset_(index);
    multiply_by_slopes(activation, delta, x, Eigen::Map<const Eigen::ArrayXf>(activated + index * plane, plane));
    const Eigen::ArrayXd delta_x = delta.cast<double>();
    shifts[o] = delta_x.sum();
    gains[o] = (delta_x * (z.cast<double>() - means_[o])).sum() / std::sqrt(variances_[o] + kEpsilon);
    delta *= scale_(index);
  }
}

}  // namespace convneat
