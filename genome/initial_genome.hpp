#pragma once
// The start genome: fixed input, bias and output nodes (and a hidden layer between them with
// /genome/initial_hidden), connected as the config says, and,
// when the config has spatial layers, the start front end (spatial/initial_stack.hpp) whose readout
// nodes are the graph's inputs.
#include "genome/genome_config.hpp"
#include "genome/innovation/innovation_policy.hpp"
#include "genome/random.hpp"

namespace convneat {

Genome make_initial_genome(GenomeId id, const GenomeConfig& config, InnovationPolicy& innovations,
                           RandomStream& random);

}  // namespace convneat
