#pragma once
// A genome with a convolutional front end: images → SpatialFrontEnd (float) → readout
// features → the genome's graph (FeedForwardNetwork or RecurrentNetwork, double). The
// graph's input nodes are the readout nodes, sorted, so graph input i is feature i.
//
// input_count() is C·H·W of one image: activate() and activate_batch() take images as rows
// of doubles in CHW order; activate_images() is the float fast path for dataset tasks.
#include <memory>
#include <vector>

#include "nets/network.hpp"
#include "nets/spatial_front_end.hpp"

namespace convneat {

class SpatialNetwork final : public Network {
 public:
  // Throws std::invalid_argument when the genome has no spatial layers, the stack does not
  // compile, or the graph's input nodes are not exactly the stack's readout nodes.
  SpatialNetwork(const Genome& genome, bool feed_forward);

  std::size_t input_count() const override { return front_end_.input_size(); }
  std::size_t output_count() const override { return graph_->output_count(); }
  void activate(std::span<const double> inputs, std::span<double> outputs) override;
  Eigen::MatrixXd activate_batch(const Eigen::MatrixXd& inputs) override;
  void reset() override { graph_->reset(); }
  std::size_t propagation_steps() const override { return graph_->propagation_steps(); }

  // N images of C·H·W floats, row after row; returns N × outputs.
  Eigen::MatrixXd activate_images(const float* images, std::size_t batch);

  SpatialFrontEnd& front_end() { return front_end_; }
  const SpatialFrontEnd& front_end() const { return front_end_; }
  Network& graph() { return *graph_; }
  const Network& graph() const { return *graph_; }

 private:
  SpatialFrontEnd front_end_;
  std::unique_ptr<Network> graph_;
  std::vector<float> image_;       // activate(): one image in float
  std::vector<double> features_;   // activate(): its readout in double
};

}  // namespace convneat
