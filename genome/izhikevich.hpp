#pragma once
// The four parameters of Izhikevich's simple model neuron (Izhikevich 2003, "Simple model of
// spiking neurons", IEEE Trans. Neural Networks 14:1569), a node gene of spiking phenotypes
// (nets/izhikevich_network.hpp):
//   v' = 0.04 v² + 5 v + 140 − u + I,   u' = a (b v − u),   if v ≥ 30 mV: v ← c, u ← u + d
// a is the time scale of the recovery variable u, b its sensitivity to v, c the membrane
// potential after a spike (mV) and d the step of u after a spike. The named sets are the
// paper's (Fig. 2), which neat-python's iznn module offers too.
#include "genome/name_table.hpp"

namespace convneat {

struct IzhikevichParameters {
  double a = 0.02;
  double b = 0.2;
  double c = -65.0;
  double d = 8.0;

  bool operator==(const IzhikevichParameters&) const = default;
};

enum class SpikingPreset {
  regular_spiking,
  intrinsically_bursting,
  chattering,
  fast_spiking,
  thalamo_cortical,
  resonator,
  low_threshold_spiking,
};

inline constexpr auto kSpikingPresets = name_table<SpikingPreset>({
    {SpikingPreset::regular_spiking, "regular_spiking"},
    {SpikingPreset::intrinsically_bursting, "intrinsically_bursting"},
    {SpikingPreset::chattering, "chattering"},
    {SpikingPreset::fast_spiking, "fast_spiking"},
    {SpikingPreset::thalamo_cortical, "thalamo_cortical"},
    {SpikingPreset::resonator, "resonator"},
    {SpikingPreset::low_threshold_spiking, "low_threshold_spiking"},
});

constexpr IzhikevichParameters preset_parameters(SpikingPreset preset) {
  switch (preset) {
    case SpikingPreset::regular_spiking: return {0.02, 0.2, -65.0, 8.0};
    case SpikingPreset::intrinsically_bursting: return {0.02, 0.2, -55.0, 4.0};
    case SpikingPreset::chattering: return {0.02, 0.2, -50.0, 2.0};
    case SpikingPreset::fast_spiking: return {0.1, 0.2, -65.0, 2.0};
    case SpikingPreset::thalamo_cortical: return {0.02, 0.25, -65.0, 0.05};
    case SpikingPreset::resonator: return {0.1, 0.25, -65.0, 2.0};
    case SpikingPreset::low_threshold_spiking: return {0.02, 0.25, -65.0, 2.0};
  }
  return {};
}

}  // namespace convneat
