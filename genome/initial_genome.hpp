#pragma once
// The start genome: fixed input, bias and output nodes, connected as the config says.
#include "genome/genome_config.hpp"
#include "genome/innovation_policy.hpp"
#include "genome/random.hpp"

namespace convneat {

Genome make_initial_genome(GenomeId id, const GenomeConfig& config, InnovationPolicy& innovations,
                           RandomStream& random);

}  // namespace convneat
