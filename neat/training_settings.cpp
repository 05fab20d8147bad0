#include "neat/training_settings.hpp"

#include "neat/setting_builders.hpp"

namespace convneat {

std::vector<Setting> training_settings() {
  return {
      choice("/training/mode", choices_of(kTrainingModes),
             "gradient training of every genome before it is scored (docs/training.md): off (evolution alone), "
             "baldwinian (a trained copy is scored; the genes keep their values; the champion file holds the "
             "trained copy) or lamarckian (the trained values are written into the genes and inherited)",
             [](auto& c) -> auto& { return c.training.mode; }),
      choice("/training/optimiser", choices_of(kOptimisers), "sgd (with momentum) or adam",
             [](auto& c) -> auto& { return c.training.optimiser.kind; }),
      real("/training/learning_rate", 0.0, 10.0, "the optimiser's step size",
           [](auto& c) -> auto& { return c.training.optimiser.learning_rate; }),
      choice("/training/schedule", choices_of(kLearningRateSchedules),
             "how the learning rate changes over a run: constant, or cosine (annealed from learning_rate at the "
             "first generation toward final_learning_rate at /stop/max_generations, every genome of a generation "
             "training at that generation's rate; over --steps in convneat train)",
             [](auto& c) -> auto& { return c.training.schedule.kind; }),
      real("/training/final_learning_rate", 0.0, 10.0, "cosine schedule: the learning rate it decays toward",
           [](auto& c) -> auto& { return c.training.schedule.final_learning_rate; }),
      real("/training/momentum", 0.0, 0.999, "sgd: the momentum coefficient μ (v ← μ v + g)",
           [](auto& c) -> auto& { return c.training.optimiser.momentum; }),
      real("/training/adam_beta1", 0.0, 0.999, "adam: the decay of the running mean of gradients",
           [](auto& c) -> auto& { return c.training.optimiser.beta1; }),
      real("/training/adam_beta2", 0.0, 0.999999, "adam: the decay of the running mean of squared gradients",
           [](auto& c) -> auto& { return c.training.optimiser.beta2; }),
      real("/training/weight_decay", 0.0, 1.0,
           "decoupled weight decay λ: each step also shrinks every trained connection and kernel weight by "
           "learning_rate · λ · itself (biases, gains, shifts, centroids and shapes do not decay)",
           [](auto& c) -> auto& { return c.training.optimiser.weight_decay; }),
      flag("/training/graph", "train the graph's connection weights and node biases",
           [](auto& c) -> auto& { return c.training.kinds.graph; }),
      flag("/training/kernels", "spatial layers: train the kernel weights",
           [](auto& c) -> auto& { return c.training.kinds.kernels; }),
      flag("/training/biases", "spatial layers: train the biases",
           [](auto& c) -> auto& { return c.training.kinds.biases; }),
      flag("/training/normalisation", "virtual batch norm: train the gains and shifts",
           [](auto& c) -> auto& { return c.training.kinds.normalisation; }),
      flag("/training/centroids", "centroid layers: train the centroid positions (kept in the output plane)",
           [](auto& c) -> auto& { return c.training.kinds.centroids; }),
      flag("/training/shapes", "centroid layers: train the similarity shape matrices",
           [](auto& c) -> auto& { return c.training.kinds.shapes; }),
      integer("/training/steps", 1, 1000000, "optimiser steps per genome and generation",
              [](auto& c) -> auto& { return c.training.steps; }),
      integer("/training/batch_size", 1, 1000000,
              "training examples per step, drawn from the training split by (seed, generation, genome); the "
              "whole split, in order, when it is smaller",
              [](auto& c) -> auto& { return c.training.batch_size; }),
      integer("/training/augment_shift", 0, 1000,
              "image tasks: translate each training image a step sees by up to this many pixels each way "
              "(zero-filled), drawn per image; never the images that score a genome (0: none)",
              [](auto& c) -> auto& { return c.training.augmentation.shift; }),
      flag("/training/augment_flip",
           "image tasks: mirror each training image a step sees left to right with probability 1/2 (only where "
           "mirroring keeps the class, as for Fashion-MNIST's clothes; not digits)",
           [](auto& c) -> auto& { return c.training.augmentation.flip; }),
      real("/training/dropout", 0.0, 0.9,
           "spatial front ends: probability that each readout feature (what the front end hands the graph) is "
           "dropped in a training step, the kept ones scaled by 1/(1 - p); scoring drops nothing (0: none)",
           [](auto& c) -> auto& { return c.training.dropout; }),
  };
}

}  // namespace convneat
