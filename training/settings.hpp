#pragma once
// How genomes are trained by gradient inside evolution (the config's /training section,
// neat/training_settings.cpp). Off by default: evolution alone, as every result before it.
#include <cstddef>

#include "genome/name_table.hpp"
#include "training/augmentation.hpp"
#include "training/learning_rate_schedule.hpp"
#include "training/optimiser.hpp"

namespace convneat {

// off: evolution alone. baldwinian: a genome is scored after training a copy of it; its genes
// keep their evolved values (learning guides selection, nothing learned is inherited; Hinton
// & Nowlan 1987). lamarckian: the trained values are written back into the genes and
// inherited by offspring.
enum class TrainingMode { off, baldwinian, lamarckian };

inline constexpr auto kTrainingModes = name_table<TrainingMode>({
    {TrainingMode::off, "off"},
    {TrainingMode::baldwinian, "baldwinian"},
    {TrainingMode::lamarckian, "lamarckian"},
});

// Which kinds of value training moves, each switchable on its own (/training/graph, kernels,
// ...). A kind switched off is left out of the optimiser's vector altogether, so neither a
// step nor weight decay touches it; gradients still flow through it to the kinds before it.
struct TrainableKinds {
  bool graph = true;          // the graph's connection weights and node biases
  bool kernels = true;        // spatial layers' kernel weights
  bool biases = true;         // spatial layers' channel (or position) biases
  bool normalisation = true;  // virtual batch norm's gains and shifts
  bool centroids = true;      // centroid layers' centroid positions
  bool shapes = true;         // centroid layers' similarity shape matrices

  bool any() const { return graph || kernels || biases || normalisation || centroids || shapes; }
};

struct TrainingSettings {
  TrainingMode mode = TrainingMode::off;
  OptimiserSettings optimiser;  // its `limit` is the genome's weight limit
  std::size_t steps = 20;       // optimiser steps per genome and generation
  std::size_t batch_size = 64;  // examples per step (the whole training set when it is smaller)
  TrainableKinds kinds{};
  ImageAugmentation augmentation{};  // of the training images each step sees (image tasks)
  double dropout = 0.0;  // of a front end's readout features in each step (training/dropout.hpp)
  ScheduleSettings schedule{};   // how optimiser.learning_rate changes over the run
  std::size_t generations = 0;   // the run's length (/stop/max_generations): the schedule's horizon
  bool dense_layers = false;     // the phenotype's /network/dense_layers: the graph trains as it is scored
};

// The settings a genome of `generation` trains with: the optimiser's rate is the schedule's
// at that generation's share of the run (its start rate with no horizon).
TrainingSettings for_generation(const TrainingSettings& settings, std::size_t generation);

}  // namespace convneat
