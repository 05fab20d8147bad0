// The CTRNN phenotype and its time-constant gene: one leaky node against the analytic
// solution of τ dy/dt = −y + z, both integrations; a two-node chain step by step; state kept
// between activations and cleared by reset; batches equal to single instances bit for bit;
// the gene's JSON and packed round trips, mutation range and distance term.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "genome/compatibility.hpp"
#include "genome/genome_invariants.hpp"
#include "genome/genome_json.hpp"
#include "genome/mutation.hpp"
#include "genome/packed_genes.hpp"
#include "nets/compile_network.hpp"
#include "nets/ctrnn_network.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

NetworkSettings ctrnn(Integration integration, double time_step, std::size_t steps) {
  return {NetworkKind::ctrnn, integration, time_step, steps};
}

// One input x → one identity output with bias b and weight w: z = b + w x, constant.
Genome leaky_node(double time_constant, double bias = 0.25, double weight = 1.5) {
  NodeGene out = output(1, Activation::identity, bias);
  out.time_constant = time_constant;
  return make_genome({input(0), out}, {link(1, 0, 1, weight)});
}

double activate_once(Network& network, double x) {
  const std::vector<double> in{x};
  std::vector<double> out(1);
  network.activate(in, out);
  return out[0];
}

}  // namespace

TEST_CASE("A leaky node follows the exact solution of tau dy/dt = -y + z under exponential integration",
          "[ctrnn]") {
  const double tau = 0.3, dt = 0.01, z = 0.25 + 1.5 * 0.8;
  CtrnnNetwork network(leaky_node(tau), ctrnn(Integration::exponential, dt, 5));
  for (int k = 1; k <= 40; ++k) {
    const double t = k * 5 * dt;
    const double exact = z * (1.0 - std::exp(-t / tau));  // y(0) = 0
    CHECK(activate_once(network, 0.8) == Approx(exact).epsilon(1e-13));
  }
}

TEST_CASE("Forward Euler gives y_n = z (1 - (1 - h)^n) and converges to the exact solution at first order",
          "[ctrnn]") {
  const double tau = 0.5, z = 0.25 + 1.5 * (-0.4);
  const double t = 1.0;
  std::vector<double> errors;
  for (std::size_t steps : {10, 20, 40, 80}) {
    const double dt = t / static_cast<double>(steps);
    CtrnnNetwork network(leaky_node(tau), ctrnn(Integration::forward_euler, dt, steps));
    const double y = activate_once(network, -0.4);
    CHECK(y == Approx(z * (1.0 - std::pow(1.0 - dt / tau, static_cast<double>(steps)))).epsilon(1e-12));
    errors.push_back(std::abs(y - z * (1.0 - std::exp(-t / tau))));
  }
  for (std::size_t i = 1; i < errors.size(); ++i) {  // halving dt halves the error
    INFO("error " << errors[i - 1] << " then " << errors[i]);
    CHECK(errors[i - 1] / errors[i] == Approx(2.0).margin(0.15));
  }
}

TEST_CASE("Every node reads its sources' states of the previous step, and the bias slot holds 1", "[ctrnn]") {
  // bias → hidden (tanh, weight 0.5) → output (sigmoid, weight 2), τ 0.2 and 0.1, dt 0.05.
  NodeGene h = hidden(2, Activation::tanh);
  h.time_constant = 0.2;
  NodeGene o = output(3, Activation::sigmoid, -0.5);
  o.time_constant = 0.1;
  const Genome genome = make_genome({input(0), bias_node(1), o, h}, {link(1, 1, 2, 0.5), link(2, 2, 3, 2.0)});
  CtrnnNetwork network(genome, ctrnn(Integration::exponential, 0.05, 1));
  const double kh = std::exp(-0.05 / 0.2), ko = std::exp(-0.05 / 0.1);
  const auto sigmoid = [](double v) { return 1.0 / (1.0 + std::exp(-v)); };
  double yh = 0.0, yo = 0.0;
  for (int step = 0; step < 6; ++step) {
    const double next_h = kh * yh + (1.0 - kh) * std::tanh(0.5);
    const double next_o = ko * yo + (1.0 - ko) * sigmoid(-0.5 + 2.0 * yh);  // yh of the previous step
    yh = next_h;
    yo = next_o;
    CHECK(activate_once(network, 0.0) == Approx(yo).epsilon(1e-14));
  }
}

TEST_CASE("A CTRNN keeps its state between activations and reset clears it", "[ctrnn]") {
  NodeGene o = output(2, Activation::tanh);
  o.time_constant = 0.05;
  const Genome genome = make_genome({input(0), o}, {link(1, 0, 2, 1.0), link(2, 2, 2, -0.7)});  // a self-loop
  CtrnnNetwork two_activations(genome, ctrnn(Integration::exponential, 0.01, 3));
  CtrnnNetwork one_activation(genome, ctrnn(Integration::exponential, 0.01, 6));
  const double first = activate_once(two_activations, 0.9);
  const double second = activate_once(two_activations, 0.9);
  CHECK(second != first);
  CHECK(second == activate_once(one_activation, 0.9));  // the same six steps, bit for bit
  two_activations.reset();
  CHECK(activate_once(two_activations, 0.9) == first);
  CHECK(two_activations.keeps_state());
}

TEST_CASE("A CTRNN batch advances each row as an instance of its own, bit for bit", "[ctrnn]") {
  NodeGene h = hidden(4, Activation::tanh, 0.1);
  h.time_constant = 0.07;
  h.aggregation = Aggregation::max;
  NodeGene o = output(3, Activation::sigmoid, -0.2);
  o.time_constant = 0.4;
  const Genome genome = make_genome({input(0), input(1), bias_node(2), o, h},
                                    {link(1, 0, 4, 0.8), link(2, 1, 4, -1.1), link(3, 4, 3, 1.7), link(4, 3, 4, 0.6),
                                     link(5, 2, 3, 0.3), link(6, 3, 3, -0.9)});
  for (const Integration integration : {Integration::exponential, Integration::forward_euler}) {
    const auto settings = ctrnn(integration, 0.02, 4);
    CtrnnNetwork batched(genome, settings);
    const Eigen::MatrixXd rows{{0.3, -0.2}, {1.0, 0.5}, {-0.7, 0.9}};
    std::vector<CtrnnNetwork> singles(3, CtrnnNetwork(genome, settings));
    for (int call = 0; call < 5; ++call) {
      const Eigen::MatrixXd out = batched.activate_batch(rows * (1.0 + 0.1 * call));
      for (Eigen::Index r = 0; r < rows.rows(); ++r) {
        const std::vector<double> in{rows(r, 0) * (1.0 + 0.1 * call), rows(r, 1) * (1.0 + 0.1 * call)};
        std::vector<double> single(1);
        singles[static_cast<std::size_t>(r)].activate(in, single);
        CHECK(out(r, 0) == single[0]);
      }
    }
  }
}

TEST_CASE("compile_network makes a CTRNN for /network/kind ctrnn, a graph network otherwise", "[ctrnn]") {
  const Genome genome = leaky_node(0.5);
  const auto network = compile_network(genome, Phenotype{.feed_forward = true, .network = ctrnn(Integration::exponential, 0.1, 1)});
  CHECK(dynamic_cast<CtrnnNetwork*>(network.get()) != nullptr);
  CHECK(dynamic_cast<CtrnnNetwork*>(compile_network(genome, Phenotype{}).get()) == nullptr);
  // A graph network ignores time constants: its output is z at once.
  CHECK(activate_once(*compile_network(genome, Phenotype{}), 0.8) == 0.25 + 1.5 * 0.8);
  CHECK(activate_once(*network, 0.8) == Approx((0.25 + 1.5 * 0.8) * (1.0 - std::exp(-0.2))).epsilon(1e-14));
}

TEST_CASE("Time constants survive JSON and packed round trips, and a genome of default ones is stored as before",
          "[ctrnn][node genes]") {
  Genome genome = leaky_node(0.1 + 0.2);
  const nlohmann::json text = genome_to_json(genome);
  CHECK(text["nodes"][1]["time_constant"] == 0.1 + 0.2);
  CHECK(genome_from_json(text) == genome);
  const nlohmann::json packed = genome_to_json(genome, GeneLists::packed);
  CHECK(packed.contains("time_constants"));
  CHECK(genome_from_json(nlohmann::json::from_cbor(nlohmann::json::to_cbor(packed))) == genome);

  const Genome plain = leaky_node(1.0);
  CHECK_FALSE(genome_to_json(plain)["nodes"][1].contains("time_constant"));
  CHECK_FALSE(genome_to_json(plain, GeneLists::packed).contains("time_constants"));
}

TEST_CASE("A time constant that is not positive is refused, in JSON and in packed lists", "[ctrnn][node genes]") {
  nlohmann::json text = genome_to_json(leaky_node(0.5));
  text["nodes"][1]["time_constant"] = 0.0;
  CHECK_THROWS_WITH(genome_from_json(text), Catch::Contains("node 1: time constant 0.000000 is not positive"));
  nlohmann::json packed = genome_to_json(leaky_node(0.5), GeneLists::packed);
  packed["time_constants"] = nlohmann::json::binary({1, 2, 3});
  CHECK_THROWS_WITH(genome_from_json(packed), Catch::Contains("packed time constants: 3 bytes are not whole records of 8"));
}

TEST_CASE("Time constants mutate within their range, and the distance counts their difference",
          "[ctrnn][node genes][mutation]") {
  GenomeConfig config;
  config.time_constant = {.init_mean = 0.5, .init_stdev = 0.2, .mutate_rate = 1.0, .mutate_power = 3.0,
                          .replace_rate = 0.0, .min_value = 0.05, .max_value = 2.0};
  Genome genome = leaky_node(0.5);
  RandomStream random(3, 0, 0, Purpose::reproduction);
  bool reached_low = false, reached_high = false;
  for (int i = 0; i < 200; ++i) {
    mutate_time_constants(genome, config, random);
    const double tau = genome.nodes[1].time_constant;
    REQUIRE(tau >= 0.05);
    REQUIRE(tau <= 2.0);
    reached_low = reached_low || tau == 0.05;
    reached_high = reached_high || tau == 2.0;
    CHECK(genome.nodes[0].time_constant == 1.0);  // inputs have none to mutate
  }
  CHECK(reached_low);
  CHECK(reached_high);

  const Genome a = leaky_node(0.5), b = leaky_node(1.25);
  CHECK(mean_node_difference(a, b) == Approx(0.75));
  CHECK(mean_node_difference(a, a) == 0.0);
}
