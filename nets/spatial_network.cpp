#include "nets/spatial_network.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "nets/compile_network.hpp"

namespace convneat {
namespace {

const SpatialStack& spatial_stack(const Genome& genome) {
  if (!genome.spatial || genome.spatial->layers.empty())
    throw std::invalid_argument("genome " + std::to_string(genome.id) + " has no spatial layers");
  return *genome.spatial;
}

// Graph input i must be readout feature i: the input node ids, in the graph's (sorted)
// order, must be the readout nodes.
void check_graph_inputs(const Genome& genome, const SpatialFrontEnd& front_end) {
  std::vector<NodeId> inputs;
  for (const NodeGene& node : genome.nodes)
    if (node.kind == NodeKind::input) inputs.push_back(node.id);
  const std::string name = "genome " + std::to_string(genome.id);
  const std::size_t features = genome.spatial->copies * front_end.readout_size();
  if (inputs.size() != features)
    throw std::invalid_argument(name + ": its spatial readout gives " + std::to_string(features) +
                                " features but its graph has " + std::to_string(inputs.size()) + " input nodes");
  if (inputs != readout_nodes(*genome.spatial))
    throw std::invalid_argument(name + ": its graph's input nodes are not the readout nodes of its last spatial layer");
}

}  // namespace

SpatialNetwork::SpatialNetwork(const Genome& genome, const Phenotype& phenotype)
    : copies_(spatial_stack(genome).copies),
      front_end_(spatial_stack(genome)),
      graph_(compile_graph_network(genome, phenotype)) {
  check_graph_inputs(genome, front_end_);
}

void SpatialNetwork::activate(std::span<const double> inputs, std::span<double> outputs) {
  if (inputs.size() != input_count())
    throw std::invalid_argument("spatial network expects " + std::to_string(input_count()) + " inputs (" +
                                std::to_string(copies_) + " image(s)), got " + std::to_string(inputs.size()));
  image_.assign(inputs.begin(), inputs.end());
  // The example's copies are `copies` images row after row: feature (c, r) is copy c's r-th.
  const Eigen::MatrixXd tied = tie_readouts(front_end_.forward(image_.data(), copies_), 1, 1, copies_);
  features_.assign(tied.data(), tied.data() + tied.size());
  graph_->activate(features_, outputs);
}

void SpatialNetwork::check_width(Eigen::Index columns) const {
  if (static_cast<std::size_t>(columns) != input_count())
    throw std::invalid_argument("spatial network expects " + std::to_string(input_count()) + " inputs per row (" +
                                std::to_string(copies_) + " image(s)), got " + std::to_string(columns));
}

Eigen::MatrixXd SpatialNetwork::activate_batch(const Eigen::MatrixXd& inputs) {
  check_width(inputs.cols());
  // N × C·H·W column-major is the front end's native layout: a plain conversion, no transposition.
  if (copies_ == 1) return graph_->activate_batch(front_end_.forward(inputs.cast<float>()).cast<double>());
  return graph_->activate_batch(graph_inputs(front_end_.forward(tied_images(inputs))));
}

Eigen::MatrixXd SpatialNetwork::activate_float_batch(const Eigen::MatrixXf& inputs) {
  check_width(inputs.cols());
  if (copies_ == 1) return graph_->activate_batch(front_end_.forward(inputs).cast<double>());
  return graph_->activate_batch(graph_inputs(front_end_.forward(tied_images(inputs))));
}

template <class Matrix>
Eigen::MatrixXf SpatialNetwork::copy_major_images(const Matrix& inputs) const {
  check_width(inputs.cols());
  // Copy c of every example is a block of columns; stacked copy-major they are one batch.
  const auto n = inputs.rows(), size = static_cast<Eigen::Index>(front_end_.input_size());
  Eigen::MatrixXf images(n * static_cast<Eigen::Index>(copies_), size);
  for (Eigen::Index c = 0; c < static_cast<Eigen::Index>(copies_); ++c)
    images.middleRows(c * n, n) = inputs.middleCols(c * size, size).template cast<float>();
  return images;
}

Eigen::MatrixXf SpatialNetwork::tied_images(const Eigen::MatrixXd& inputs) const { return copy_major_images(inputs); }
Eigen::MatrixXf SpatialNetwork::tied_images(const Eigen::MatrixXf& inputs) const { return copy_major_images(inputs); }

Eigen::MatrixXd SpatialNetwork::graph_inputs(const Eigen::MatrixXf& readout) const {
  const auto batch = static_cast<std::size_t>(readout.rows()) / copies_;
  return tie_readouts(readout, batch, batch, 1);
}

Eigen::MatrixXf SpatialNetwork::readout_gradient(const Eigen::MatrixXd& graph_input_gradient) const {
  const Eigen::Index n = graph_input_gradient.rows(), readout = static_cast<Eigen::Index>(front_end_.readout_size());
  if (graph_input_gradient.cols() != readout * static_cast<Eigen::Index>(copies_))
    throw std::invalid_argument("spatial network: expected a gradient of " + std::to_string(input_count()) +
                                " graph inputs per row, got " + std::to_string(graph_input_gradient.cols()));
  // The transpose of tie_readouts for the copy-major batch: copy c's block of columns is
  // rows c·N … of the readout.
  Eigen::MatrixXf gradient(n * static_cast<Eigen::Index>(copies_), readout);
  for (Eigen::Index c = 0; c < static_cast<Eigen::Index>(copies_); ++c)
    gradient.middleRows(c * n, n) = graph_input_gradient.middleCols(c * readout, readout).cast<float>();
  return gradient;
}

Eigen::MatrixXd SpatialNetwork::activate_images(const float* images, std::size_t batch) {
  // Row-major examples are copies·N single images, example-major.
  const Eigen::MatrixXf& features = front_end_.forward(images, batch * copies_);
  if (copies_ == 1) return graph_->activate_batch(features.cast<double>());
  return graph_->activate_batch(tie_readouts(features, batch, 1, copies_));
}

Eigen::MatrixXd SpatialNetwork::tie_readouts(const Eigen::MatrixXf& features, std::size_t batch,
                                             std::size_t copy_stride, std::size_t example_stride) const {
  const Eigen::Index readout = features.cols();
  Eigen::MatrixXd inputs(static_cast<Eigen::Index>(batch), readout * static_cast<Eigen::Index>(copies_));
  for (std::size_t c = 0; c < copies_; ++c)
    for (std::size_t n = 0; n < batch; ++n)
      inputs.row(static_cast<Eigen::Index>(n)).segment(static_cast<Eigen::Index>(c) * readout, readout) =
          features.row(static_cast<Eigen::Index>(c * copy_stride + n * example_stride)).cast<double>();
  return inputs;
}

}  // namespace convneat
