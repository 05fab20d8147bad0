#pragma once
// A genome with a convolutional front end: images → SpatialFrontEnd (float) → readout
// features → the genome's graph (FeedForwardNetwork or RecurrentNetwork, double). The
// graph's input nodes are the readout nodes, sorted, so graph input i is feature i.
//
// input_count() is copies × C·H·W: one example is `copies` images one after the other
// (stack.copies, 1 unless the task presents several images per example). The one front end
// runs on every copy with the same parameters (tied weights): the copies of N examples go
// through it as one batch of copies·N images, and copy c's readout feeds graph inputs
// [c·R, (c + 1)·R) (R = front_end().readout_size()), the copy-major order of readout_nodes().
// activate() and activate_batch() take examples as rows of doubles in CHW order;
// activate_float_batch() and activate_images() are the float paths of dataset tasks: no round
// trip through double on the way in.
#include <memory>
#include <vector>

#include "nets/network.hpp"
#include "nets/phenotype.hpp"
#include "nets/spatial_front_end.hpp"

namespace convneat {

class SpatialNetwork final : public Network {
 public:
  // Throws std::invalid_argument when the genome has no spatial layers, the stack does not
  // compile, or the graph's input nodes are not exactly the stack's readout nodes.
  SpatialNetwork(const Genome& genome, const Phenotype& phenotype);

  std::size_t input_count() const override { return copies_ * front_end_.input_size(); }
  std::size_t copies() const { return copies_; }
  std::size_t output_count() const override { return graph_->output_count(); }
  void activate(std::span<const double> inputs, std::span<double> outputs) override;
  Eigen::MatrixXd activate_batch(const Eigen::MatrixXd& inputs) override;
  Eigen::MatrixXd activate_float_batch(const Eigen::MatrixXf& inputs) override;
  void reset() override { graph_->reset(); }
  bool keeps_state() const override { return graph_->keeps_state(); }
  std::size_t propagation_steps() const override { return graph_->propagation_steps(); }

  // N examples of copies × C·H·W floats, row after row; returns N × outputs.
  Eigen::MatrixXd activate_images(const float* images, std::size_t batch);

  // Virtual batch norm: whether the front end needs a reference batch, and computing its
  // statistics from `batch` single images of C·H·W floats (SpatialFrontEnd::calibrate).
  bool needs_reference() const { return front_end_.normalises(); }
  void calibrate(const float* images, std::size_t batch) { front_end_.calibrate(images, batch); }

  // Gradients through the tied copies (spatial_gradient.hpp). For N examples (rows of
  // copies × C·H·W values, as activate_batch() takes them): the batch of copies·N single
  // images the front end runs (copy-major: row c·N + n is copy c of example n), the graph's
  // inputs (N × copies·R) from that batch's readout, and back, ∂L/∂graph inputs as
  // ∂L/∂readout of that batch (copies·N × R), ready for SpatialFrontEnd::backward, which sums
  // the copies' gradients into the one stack.
  Eigen::MatrixXf tied_images(const Eigen::MatrixXd& inputs) const;
  Eigen::MatrixXf tied_images(const Eigen::MatrixXf& inputs) const;
  Eigen::MatrixXd graph_inputs(const Eigen::MatrixXf& readout) const;
  Eigen::MatrixXf readout_gradient(const Eigen::MatrixXd& graph_input_gradient) const;

  // The front end compiled anew from `stack`, the genome's stack with new values (what
  // gradient training writes at every step); its structure must be the one compiled before.
  // The graph stays as it is: recompiling it is the cost training avoids.
  void recompile_front_end(const SpatialStack& stack) { front_end_ = SpatialFrontEnd(stack); }

  SpatialFrontEnd& front_end() { return front_end_; }
  const SpatialFrontEnd& front_end() const { return front_end_; }
  Network& graph() { return *graph_; }
  const Network& graph() const { return *graph_; }

 private:
  void check_width(Eigen::Index columns) const;
  template <class Matrix>
  Eigen::MatrixXf copy_major_images(const Matrix& inputs) const;

  // Graph inputs (N × copies·R) from the readouts of copies·N images, whose row
  // c·copy_stride + n·example_stride is copy c of example n.
  Eigen::MatrixXd tie_readouts(const Eigen::MatrixXf& features, std::size_t batch, std::size_t copy_stride,
                               std::size_t example_stride) const;

  std::size_t copies_;
  SpatialFrontEnd front_end_;
  std::unique_ptr<Network> graph_;
  std::vector<float> image_;       // activate(): one image in float
  std::vector<double> features_;   // activate(): its readout in double
};

}  // namespace convneat
