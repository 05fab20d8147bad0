#pragma once
// Which network a genome becomes (compile_network.hpp): the config's /network section, with
// /genome/feed_forward for the graph it runs on.
//   graph  a feed-forward network (feed_forward) or a discrete-time recurrent one, one
//          synchronous step per activation (the original NEAT phenotypes)
//   ctrnn  a continuous-time recurrent network (nets/ctrnn_network.hpp): each node's state
//          follows τ dy/dt = −y + act(bias + response · agg(w·x)), integrated in steps of
//          time_step, steps_per_activation of them per activation
//   izhikevich  a spiking network of Izhikevich neurons (nets/izhikevich_network.hpp), fed
//          currents, stepped time_step milliseconds at a time; an activation is a window of
//          steps_per_activation steps and outputs each output neuron's spikes in it
#include <cstddef>
#include <string>

#include "genome/name_table.hpp"

namespace convneat {

enum class NetworkKind { graph, ctrnn, izhikevich };

inline constexpr auto kNetworkKinds = name_table<NetworkKind>(
    {{NetworkKind::graph, "graph"}, {NetworkKind::ctrnn, "ctrnn"}, {NetworkKind::izhikevich, "izhikevich"}});

// How a CTRNN step of length dt moves a node's state y towards its target z, with h = dt/τ:
//   exponential    y ← e^(−h) y + (1 − e^(−h)) z   exact while z is constant (neat-python's)
//   forward_euler  y ← y + h (z − y)               stable only for h ≤ 2
enum class Integration { exponential, forward_euler };

inline constexpr auto kIntegrations = name_table<Integration>(
    {{Integration::exponential, "exponential"}, {Integration::forward_euler, "forward_euler"}});

// What a spiking network's output neuron reports for an activation's window: its spike count,
// or its firing rate in spikes per second (the count over the window's length).
enum class SpikeOutput { count, rate };

inline constexpr auto kSpikeOutputs =
    name_table<SpikeOutput>({{SpikeOutput::count, "count"}, {SpikeOutput::rate, "rate"}});

struct NetworkSettings {
  NetworkKind kind = NetworkKind::graph;
  Integration integration = Integration::exponential;
  double time_step = 0.01;               // dt: the time constants' unit (ctrnn), ms (izhikevich)
  std::size_t steps_per_activation = 1;  // steps one activation advances, inputs held
  SpikeOutput spike_output = SpikeOutput::count;  // izhikevich
  // graph, feed-forward: dense depths as one matrix product each (nets/dense_levels.hpp); off
  // by default, since the sums then round differently from connection by connection.
  bool dense_layers = false;

  bool operator==(const NetworkSettings&) const = default;
};

// Everything compile_network needs besides the genome.
struct Phenotype {
  bool feed_forward = true;  // the graph is acyclic (cycles are then refused at compile time)
  NetworkSettings network{};

  bool operator==(const Phenotype&) const = default;
};

// "feed-forward", "recurrent (feed_forward is false)", "a CTRNN …" or "a spiking network …",
// for messages.
inline std::string phenotype_name(const Phenotype& phenotype) {
  if (phenotype.network.kind == NetworkKind::ctrnn) return "a CTRNN (/network/kind ctrnn)";
  if (phenotype.network.kind == NetworkKind::izhikevich) return "a spiking network (/network/kind izhikevich)";
  return phenotype.feed_forward ? "feed-forward" : "recurrent (feed_forward is false)";
}

}  // namespace convneat
