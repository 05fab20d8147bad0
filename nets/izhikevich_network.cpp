#include "nets/izhikevich_network.hpp"

#include <algorithm>
#include <cmath>

#include "nets/input_check.hpp"
#include "nets/node_updates.hpp"

namespace convneat {
namespace {

// One step of the paper's integration; returns whether the neuron spiked.
bool advance_neuron(IzhikevichNetwork::Neuron& neuron, const IzhikevichParameters& p, double current, double dt) {
  for (int half = 0; half < 2; ++half)
    neuron.v += 0.5 * dt * (0.04 * neuron.v * neuron.v + 5.0 * neuron.v + 140.0 - neuron.u + current);
  neuron.u += dt * p.a * (p.b * neuron.v - neuron.u);
  if (neuron.v < 30.0 && std::isfinite(neuron.u)) return false;  // NaN or ∞ in v fails `<` too
  neuron.v = p.c;
  neuron.u = std::isfinite(neuron.u) ? neuron.u + p.d : p.b * p.c;
  return true;
}

}  // namespace

IzhikevichNetwork::IzhikevichNetwork(const Genome& genome, const NetworkSettings& settings)
    : graph_(compile_graph(genome, NodeOrder::by_id)), settings_(settings) {
  for (NodeId id : graph_.node_id) parameters_.push_back(genome.find_node(id)->izhikevich);
  reset();
}

std::size_t IzhikevichNetwork::propagation_steps() const {
  const std::size_t window = settings_.steps_per_activation;
  return std::max<std::size_t>(1, (graph_.computed_count() + window - 1) / window);
}

IzhikevichNetwork::Instance IzhikevichNetwork::rested() const {
  Instance instance;
  for (const IzhikevichParameters& p : parameters_) instance.neurons.push_back({p.c, p.b * p.c});
  instance.values.assign(graph_.slot_count(), 0.0);
  for (std::size_t b = 0; b < graph_.bias_count; ++b) instance.values[graph_.input_count + b] = 1.0;
  return instance;
}

void IzhikevichNetwork::reset() {
  single_ = rested();
  batch_.clear();
}

// Every current from the previous step's spikes first, then every neuron advanced: a
// synchronous step, as RecurrentNetwork's.
void IzhikevichNetwork::step(Instance& instance, std::vector<double>& spikes, std::vector<double>& currents,
                             std::vector<double>& terms) const {
  const std::size_t count = parameters_.size();
  currents.resize(count);
  spikes.resize(count);
  for (std::size_t n = 0; n < count; ++n) currents[n] = node_input(graph_, n, instance.values.data(), terms);
  for (std::size_t n = 0; n < count; ++n)
    spikes[n] = advance_neuron(instance.neurons[n], parameters_[n], currents[n], settings_.time_step) ? 1.0 : 0.0;
  const auto first = static_cast<std::ptrdiff_t>(graph_.first_computed_slot());
  std::copy(spikes.begin(), spikes.end(), instance.values.begin() + first);
}

void IzhikevichNetwork::run_window(Instance& instance, std::span<const double> inputs, std::span<double> outputs) {
  std::copy(inputs.begin(), inputs.end(), instance.values.begin());
  counts_.assign(parameters_.size(), 0.0);
  for (std::size_t s = 0; s < settings_.steps_per_activation; ++s) {
    step(instance, spikes_, currents_, terms_);
    for (std::size_t n = 0; n < counts_.size(); ++n) counts_[n] += spikes_[n];
  }
  const double window_seconds = static_cast<double>(settings_.steps_per_activation) * settings_.time_step / 1000.0;
  const std::size_t first = graph_.first_computed_slot();
  for (std::size_t o = 0; o < outputs.size(); ++o) {
    const double count = counts_[graph_.output_slots[o] - first];
    outputs[o] = settings_.spike_output == SpikeOutput::count ? count : count / window_seconds;
  }
}

void IzhikevichNetwork::activate(std::span<const double> inputs, std::span<double> outputs) {
  check_sizes(graph_, inputs.size(), outputs.size());
  run_window(single_, inputs, outputs);
}

Eigen::MatrixXd IzhikevichNetwork::activate_batch(const Eigen::MatrixXd& inputs) {
  check_batch_columns(graph_, static_cast<std::size_t>(inputs.cols()));
  if (batch_.size() != static_cast<std::size_t>(inputs.rows()))  // a new batch shape starts at rest
    batch_.assign(static_cast<std::size_t>(inputs.rows()), rested());
  Eigen::MatrixXd outputs(inputs.rows(), static_cast<Eigen::Index>(output_count()));
  std::vector<double> row(static_cast<std::size_t>(inputs.cols())), out(output_count());
  for (Eigen::Index r = 0; r < inputs.rows(); ++r) {
    for (Eigen::Index c = 0; c < inputs.cols(); ++c) row[static_cast<std::size_t>(c)] = inputs(r, c);
    run_window(batch_[static_cast<std::size_t>(r)], row, out);
    for (std::size_t o = 0; o < out.size(); ++o) outputs(r, static_cast<Eigen::Index>(o)) = out[o];
  }
  return outputs;
}

}  // namespace convneat
