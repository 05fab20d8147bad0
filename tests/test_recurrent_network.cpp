// Recurrent phenotype: synchronous one-step updates, state that persists until reset(), and
// batches whose rows are independent instances.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

#include "nets/compile_network.hpp"
#include "nets/recurrent_network.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

double step(RecurrentNetwork& net, double x) {
  std::vector<double> in{x}, out(1);
  net.activate(in, out);
  return out[0];
}

// in 0 → out 1 (weight 1) and a self-loop 1 → 1 (weight 1): out_t = x_t + out_{t−1}.
Genome accumulator() {
  return make_genome({input(0), output(1)}, {link(1, 0, 1, 1.0), link(2, 1, 1, 1.0)});
}

// in 0 → h 2 (weight 2) → out 1 (weight 1), out has bias 0.5 and identity activation.
Genome chain() {
  return make_genome({input(0), output(1, Activation::identity, 0.5), hidden(2)},
                     {link(1, 0, 2, 2.0), link(2, 2, 1, 1.0)});
}

}  // namespace

TEST_CASE("A self-loop accumulates the inputs one step at a time", "[recurrent]") {
  RecurrentNetwork net(accumulator());
  // out_1 = 1 + 0 = 1, out_2 = 2 + 1 = 3, out_3 = 3 + 3 = 6, out_4 = −6 + 6 = 0
  CHECK(step(net, 1.0) == 1.0);
  CHECK(step(net, 2.0) == 3.0);
  CHECK(step(net, 3.0) == 6.0);
  CHECK(step(net, -6.0) == 0.0);
}

TEST_CASE("A two-node chain delays the input by one step", "[recurrent]") {
  RecurrentNetwork net(chain());
  // step 1: h_1 = 2·1 = 2, out_1 = 0.5 + h_0 = 0.5 + 0   = 0.5
  // step 2: h_2 = 2·3 = 6, out_2 = 0.5 + h_1 = 0.5 + 2   = 2.5
  // step 3: h_3 = 0,       out_3 = 0.5 + h_2 = 0.5 + 6   = 6.5
  // step 4:                out_4 = 0.5 + h_3 = 0.5 + 0   = 0.5
  CHECK(step(net, 1.0) == 0.5);
  CHECK(step(net, 3.0) == 2.5);
  CHECK(step(net, 0.0) == 6.5);
  CHECK(step(net, 0.0) == 0.5);
}

TEST_CASE("The first activation of a delayed output is the activation of its bias", "[recurrent]") {
  // Same chain with a sigmoid output: out_1 = sigmoid(0.5 + 0) = 0.6224593312018546,
  // out_2 = sigmoid(0.5 + 2) = 0.9241418199787566, out_3 = sigmoid(0.5 + 6) = 0.998498817743263
  Genome genome = make_genome({input(0), output(1, Activation::sigmoid, 0.5), hidden(2)},
                              {link(1, 0, 2, 2.0), link(2, 2, 1, 1.0)});
  RecurrentNetwork net(genome);
  CHECK(step(net, 1.0) == Approx(0.6224593312018546).epsilon(1e-12));
  CHECK(step(net, 3.0) == Approx(0.9241418199787566).epsilon(1e-12));
  CHECK(step(net, 0.0) == Approx(0.998498817743263).epsilon(1e-12));
}

TEST_CASE("Two nodes in a loop update synchronously from the previous state", "[recurrent]") {
  // a(2) = x + b_prev, b(1, output) = −a_prev: both read the state of the previous step.
  Genome genome = make_genome({input(0), output(1), hidden(2)},
                              {link(1, 0, 2, 1.0), link(2, 1, 2, 1.0), link(3, 2, 1, -1.0)});
  RecurrentNetwork net(genome);
  // t1: a = 1 + 0 = 1,  b = −0 = 0
  // t2: a = 1 + 0 = 1,  b = −1
  // t3: a = 1 − 1 = 0,  b = −1
  // t4: a = 1 − 1 = 0,  b = −0 = 0
  // t5: a = 1 + 0 = 1,  b = 0
  CHECK(step(net, 1.0) == 0.0);
  CHECK(step(net, 1.0) == -1.0);
  CHECK(step(net, 1.0) == -1.0);
  CHECK(step(net, 1.0) == 0.0);
  CHECK(step(net, 1.0) == 0.0);
  CHECK(step(net, 1.0) == -1.0);
}

TEST_CASE("The bias node holds 1 in every step of a recurrent network", "[recurrent]") {
  // out_t = 0.25·1 + 0.5·out_{t−1}: 0.25, 0.375, 0.4375
  Genome genome = make_genome({input(0), bias_node(1), output(2)}, {link(1, 1, 2, 0.25), link(2, 2, 2, 0.5)});
  RecurrentNetwork net(genome);
  CHECK(net.input_count() == 1);
  CHECK(step(net, 9.0) == 0.25);
  CHECK(step(net, 9.0) == 0.375);
  CHECK(step(net, 9.0) == 0.4375);
  net.reset();
  CHECK(step(net, 9.0) == 0.25);
}

TEST_CASE("State persists between activations and reset clears it", "[recurrent]") {
  RecurrentNetwork net(accumulator());
  CHECK(step(net, 5.0) == 5.0);
  CHECK(step(net, 5.0) == 10.0);
  net.reset();
  CHECK(step(net, 5.0) == 5.0);  // as from a fresh network
  RecurrentNetwork chained(chain());
  step(chained, 4.0);
  chained.reset();
  CHECK(step(chained, 1.0) == 0.5);  // h from before the reset is forgotten
}

TEST_CASE("Batch rows are independent instances that keep their own state", "[recurrent]") {
  RecurrentNetwork net(accumulator());
  Eigen::MatrixXd rows(3, 1);
  rows << 1.0, 10.0, -2.0;
  Eigen::MatrixXd out = net.activate_batch(rows);
  CHECK(out(0, 0) == 1.0);
  CHECK(out(1, 0) == 10.0);
  CHECK(out(2, 0) == -2.0);
  rows << 2.0, 20.0, 0.5;
  out = net.activate_batch(rows);
  CHECK(out(0, 0) == 3.0);   // 2 + 1
  CHECK(out(1, 0) == 30.0);  // 20 + 10
  CHECK(out(2, 0) == -1.5);  // 0.5 − 2
  // The scalar state is separate from the batch state: it is still fresh.
  CHECK(step(net, 7.0) == 7.0);
  net.reset();
  out = net.activate_batch(rows);
  CHECK(out(0, 0) == 2.0);
  CHECK(out(1, 0) == 20.0);
  CHECK(out(2, 0) == 0.5);
}

TEST_CASE("A batch of a new row count starts from a reset state", "[recurrent]") {
  RecurrentNetwork net(accumulator());
  Eigen::MatrixXd three = Eigen::MatrixXd::Constant(3, 1, 4.0);
  net.activate_batch(three);
  net.activate_batch(three);  // every row now holds 8
  Eigen::MatrixXd two = Eigen::MatrixXd::Constant(2, 1, 1.0);
  Eigen::MatrixXd out = net.activate_batch(two);
  CHECK(out(0, 0) == 1.0);
  CHECK(out(1, 0) == 1.0);
}

TEST_CASE("Each batch row matches its own sequence of single activations", "[recurrent]") {
  // A small recurrent net with nonlinear nodes, a bias node and a loop through a hidden node.
  Genome genome = make_genome(
      {input(0), input(1), bias_node(2), output(3, Activation::tanh, 0.1), hidden(4, Activation::sigmoid, -0.2),
       hidden(5, Activation::relu)},
      {link(1, 0, 4, 0.8), link(2, 1, 4, -1.1), link(3, 2, 5, 0.3), link(4, 4, 5, 1.7), link(5, 5, 3, 0.9),
       link(6, 3, 4, -0.6), link(7, 4, 4, 0.4), link(8, 1, 3, 0.35)});
  const std::vector<std::vector<double>> x0{{0.5, -1.0, 2.0, 0.0}, {1.5, 0.25, -0.75, 3.0}, {-2.0, 1.0, 0.0, -0.5}};
  const std::vector<std::vector<double>> x1{{1.0, 0.0, -3.0, 0.5}, {0.0, -2.0, 1.0, 1.0}, {0.5, 0.5, 0.5, -1.0}};
  const std::size_t rows = 4, steps = 3;

  RecurrentNetwork batched(genome);
  std::vector<RecurrentNetwork> singles(rows, RecurrentNetwork(genome));
  for (std::size_t t = 0; t < steps; ++t) {
    Eigen::MatrixXd in(rows, 2);
    for (std::size_t r = 0; r < rows; ++r) in(Eigen::Index(r), 0) = x0[t][r], in(Eigen::Index(r), 1) = x1[t][r];
    const Eigen::MatrixXd out = batched.activate_batch(in);
    for (std::size_t r = 0; r < rows; ++r) {
      std::vector<double> single_in{x0[t][r], x1[t][r]}, single_out(1);
      singles[r].activate(single_in, single_out);
      CHECK(out(Eigen::Index(r), 0) == single_out[0]);
    }
  }
}

TEST_CASE("A recurrent network rejects inputs of the wrong size", "[recurrent]") {
  RecurrentNetwork net(accumulator());
  std::vector<double> two{1.0, 2.0}, out(1), out_too_big(2), one{1.0};
  CHECK_THROWS_AS(net.activate(two, out), std::invalid_argument);
  CHECK_THROWS_AS(net.activate(one, out_too_big), std::invalid_argument);
  CHECK_THROWS_AS(net.activate_batch(Eigen::MatrixXd::Zero(3, 2)), std::invalid_argument);
  // A cycle is fine for the recurrent type, also through compile_network.
  auto network = compile_network(accumulator(), false);
  CHECK(network->output_count() == 1);
}
