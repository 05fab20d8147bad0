#include "nets/spatial_network.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "nets/feed_forward_network.hpp"
#include "nets/recurrent_network.hpp"

namespace convneat {
namespace {

const SpatialStack& spatial_stack(const Genome& genome) {
  if (!genome.spatial || genome.spatial->layers.empty())
    throw std::invalid_argument("genome " + std::to_string(genome.id) + " has no spatial layers");
  return *genome.spatial;
}

std::unique_ptr<Network> compile_graph_network(const Genome& genome, bool feed_forward) {
  if (feed_forward) return std::make_unique<FeedForwardNetwork>(genome);
  return std::make_unique<RecurrentNetwork>(genome);
}

// Graph input i must be readout feature i: the input node ids, in the graph's (sorted)
// order, must be the readout nodes.
void check_graph_inputs(const Genome& genome, const SpatialFrontEnd& front_end) {
  std::vector<NodeId> inputs;
  for (const NodeGene& node : genome.nodes)
    if (node.kind == NodeKind::input) inputs.push_back(node.id);
  const std::string name = "genome " + std::to_string(genome.id);
  if (inputs.size() != front_end.readout_size())
    throw std::invalid_argument(name + ": its spatial readout gives " + std::to_string(front_end.readout_size()) +
                                " features but its graph has " + std::to_string(inputs.size()) + " input nodes");
  if (inputs != readout_nodes(*genome.spatial))
    throw std::invalid_argument(name + ": its graph's input nodes are not the readout nodes of its last spatial layer");
}

}  // namespace

SpatialNetwork::SpatialNetwork(const Genome& genome, bool feed_forward)
    : front_end_(spatial_stack(genome)), graph_(compile_graph_network(genome, feed_forward)) {
  check_graph_inputs(genome, front_end_);
}

void SpatialNetwork::activate(std::span<const double> inputs, std::span<double> outputs) {
  if (inputs.size() != input_count())
    throw std::invalid_argument("spatial network expects " + std::to_string(input_count()) + " inputs (one image), got " +
                                std::to_string(inputs.size()));
  image_.assign(inputs.begin(), inputs.end());
  const Eigen::MatrixXf& features = front_end_.forward(image_.data(), 1);
  features_.assign(features.data(), features.data() + features.size());
  graph_->activate(features_, outputs);
}

Eigen::MatrixXd SpatialNetwork::activate_batch(const Eigen::MatrixXd& inputs) {
  if (static_cast<std::size_t>(inputs.cols()) != input_count())
    throw std::invalid_argument("spatial network expects " + std::to_string(input_count()) +
                                " inputs per row (one image), got " + std::to_string(inputs.cols()));
  // N × C·H·W column-major is the front end's native layout: a plain conversion, no transposition.
  const Eigen::MatrixXf images = inputs.cast<float>();
  return graph_->activate_batch(front_end_.forward(images).cast<double>());
}

Eigen::MatrixXd SpatialNetwork::activate_images(const float* images, std::size_t batch) {
  return graph_->activate_batch(front_end_.forward(images, batch).cast<double>());
}

}  // namespace convneat
