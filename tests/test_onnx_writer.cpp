// genome_to_onnx for the nodes neat-python brought: every activation (at ordinary inputs and
// at extremes, clamps included) and every aggregation with a response other than 1 compute
// in ONNX Runtime what ConvNEAT computes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "cli_support.hpp"
#include "export/onnx_writer.hpp"
#include "genome/activation.hpp"
#include "genome/aggregation.hpp"
#include "genome/genome.hpp"
#include "nets/feed_forward_network.hpp"
#include "nets/float_activation.hpp"
#include "onnx_support.hpp"

#ifdef CONVNEAT_HAS_ONNX  // a build without ONNX export has nothing here to test
using namespace convneat;
using namespace convneat::testing;

namespace {

const std::vector<Aggregation> kAggregations{Aggregation::sum,    Aggregation::product, Aggregation::max,
                                             Aggregation::min,    Aggregation::maxabs,  Aggregation::median,
                                             Aggregation::mean};
// Exact in float, and none is 1: every node below takes the aggregated path.
const std::vector<double> kResponses{0.5, -1.5, 2.0, -0.75, 1.25};

// Builds a genome node by node and connection by connection, in id and innovation order.
struct GenomeBuilder {
  Genome genome;
  InnovationId innovation = 0;

  void node(NodeId id, NodeKind kind, Activation activation, double bias, Aggregation aggregation = Aggregation::sum,
            double response = 1.0) {
    genome.nodes.push_back({id, kind, activation, bias, aggregation, response});
  }
  void connect(NodeId in, NodeId out, double weight) {
    genome.connections.push_back({innovation++, in, out, weight, true});
  }
  // An identity output reading `source` with weight 1: the ONNX output is that node's value.
  void read_out(NodeId id, NodeId source, double weight = 1.0) {
    node(id, NodeKind::output, Activation::identity, 0.0);
    connect(source, id, weight);
  }
  Genome sorted() {
    std::sort(genome.nodes.begin(), genome.nodes.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return genome;
  }
};

constexpr double kLargestFloat = std::numeric_limits<float>::max();
constexpr NodeId kBiasNode = 3;
constexpr NodeId kFirstHidden = 1000;

bool unbounded(Activation a) { return a == Activation::exp || a == Activation::square || a == Activation::cube; }

// Hidden node i carries activation i, aggregation i mod 7 and a response other than 1, reads
// the three inputs (and, for even i, the bias node: an even count for the median) and is
// read out on an output of its own. inv and log get a bias that keeps them far from their
// singular points, where float and double would part for any input.
void add_activation_nodes(GenomeBuilder& builder) {
  const auto& activations = all_activations();
  for (std::size_t i = 0; i < activations.size(); ++i) {
    const Activation a = activations[i];
    const NodeId id = kFirstHidden + i;
    const bool far_from_zero = a == Activation::inv || a == Activation::log;
    const double bias = far_from_zero ? 12.0 : 0.125 * (static_cast<double>(i % 5) - 2.0);
    const Aggregation aggregation = kAggregations[i % kAggregations.size()];
    builder.node(id, NodeKind::hidden, a, bias, aggregation, kResponses[i % kResponses.size()]);
    for (NodeId input = 0; input < 3; ++input)
      builder.connect(input, id, 0.25 * static_cast<double>(1 + (i + input) % 3) * (input % 2 == 1 ? -1.0 : 1.0));
    if (i % 2 == 0) builder.connect(kBiasNode, id, 0.375);
    builder.read_out(10 + i, id);
  }
}

// A sigmoid output per aggregation over a third of the hidden nodes (those of bounded value,
// so float's rounding stays small beside the result), and an identity output per aggregation
// with no inputs at all: bias + response · (1 for product, else 0).
void add_aggregating_outputs(GenomeBuilder& builder) {
  const auto& activations = all_activations();
  for (std::size_t g = 0; g < kAggregations.size(); ++g) {
    const NodeId id = 100 + g;
    const double response = kResponses[(g + 2) % kResponses.size()];
    builder.node(id, NodeKind::output, Activation::sigmoid, 0.1, kAggregations[g], response);
    for (std::size_t i = g % 3; i < activations.size(); i += 3)
      if (!unbounded(activations[i]))
        builder.connect(kFirstHidden + i, id, 0.125 * static_cast<double>(1 + i % 4) * (i % 2 == 1 ? -1.0 : 1.0));
    builder.node(200 + g, NodeKind::output, Activation::identity, 0.25, kAggregations[g], -1.5);
  }
}

// maxabs on a tie (|0.5 x0| = |-0.5 x1| when x0 = x1) takes the first input, with its sign.
void add_maxabs_tie(GenomeBuilder& builder) {
  builder.node(300, NodeKind::output, Activation::identity, 0.0, Aggregation::maxabs, 2.0);
  builder.connect(0, 300, 0.5);
  builder.connect(1, 300, -0.5);
}

Genome every_activation_and_aggregation() {
  GenomeBuilder builder;
  builder.genome.id = 11;
  for (NodeId i = 0; i < 3; ++i) builder.node(i, NodeKind::input, Activation::identity, 0.0);
  builder.node(kBiasNode, NodeKind::bias, Activation::identity, 0.0);
  add_activation_nodes(builder);
  add_aggregating_outputs(builder);
  add_maxabs_tie(builder);
  return builder.sorted();
}

// Multiples of 1/16 in [-2, 2], and rows with ties and zeros: with the weights above (multiples
// of 1/8) every weighted input, sum, max, min and median is exact in float, so float and double
// part mostly in the activations themselves, not in a cancellation before them.
Eigen::MatrixXd grid_inputs(unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_int_distribution<int> sixteenths(-32, 32);
  Eigen::MatrixXd inputs(64, 3);
  inputs.topRows(4) << 1.0, 1.0, -1.0, -0.5, -0.5, 2.0, 0.0, 0.0, 0.0, 2.0, 2.0, -2.0;
  for (Eigen::Index r = 4; r < inputs.rows(); ++r)
    for (Eigen::Index c = 0; c < 3; ++c) inputs(r, c) = sixteenths(generator) / 16.0;
  return inputs;
}

Eigen::MatrixXd run_in_onnx_runtime(const Genome& genome, const Eigen::MatrixXd& inputs,
                                    const ScratchDirectory& scratch) {
  const auto model = scratch / "model.onnx";
  write_text(model, genome_to_onnx(genome));
  return onnx_runtime_outputs(model, inputs, scratch);
}

// act(x) as the float path computes it (x rounded to float first, as the export's bias is).
double float_activated(Activation activation, double x) {
  Eigen::ArrayXf value = Eigen::ArrayXf::Constant(1, static_cast<float>(x));
  assign_activated(activation, value, value);
  return value[0];
}

struct ConstantCase {
  Activation activation;
  double x;
  double weight;  // the output reads act(x) · weight
};

// One hidden node per case holding act(x) (a node without inputs, bias x), read out times
// the case's weight; one input node the model declares but nothing reads.
Genome constant_nodes(const std::vector<ConstantCase>& cases) {
  GenomeBuilder builder;
  builder.node(0, NodeKind::input, Activation::identity, 0.0);
  for (std::size_t c = 0; c < cases.size(); ++c) {
    builder.node(kFirstHidden + c, NodeKind::hidden, cases[c].activation, cases[c].x);
    builder.read_out(1 + c, kFirstHidden + c, cases[c].weight);
  }
  return builder.sorted();
}

// Each output against act(x) · weight in float, within check_close's tolerance.
void check_constant_outputs(const std::vector<ConstantCase>& cases, const ScratchDirectory& scratch) {
  const Eigen::MatrixXd outputs = run_in_onnx_runtime(constant_nodes(cases), Eigen::MatrixXd::Zero(2, 1), scratch);
  REQUIRE(outputs.cols() == static_cast<Eigen::Index>(cases.size()));
  for (std::size_t c = 0; c < cases.size(); ++c) {
    const ConstantCase& test = cases[c];
    const double expected = float_activated(test.activation, test.x) * static_cast<float>(test.weight);
    for (Eigen::Index r = 0; r < outputs.rows(); ++r) {
      const double actual = outputs(r, static_cast<Eigen::Index>(c));
      INFO(activation_name(test.activation) << "(" << test.x << ") · " << test.weight << ": ONNX Runtime " << actual
                                            << ", ConvNEAT's float path " << expected);
      CHECK(std::isfinite(actual));
      CHECK(std::abs(actual - expected) <= 1e-5 * std::abs(expected) + 1e-7);
    }
  }
}

}  // namespace

TEST_CASE("ONNX export: every activation and aggregation, with responses, computes what FeedForwardNetwork computes",
          "[onnx]") {
  ScratchDirectory scratch("onnx-aggregation");
  const Genome genome = every_activation_and_aggregation();
  FeedForwardNetwork network(genome);
  REQUIRE(network.output_count() == all_activations().size() + 2 * kAggregations.size() + 1);
  for (const unsigned seed : {1u, 2u}) {
    INFO("seed " << seed);
    const Eigen::MatrixXd inputs = grid_inputs(seed);
    const Eigen::MatrixXd expected = network.activate_batch(inputs);
    check_close(run_in_onnx_runtime(genome, inputs, scratch), expected);
  }
}

TEST_CASE("ONNX export: nodes without inputs take the empty aggregate, 1 for product and 0 for the rest", "[onnx]") {
  ScratchDirectory scratch("onnx-empty-aggregate");
  const Genome genome = every_activation_and_aggregation();
  const Eigen::MatrixXd outputs = run_in_onnx_runtime(genome, grid_inputs(3), scratch);
  // Outputs are in node id order: 10.. (activations), 100.. (aggregating), 200.. (empty).
  const auto first_empty = static_cast<Eigen::Index>(all_activations().size() + kAggregations.size());
  for (std::size_t g = 0; g < kAggregations.size(); ++g) {
    INFO("aggregation " << kAggregationNames.name(kAggregations[g]));
    const double expected = kAggregations[g] == Aggregation::product ? 0.25 - 1.5 : 0.25;
    CHECK((outputs.col(first_empty + static_cast<Eigen::Index>(g)).array() == expected).all());
  }
}

TEST_CASE("ONNX export: maxabs takes the first of two inputs of equal magnitude, with its sign", "[onnx]") {
  ScratchDirectory scratch("onnx-maxabs-tie");
  const Eigen::MatrixXd inputs = grid_inputs(4);
  const Eigen::MatrixXd outputs = run_in_onnx_runtime(every_activation_and_aggregation(), inputs, scratch);
  const Eigen::Index tie = outputs.cols() - 1;  // node 300, the last output
  CHECK(outputs(0, tie) == 1.0);   // x0 = x1 = 1: 2 · (0.5 · 1), not 2 · (-0.5 · 1)
  CHECK(outputs(1, tie) == -0.5);  // x0 = x1 = -0.5: 2 · (0.5 · -0.5)
  CHECK(outputs(2, tie) == 0.0);
  CHECK(outputs(3, tie) == 2.0);   // x0 = x1 = 2: 2 · (0.5 · 2)
}

TEST_CASE("ONNX export: every activation at extreme and ordinary inputs computes ConvNEAT's float values",
          "[onnx]") {
  // The float path is the reference here: where double's values leave float's range (square
  // of 1e30), both it and the export saturate at float's largest value.
  ScratchDirectory scratch("onnx-activation-extremes");
  std::vector<ConstantCase> cases;
  for (Activation a : all_activations())
    for (double x : {-kLargestFloat, -1e30, -70.0, -13.0, -11.5, -3.3, -1.0, -0.3, -1e-30, 0.0, 1e-30, 2e-7, 0.3, 1.0,
                     3.3, 11.5, 13.0, 70.0, 1e30, kLargestFloat})
      cases.push_back({a, x, 1.0});
  check_constant_outputs(cases, scratch);
}

TEST_CASE("ONNX export: the clamps hold where the value is tiny", "[onnx]") {
  // Scaled up so that a missing clamp (e^-70 instead of e^-60) shows beyond the absolute
  // tolerance; softplus at -70 checks that the export keeps e^-70, no cancellation.
  ScratchDirectory scratch("onnx-tiny-clamps");
  check_constant_outputs({{Activation::exp, -70.0, std::exp(60.0)},
                          {Activation::neat_python_gauss, 5.0, std::exp(5.0 * 3.4 * 3.4)},
                          {Activation::neat_python_gauss, -5.0, std::exp(5.0 * 3.4 * 3.4)},
                          {Activation::neat_python_softplus, -70.0, 5.0 * std::exp(60.0)},
                          {Activation::softplus, -70.0, std::exp(70.0)}},
                         scratch);
}
#endif
