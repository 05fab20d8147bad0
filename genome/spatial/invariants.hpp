#pragma once
// What a valid front end is (part of invariant_violations()):
// at least one layer; unique layer innovation ids; each layer reads as many channels as the
// one before it writes (the image's for the first); every layer fits its input
// (stack_geometry does not throw); banks = 1 (shared), H'·W' (local) or K (centroid);
// kernels and biases hold banks × C_out·C_in·k·k and banks × C_out values; a centroid layer
// has K shapes and K (or K·C_out when per_feature) centroids and a positive scale; other
// layers carry default (empty) centroid parameters; every value is finite; the readout fits
// the node id range and the graph's input nodes are exactly the readout nodes.
#include <string>
#include <vector>

#include "genome/genome.hpp"

namespace convneat {

// Appends every rule the genome's front end breaks; nothing for a genome without one.
void check_spatial(const Genome& genome, std::vector<std::string>& problems);

}  // namespace convneat
