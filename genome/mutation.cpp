#include "genome/mutation.hpp"

namespace convneat {

// The order of the operators, and that each draws its chance whether or not it can act, is
// part of every run's random sequence: reordering them changes results.
void mutate(Genome& genome, MutationContext& context) {
  mutate_structure(genome, context);
  mutate_parameters(genome, context.config, context.random);
}

void mutate_structure(Genome& genome, MutationContext& context) {
  const GenomeConfig& config = context.config;
  RandomStream& random = context.random;
  // Spatial operators draw only for genomes with a front end, so graph-only runs see the
  // same random numbers as before spatial layers existed.
  if (genome.spatial) {
    if (random.chance(config.spatial.add_layer_rate)) mutate_add_layer(genome, context);
    if (random.chance(config.spatial.add_channel_rate)) mutate_add_channel(genome, context);
    if (random.chance(config.spatial.mode_mutate_rate)) mutate_sharing_mode(genome, config.spatial, random);
  }
  if (random.chance(config.add_node_rate)) mutate_add_node(genome, context);
  if (random.chance(config.add_connection_rate)) mutate_add_connection(genome, context);
  if (random.chance(config.delete_node_rate)) mutate_delete_node(genome, random);
  if (random.chance(config.delete_connection_rate)) mutate_delete_connection(genome, random);
  if (random.chance(config.toggle_enabled_rate)) mutate_toggle_enabled(genome, random);
  if (random.chance(config.activation_mutate_rate)) mutate_activation(genome, config, random);
  if (random.chance(config.aggregation_mutate_rate)) mutate_aggregation(genome, config, random);
}

void mutate_parameters(Genome& genome, const GenomeConfig& config, RandomStream& random) {
  mutate_weights(genome, config, random);
  mutate_biases(genome, config, random);
  mutate_responses(genome, config, random);
  mutate_time_constants(genome, config, random);
  mutate_izhikevich_parameters(genome, config, random);
  if (genome.spatial) mutate_spatial_parameters(*genome.spatial, config, random);
}

}  // namespace convneat
