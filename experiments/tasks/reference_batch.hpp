#pragma once
// The reference batch of virtual batch norm (nets/virtual_batch_norm.hpp): training examples
// chosen once per run, reproducibly, whose images fix every normalising layer's statistics
// when a phenotype is prepared. Afterwards each image is normalised with those statistics
// alone, whatever else shares its batch.
#include <cstddef>
#include <cstdint>

#include "experiments/tasks/image_set.hpp"
#include "nets/network.hpp"

namespace convneat {

// `size` distinct examples of `train` (all of them when it holds fewer), drawn without
// replacement from a stream of (seed, Purpose::reference_batch) alone: the same seed gives
// the same batch in every process.
ImageRows choose_reference_examples(const ImageSet& train, std::size_t size, std::uint64_t seed);

// Computes the statistics of a spatial network whose front end normalises, from every image
// of `examples` (each row is one example: as many images as the network takes copies, so a
// tied front end has one set of statistics for all its inputs); other networks are left
// alone. Returns whether it calibrated.
bool prepare_network(Network& network, const ImageRows& examples);

}  // namespace convneat
