#pragma once
// ONNX model of a feed-forward genome: float input "inputs" [N, inputs] and float output
// "outputs" [N, outputs] computing what FeedForwardNetwork computes (in float32, the type
// every ONNX runtime supports; ConvNEAT itself computes in double).
#include <string>

#include "genome/genome.hpp"

namespace convneat {

// The serialized ModelProto, already accepted by onnx::checker. Throws
// std::invalid_argument for a genome with a cycle (recurrent networks cannot be exported)
// and std::runtime_error if the checker refuses the model.
std::string genome_to_onnx(const Genome& genome, const std::string& name = "convneat_champion");

}  // namespace convneat
