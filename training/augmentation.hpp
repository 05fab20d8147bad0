#pragma once
// Random changes to the training images a gradient step sees: each image of each example is
// translated by a whole number of pixels up to `shift` each way (what moves out of the frame
// is lost, what comes in is 0, the background of the MNIST-style sets) and, with `flip`,
// mirrored left to right with probability ½. The images that score a genome (its fitness
// batch, validation, test) are never changed. Augmentation only makes sense where the change
// keeps the class: Fashion-MNIST's clothes are mirror-symmetric classes, digits are not, and
// aligned_parts is defined by where its parts sit, so shifting it changes its labels.
//
// The draws come from the trainer's stream after each batch is drawn, so a run with
// augmentation stays bit-identical for any number of threads and ranks; with none, nothing
// is drawn and every run is as before.
#include <cstddef>

#include <Eigen/Core>

#include "genome/random.hpp"
#include "genome/spatial_gene.hpp"

namespace convneat {

struct ImageAugmentation {
  std::size_t shift = 0;  // largest translation, in pixels, along each axis
  bool flip = false;      // mirror left to right with probability ½

  bool any() const { return shift > 0 || flip; }
};

// How each example's inputs hold images: `copies` images of `shape` one after the other in a
// row, each channel by channel, each channel row by row (ImageSet's layout).
struct ExampleImages {
  ImageShape shape;
  std::size_t copies = 1;
};

// Augments every image of every row in place, each image with its own draws.
void augment_images(Eigen::MatrixXd& rows, const ExampleImages& layout, const ImageAugmentation& augmentation,
                    RandomStream& random);

}  // namespace convneat
