#pragma once
// Inverted dropout (Srivastava et al. 2014) on the features a spatial front end hands the
// graph, in training steps only: each feature of each example is kept with probability
// 1 − rate and then scaled by 1/(1 − rate), or set to 0, so the graph sees the same expected
// input as when scoring, where nothing is dropped. The readout of a front end is where a
// small convolutional network overfits (thousands of flattened features into a linear
// readout), so that is where it applies. The gradient flows back through the same mask.
//
// The mask is drawn from the trainer's stream after the batch and its augmentation, so runs
// stay bit-identical for any number of threads and ranks; with rate 0 nothing is drawn.
#include <Eigen/Core>

#include "genome/random.hpp"

namespace convneat {

class FeatureDropout {
 public:
  // Draws which of a rows × cols matrix of features one step keeps.
  FeatureDropout(double rate, Eigen::Index rows, Eigen::Index cols, RandomStream& random);

  // The features with the dropped ones 0 and the kept ones scaled by 1/(1 − rate).
  Eigen::MatrixXf forward(const Eigen::MatrixXf& features) const;
  // ∂L/∂features from ∂L/∂(forward's result): the same mask and scale (the map is linear).
  Eigen::MatrixXf backward(const Eigen::MatrixXf& gradient) const;

 private:
  Eigen::ArrayXXf scale_;  // 0 or 1/(1 − rate) per feature; empty with rate 0 (keep all)
};

}  // namespace convneat
