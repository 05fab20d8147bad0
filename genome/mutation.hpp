#pragma once
// Mutation operators. Each is applied with its own config rate by mutate(); each is also
// callable alone (tests, tools). Structural operators return whether they changed the genome.
#include "genome/genome.hpp"
#include "genome/genome_config.hpp"
#include "genome/innovation_policy.hpp"
#include "genome/random.hpp"

namespace convneat {

struct MutationContext {
  const GenomeConfig& config;
  InnovationPolicy& innovations;
  RandomStream& random;
};

// Applies every operator with its configured probability.
void mutate(Genome& genome, MutationContext& context);

// Parametric operators (parametric_mutation.cpp).
void mutate_weights(Genome& genome, const GenomeConfig& config, RandomStream& random);
void mutate_biases(Genome& genome, const GenomeConfig& config, RandomStream& random);
bool mutate_activation(Genome& genome, const GenomeConfig& config, RandomStream& random);

// Structural operators (structural_mutation.cpp).
bool mutate_add_connection(Genome& genome, MutationContext& context);
bool mutate_add_node(Genome& genome, MutationContext& context);
bool mutate_delete_connection(Genome& genome, RandomStream& random);
bool mutate_delete_node(Genome& genome, RandomStream& random);
bool mutate_toggle_enabled(Genome& genome, RandomStream& random);

}  // namespace convneat
