#pragma once
// Graphviz DOT of a genome: inputs and bias on the top rank, outputs on the bottom, hidden
// nodes between; enabled connections solid with width by |weight|, disabled ones dashed
// and grey; every edge labelled with its weight (past 40 edges, a tooltip instead: an SVG
// viewer shows it on hover, a PNG not at all). Red: negative, blue: positive; a legend
// says so. A spatial front end is one summarising box (a line per layer, with shapes) above
// a cluster of the readout inputs: one node per input when each channel gives one (a mean or
// max readout), else one node per image and channel with its count of inputs, and one edge
// per group and target labelled with its number of links and their sum (colour: the sum's
// sign; width: their mean |weight|). Inputs and outputs the task names (Task::input_names,
// output_names) carry the name above their id.
#include <string>

#include "genome/genome.hpp"
#include "genome/node_names.hpp"

namespace convneat {

std::string genome_to_dot(const Genome& genome, const std::string& title = "genome", const NodeNames& names = {});

}  // namespace convneat
