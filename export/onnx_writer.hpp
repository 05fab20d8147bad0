#pragma once
// ONNX model of a feed-forward genome computing what its network computes (in float32, the
// type every ONNX runtime supports; ConvNEAT computes its graph in double):
//  - a genome without spatial layers: float input "inputs" [N, inputs] (graph input i is
//    input node i in id order), float output "outputs" [N, outputs];
//  - a genome with a convolutional front end: float input "inputs" [N, C, H, W], images in
//    CHW order as SpatialNetwork reads them, then the front end's layers (Conv, blending,
//    activation, 2 × 2 pooling) and readout, whose [N, features] tensor feeds the graph;
//    float output "outputs" [N, outputs].
// A front end tied over several images takes [N, copies, C, H, W] (each example's copies in
// the order SpatialNetwork reads them), its parameters one initializer each. A layer with
// virtual batch norm becomes a BatchNormalization with the fixed statistics of the task's
// reference batch, which the genome does not hold: the caller computes them (a calibrated
// SpatialFrontEnd's normalisation_statistics(); `convneat export` prepares the champion on
// its task to get them).
// A phenotype with state (a recurrent graph, a CTRNN) is exported as one activation: besides
// "inputs" it takes "state" [N, S] and gives "next_state" [N, S] as well as "outputs", S being
// the values of its computed nodes (those that reach an output) in node id order, all 0 after
// a reset. A user loops it, feeding each call's next_state to the next call. A CTRNN's call
// holds its steps_per_activation steps, unrolled. A spiking network has no ONNX form and is
// refused by name.
#include <string>
#include <vector>

#include "genome/genome.hpp"
#include "nets/phenotype.hpp"
#include "nets/virtual_batch_norm.hpp"

namespace convneat {

// Virtual batch norm's statistics, one entry per layer of the stack in order (empty for a
// layer that does not normalise): SpatialFrontEnd::normalisation_statistics() of a calibrated
// front end. Empty for a front end without normalisation.
using FrontEndStatistics = std::vector<NormStatistics>;

// The serialized ModelProto (opset 13) of the genome compiled as `phenotype`, already accepted
// by onnx::checker. Throws std::invalid_argument for a feed-forward genome with a cycle, a
// front end that does not compile or does not feed the graph's inputs, or a normalising
// layer whose statistics `statistics` does not give (one per channel), and
// std::runtime_error if the checker refuses the model.
std::string genome_to_onnx(const Genome& genome, const Phenotype& phenotype = {},
                           const FrontEndStatistics& statistics = {}, const std::string& name = "convneat_champion");

}  // namespace convneat
