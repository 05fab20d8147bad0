#pragma once
// Graphviz DOT of a genome: inputs and bias on the top rank, outputs on the bottom, hidden
// nodes between; enabled connections solid with width by |weight|, disabled ones dashed
// and grey; every edge labelled with its weight. Red: negative, blue: positive. A spatial
// front end is one summarising box (a line per layer, with shapes) above a cluster of the
// readout inputs, each named by its channel and cell.
#include <string>

#include "genome/genome.hpp"

namespace convneat {

std::string genome_to_dot(const Genome& genome, const std::string& title = "genome");

}  // namespace convneat
