#pragma once
// Settings of the genome: its shape, how it is initialised, how it mutates, and how two
// genomes are compared. The JSON keys, defaults and descriptions of these fields are
// declared once, in neat/config_schema.cpp.
#include <array>
#include <cstddef>
#include <vector>

#include "genome/activation.hpp"
#include "genome/aggregation.hpp"
#include "genome/izhikevich.hpp"
#include "genome/real_attribute.hpp"
#include "genome/name_table.hpp"
#include "genome/spatial_config.hpp"

namespace convneat {

enum class InitialConnectivity { full, none, partial };

inline constexpr auto kInitialConnectivities = name_table<InitialConnectivity>({
    {InitialConnectivity::full, "full"},
    {InitialConnectivity::none, "none"},
    {InitialConnectivity::partial, "partial"},
});

struct GenomeConfig {
  std::size_t num_inputs = 2;
  std::size_t num_outputs = 1;
  bool bias_node = true;      // a constant-1 input node, as in the original NEAT
  bool feed_forward = true;   // false allows recurrent links, self-loops included

  InitialConnectivity initial_connectivity = InitialConnectivity::full;
  double initial_connection_fraction = 0.5;  // used by `partial`
  // Hidden nodes of the start genome (neat-python's num_hidden): one layer between inputs and
  // outputs, so that a genome trained by gradient can compute what no linear map of its
  // inputs can (whether two images show the same class). 0: the original NEAT start.
  std::size_t initial_hidden = 0;

  Activation hidden_activation = Activation::steep_sigmoid;
  Activation output_activation = Activation::steep_sigmoid;
  std::vector<Activation> activation_options{Activation::steep_sigmoid};
  // Aggregation and response (genome/aggregation.hpp): sum and 1 make the original NEAT node.
  Aggregation hidden_aggregation = Aggregation::sum;
  Aggregation output_aggregation = Aggregation::sum;
  std::vector<Aggregation> aggregation_options{Aggregation::sum};

  // Weights: Gaussian perturbation with stdev `weight_mutate_power`, or replacement.
  double weight_init_stdev = 1.0;
  double weight_limit = 8.0;  // weights and biases are clamped to [-limit, limit]
  double weight_mutate_rate = 0.8;
  double weight_mutate_power = 1.5;
  double weight_replace_rate = 0.1;

  double bias_init_stdev = 0.0;
  double bias_mutate_rate = 0.0;
  double bias_mutate_power = 0.5;
  double bias_replace_rate = 0.0;

  // Responses and CTRNN time constants (genome/real_attribute.hpp), with neat-python's
  // defaults: every node at 1, nothing mutated. Time constants matter only to a CTRNN
  // phenotype (nets/ctrnn_network.hpp).
  RealAttribute response{.init_mean = 1.0, .min_value = -30.0, .max_value = 30.0};
  RealAttribute time_constant{.init_mean = 1.0, .min_value = 0.01, .max_value = 10.0};
  // Izhikevich neurons' parameters (genome/izhikevich.hpp), read by spiking phenotypes only.
  // Their start means are `izhikevich_preset`'s unless a config gives them (config_file.cpp).
  SpikingPreset izhikevich_preset = SpikingPreset::regular_spiking;
  RealAttribute izhikevich_a{.init_mean = 0.02, .min_value = 0.001, .max_value = 1.0};
  RealAttribute izhikevich_b{.init_mean = 0.2, .min_value = -1.0, .max_value = 1.0};
  RealAttribute izhikevich_c{.init_mean = -65.0, .min_value = -100.0, .max_value = -30.0};
  RealAttribute izhikevich_d{.init_mean = 8.0, .min_value = -20.0, .max_value = 20.0};

  // Annealing of every perturbation stdev (genome/mutation_schedule.hpp): the powers above and
  // the spatial ones are multiplied by final_scale^(min(g, G) / G) in generation g, G being
  // `mutate_power_decay_generations`; G = 0 keeps them constant.
  double mutate_power_final_scale = 1.0;
  std::size_t mutate_power_decay_generations = 0;

  // Structural mutations, each applied with its own probability per offspring.
  double add_connection_rate = 0.3;
  double add_node_rate = 0.03;
  double delete_connection_rate = 0.0;
  double delete_node_rate = 0.0;
  double toggle_enabled_rate = 0.0;
  double activation_mutate_rate = 0.0;
  double aggregation_mutate_rate = 0.0;
  std::size_t add_connection_attempts = 20;

  // Crossover: an aligned gene disabled in either parent stays disabled with this probability.
  double disabled_gene_inheritance = 0.75;

  // Compatibility distance δ = c1·E/N + c2·D/N + c3·W̄ + c4·V̄, V̄ the mean difference of the
  // hidden and output nodes both genomes hold (genome/compatibility.hpp).
  double excess_coefficient = 1.0;
  double disjoint_coefficient = 1.0;
  double weight_coefficient = 0.4;
  double node_coefficient = 0.0;
  // When both genomes have fewer connection genes than this, N = 1 (the original code's
  // choice for small genomes); 0 always uses the larger gene count.
  std::size_t small_genome_size = 20;

  SpatialConfig spatial;  // the convolutional front end; off unless layers are configured
};

// Each Izhikevich parameter: its letter, its settings in the config and its value in a node
// gene, so that every operator treats the four alike.
struct IzhikevichAttribute {
  const char* letter;
  RealAttribute GenomeConfig::*settings;
  double IzhikevichParameters::*value;
};

inline constexpr std::array<IzhikevichAttribute, 4> kIzhikevichAttributes{{
    {"a", &GenomeConfig::izhikevich_a, &IzhikevichParameters::a},
    {"b", &GenomeConfig::izhikevich_b, &IzhikevichParameters::b},
    {"c", &GenomeConfig::izhikevich_c, &IzhikevichParameters::c},
    {"d", &GenomeConfig::izhikevich_d, &IzhikevichParameters::d},
}};

}  // namespace convneat
