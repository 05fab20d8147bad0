#pragma once
// What a task sees of a phenotype: inputs in, outputs out. Feed-forward and recurrent
// networks are separate types (as SharpNEAT's acyclic and cyclic decoders), both compiled
// into flat arrays; the genome is never walked at evaluation time.
#include <cstddef>
#include <memory>
#include <span>

#include <Eigen/Core>

#include "genome/genome.hpp"

namespace convneat {

class Network {
 public:
  virtual ~Network() = default;

  virtual std::size_t input_count() const = 0;
  virtual std::size_t output_count() const = 0;

  // One activation. A recurrent network advances its state by one synchronous step.
  virtual void activate(std::span<const double> inputs, std::span<double> outputs) = 0;

  // Many input rows (N × inputs) in one call; returns N × outputs. For a recurrent network
  // each row is an independent instance with its own state, advanced one step.
  virtual Eigen::MatrixXd activate_batch(const Eigen::MatrixXd& inputs) = 0;

  // The same rows in float (image datasets keep their pixels in float): returns what
  // activate_batch returns for these values in double, bit for bit. This default converts
  // them; a network that computes in float (a spatial front end) takes them as they are.
  virtual Eigen::MatrixXd activate_float_batch(const Eigen::MatrixXf& inputs) {
    return activate_batch(inputs.cast<double>());
  }

  // Clears recurrent state; a no-op for feed-forward networks.
  virtual void reset() = 0;

  // Whether outputs depend on earlier activations (recurrent state): then a batch scored in
  // pieces must be scored in order, by one network.
  virtual bool keeps_state() const = 0;

  // Activations after which a constant input has reached every output along every acyclic
  // path: 1 for feed-forward networks; the number of computed nodes for recurrent ones,
  // whose synchronous steps move a signal one connection at a time. Tasks that present a
  // static pattern (XOR) activate this many times.
  virtual std::size_t propagation_steps() const = 0;
};

}  // namespace convneat
