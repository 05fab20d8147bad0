#pragma once
// Mutation operators. Each is applied with its own config rate by mutate(); each is also
// callable alone (tests, tools). Structural operators return whether they changed the genome.
#include "genome/genome.hpp"
#include "genome/genome_config.hpp"
#include "genome/innovation/innovation_policy.hpp"
#include "genome/random.hpp"

namespace convneat {

struct MutationContext {
  const GenomeConfig& config;
  InnovationPolicy& innovations;
  RandomStream& random;
};

// Applies every operator with its configured probability (mutation.cpp): mutate_structure(),
// then mutate_parameters() with the same stream.
void mutate(Genome& genome, MutationContext& context);
// The two halves of mutate(). The structural one (and the activation and toggle operators
// among it) is the only one that reads or extends the innovation records; the parametric one
// perturbs weights, biases and spatial parameters, touching nothing but the genome and its
// stream, so offspring can take it in parallel (neat/reproduction.cpp).
void mutate_structure(Genome& genome, MutationContext& context);
void mutate_parameters(Genome& genome, const GenomeConfig& config, RandomStream& random);

// Parametric operators (parametric_mutation.cpp).
void mutate_weights(Genome& genome, const GenomeConfig& config, RandomStream& random);
void mutate_biases(Genome& genome, const GenomeConfig& config, RandomStream& random);
// Responses are perturbed or replaced per hidden and output node; no draw when both rates are 0.
void mutate_responses(Genome& genome, const GenomeConfig& config, RandomStream& random);
void mutate_time_constants(Genome& genome, const GenomeConfig& config, RandomStream& random);
void mutate_izhikevich_parameters(Genome& genome, const GenomeConfig& config, RandomStream& random);
// A new activation (aggregation) from the options for one random hidden node.
bool mutate_activation(Genome& genome, const GenomeConfig& config, RandomStream& random);
bool mutate_aggregation(Genome& genome, const GenomeConfig& config, RandomStream& random);

// Structural operators (structural_mutation.cpp).
bool mutate_add_connection(Genome& genome, MutationContext& context);
bool mutate_add_node(Genome& genome, MutationContext& context);
bool mutate_delete_connection(Genome& genome, RandomStream& random);
bool mutate_delete_node(Genome& genome, RandomStream& random);
bool mutate_toggle_enabled(Genome& genome, RandomStream& random);

// Spatial operators, for genomes with a front end (the structural ones return false on a
// genome without one). mutate() applies them only when genome.spatial is set.
// Kernels and biases perturbed or replaced per parameter, centroids moved and shapes
// perturbed when the config lets them evolve (spatial/parametric_mutation.cpp).
void mutate_spatial_parameters(SpatialStack& stack, const GenomeConfig& config, RandomStream& random);
// Inserts an identity layer before a random layer (spatial/layer_insertion.cpp).
bool mutate_add_layer(Genome& genome, MutationContext& context);
// One more output channel in a random layer below max_channels, its readout joined to the
// outputs when connect_new_channels says so (spatial/layer_channels.cpp).
bool mutate_add_channel(Genome& genome, MutationContext& context);
// shared -> centroid or centroid -> local in a random layer (spatial/sharing_mode_conversion.cpp).
bool mutate_sharing_mode(Genome& genome, const SpatialConfig& config, RandomStream& random);

}  // namespace convneat
