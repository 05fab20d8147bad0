#pragma once
// A genome with a front end has as graph inputs exactly the readout nodes of its stack.
// Operators that change the last layer's channels (add channel, crossover) call this to
// restore that: readout nodes the graph lacks are added unconnected (the network's function
// is unchanged), input nodes the stack no longer reads out go with their connections.
#include "genome/genome.hpp"

namespace convneat {

// A no-op for a genome without a front end.
void match_inputs_to_readout(Genome& genome);

}  // namespace convneat
