#include "export/onnx_writer.hpp"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <iterator>
#include <stdexcept>
#include <vector>

#include "genome/spatial/geometry.hpp"
#include "nets/aggregation_functions.hpp"
#include "nets/compiled_graph.hpp"
#include "nets/ctrnn_network.hpp"
#include "export/onnx_graph_builder.hpp"
#include "export/onnx_spatial_writer.hpp"
#include "nets/spatial_network.hpp"

namespace convneat {
namespace {

using onnx_export::GraphBuilder;

// Opset 13 is old enough for every current runtime and has all operators used here.
constexpr std::int64_t kOpsetVersion = 13;

// agg over axis 1 of the [N, k] weighted inputs, as an [N, 1] column.
std::string aggregated(GraphBuilder& builder, Aggregation aggregation, const std::string& weighted, std::int64_t k) {
  const onnx_export::Attribute keep{"keepdims", std::int64_t{1}};
  const onnx_export::Attribute along_inputs{"axes", std::vector<std::int64_t>{1}};
  const onnx_export::Attribute axis{"axis", std::int64_t{1}};
  switch (aggregation) {
    // In opset 13 ReduceSum alone takes its axes as an input; the other reductions, as an attribute.
    case Aggregation::sum: return builder.node("ReduceSum", {weighted, builder.ints({1}, {1})}, {keep});
    case Aggregation::product: return builder.node("ReduceProd", {weighted}, {along_inputs, keep});
    case Aggregation::max: return builder.node("ReduceMax", {weighted}, {along_inputs, keep});
    case Aggregation::min: return builder.node("ReduceMin", {weighted}, {along_inputs, keep});
    case Aggregation::mean: return builder.node("ReduceMean", {weighted}, {along_inputs, keep});
    case Aggregation::maxabs: {  // ArgMax picks the first of equal magnitudes, as the phenotypes do
      const std::string where = builder.node("ArgMax", {builder.op("Abs", {weighted})}, {axis, keep});
      return builder.op("GatherElements", {weighted, where}, 1);
    }
    case Aggregation::median: {  // the middle one or two of all k sorted values, averaged
      const std::string sorted = builder.node("TopK", {weighted, builder.ints({k}, {1})}, {axis}, 2);
      const std::vector<std::int64_t> middle = k % 2 == 1 ? std::vector{k / 2} : std::vector{k / 2 - 1, k / 2};
      const std::string picked = builder.op("Gather", {sorted, builder.ints(middle, {std::ssize(middle)})}, 1);
      return builder.node("ReduceMean", {picked}, {along_inputs, keep});
    }
  }
  throw std::invalid_argument("ONNX export: unknown aggregation");
}

// Node n's [N, 1] column: act(bias + response · agg(values[:, sources] ⊙ weights)). The
// original NEAT node (sum, response 1) keeps the MatMul it has always had, so models
// exported before aggregation and response existed come out unchanged.
std::string node_column(GraphBuilder& builder, const CompiledGraph& graph, std::size_t n, const std::string& values) {
  const auto bias = static_cast<float>(graph.node_bias[n]);
  const double response = graph.response(n);
  std::vector<std::int64_t> sources;
  std::vector<float> weights;
  for (std::uint32_t e = graph.edge_begin[n]; e < graph.edge_begin[n + 1]; ++e) {
    sources.push_back(graph.edge_source[e]);
    weights.push_back(static_cast<float>(graph.edge_weight[e]));
  }
  const bool plain = graph.sums_plainly(n);
  std::string sum;
  if (sources.empty()) {  // a node without inputs is a constant, in every row
    sum = builder.constant_column(
        plain ? bias : static_cast<float>(graph.node_bias[n] + response * aggregate(graph.aggregation(n), {})));
  } else {
    const auto count = static_cast<std::int64_t>(sources.size());
    const std::string gathered = builder.op("Gather", {values, builder.ints(sources, {count})}, 1);
    std::string combined;
    if (plain) {
      combined = builder.op("MatMul", {gathered, builder.floats(weights, {count, 1})});
    } else {
      const std::string weighted = builder.op("Mul", {gathered, builder.floats(weights, {1, count})});
      const std::string agg = aggregated(builder, graph.aggregation(n), weighted, count);
      combined = builder.op("Mul", {agg, builder.floats({static_cast<float>(response)}, {1})});
    }
    sum = builder.op("Add", {combined, builder.floats({bias}, {1})});
  }
  return onnx_export::activation_nodes(builder, graph.node_activation[n], sum);
}

// The [N, input_count] tensor `inputs` followed by the bias column, if any: the slots before
// the computed nodes.
std::string source_columns(GraphBuilder& builder, const CompiledGraph& graph, const std::string& inputs) {
  std::string values = inputs;
  for (std::size_t b = 0; b < graph.bias_count; ++b)
    values = builder.op("Concat", {values, builder.constant_column(1.0f)}, 1);
  return values;
}

// Columns `slots` of `values`, as the tensor `output`.
void gather_columns(GraphBuilder& builder, const std::string& values, const std::vector<std::int64_t>& slots,
                    const std::string& output) {
  builder.op("Gather", {values, builder.ints(slots, {static_cast<std::int64_t>(slots.size())})}, 1, output);
}

// A feed-forward graph's nodes, reading its input values from the [N, input_count] tensor
// `inputs` and writing "outputs". The value matrix grows by one column per node, so slot s of
// the compiled graph is column s of the matrix and the compiled edge sources index it directly.
void graph_nodes(GraphBuilder& builder, const CompiledGraph& graph, const std::string& inputs) {
  std::string values = source_columns(builder, graph, inputs);
  for (std::size_t n = 0; n < graph.computed_count(); ++n)
    values = builder.op("Concat", {values, node_column(builder, graph, n, values)}, 1);
  gather_columns(builder, values, {graph.output_slots.begin(), graph.output_slots.end()}, "outputs");
}

// One activation of a stateful graph (compiled by id): each step reads every computed node's
// value of the previous step from `state` (the matrix of sources then state is laid out as the
// compiled slots), a CTRNN (`kept` given) blending each node's new value z with its old one
// as k·y + (1 − k)·z. Writes "next_state" and "outputs".
void stateful_graph_nodes(GraphBuilder& builder, const CompiledGraph& graph, const std::string& inputs,
                          const std::string& state, const std::vector<double>* kept, std::size_t steps) {
  const std::string sources = source_columns(builder, graph, inputs);
  // The fractions k and 1 − k: one initializer each, read by every step.
  std::string keep, take;
  if (kept != nullptr) {
    std::vector<float> keep_values, take_values;
    for (double k : *kept) {
      keep_values.push_back(static_cast<float>(k));
      take_values.push_back(static_cast<float>(1.0 - k));
    }
    const auto width = static_cast<std::int64_t>(graph.computed_count());
    keep = builder.floats(keep_values, {1, width});
    take = builder.floats(take_values, {1, width});
  }
  std::string current = state;
  for (std::size_t step = 0; step < steps; ++step) {
    const std::string values = builder.op("Concat", {sources, current}, 1);
    std::vector<std::string> columns;
    for (std::size_t n = 0; n < graph.computed_count(); ++n) columns.push_back(node_column(builder, graph, n, values));
    std::string next = builder.op("Concat", columns, 1);
    if (kept != nullptr)
      next = builder.op("Add", {builder.op("Mul", {current, keep}), builder.op("Mul", {next, take})});
    current = next;
  }
  builder.op("Identity", {current}, -1, "next_state");
  std::vector<std::int64_t> outputs;
  for (std::uint32_t slot : graph.output_slots)
    outputs.push_back(static_cast<std::int64_t>(slot - graph.first_computed_slot()));
  gather_columns(builder, current, outputs, "outputs");
}

bool has_front_end(const Genome& genome) { return genome.spatial && !genome.spatial->layers.empty(); }

// Throws std::invalid_argument unless the genome's stack compiles and its readout nodes are
// exactly the graph's inputs, as SpatialNetwork requires, and every layer with virtual batch
// norm has its reference statistics, one mean and variance per output channel. Returns the
// statistics to write: those given, or none for every layer of a stack that does not normalise.
FrontEndStatistics checked_statistics(const Genome& genome, const Phenotype& phenotype,
                                      const FrontEndStatistics& statistics) {
  const SpatialNetwork network(genome, phenotype);
  const std::vector<SpatialLayerGene>& layers = genome.spatial->layers;
  if (!network.needs_reference()) return FrontEndStatistics(layers.size());
  if (statistics.size() != layers.size())
    throw std::invalid_argument("ONNX export of virtual batch norm needs the statistics of the task's reference batch "
                                "for each of genome " + std::to_string(genome.id) + "'s " +
                                std::to_string(layers.size()) + " spatial layers (convneat export computes them "
                                "from the champion's task), got " + std::to_string(statistics.size()));
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const std::size_t expected = layers[l].virtual_batch_norm ? layers[l].out_channels : 0;
    if (statistics[l].means.size() != expected || statistics[l].variances.size() != expected)
      throw std::invalid_argument("ONNX export: spatial layer " + std::to_string(layers[l].innovation) + " of genome " +
                                  std::to_string(genome.id) + " needs " + std::to_string(expected) +
                                  " reference means and variances (one per output channel of its virtual batch "
                                  "norm), got " + std::to_string(statistics[l].means.size()) + " and " +
                                  std::to_string(statistics[l].variances.size()));
  }
  return statistics;
}

bool keeps_state(const Phenotype& phenotype) {
  return !phenotype.feed_forward || phenotype.network.kind != NetworkKind::graph;
}

// Declares "inputs" and "outputs" ("state" and "next_state" too for a phenotype with state)
// and adds every node: the front end's, if any, then the graph's.
void build_model_graph(onnx::GraphProto& proto, const Genome& genome, const CompiledGraph& graph,
                       const Phenotype& phenotype, const FrontEndStatistics& statistics) {
  GraphBuilder builder(proto);
  std::string features = onnx_export::kModelInput;
  if (has_front_end(genome)) {
    const ImageShape& image = genome.spatial->input;
    std::vector<std::size_t> example{image.channels, image.height, image.width};
    if (genome.spatial->copies > 1) example.insert(example.begin(), genome.spatial->copies);
    onnx_export::declare_float_tensor(*proto.add_input(), features, example);
  } else {
    onnx_export::declare_float_tensor(*proto.add_input(), features, {graph.input_count});
  }
  if (keeps_state(phenotype)) onnx_export::declare_float_tensor(*proto.add_input(), "state", {graph.computed_count()});
  onnx_export::declare_float_tensor(*proto.add_output(), "outputs", {graph.output_slots.size()});
  if (keeps_state(phenotype))
    onnx_export::declare_float_tensor(*proto.add_output(), "next_state", {graph.computed_count()});
  if (has_front_end(genome))
    features = onnx_export::front_end_nodes(builder, *genome.spatial, features, statistics);
  if (!keeps_state(phenotype)) return graph_nodes(builder, graph, features);
  if (phenotype.network.kind == NetworkKind::ctrnn) {
    const std::vector<double> kept = ctrnn_kept_fractions(genome, graph, phenotype.network);
    return stateful_graph_nodes(builder, graph, features, "state", &kept, phenotype.network.steps_per_activation);
  }
  stateful_graph_nodes(builder, graph, features, "state", nullptr, 1);
}

}  // namespace

std::string genome_to_onnx(const Genome& genome, const Phenotype& phenotype, const FrontEndStatistics& statistics,
                           const std::string& name) {
  if (phenotype.network.kind == NetworkKind::izhikevich)
    throw std::invalid_argument("ONNX has no spiking neurons: a spiking network (/network/kind izhikevich) cannot be "
                                "exported to it; export --format json keeps it whole");
  const CompiledGraph graph = compile_graph(genome, keeps_state(phenotype) ? NodeOrder::by_id : NodeOrder::topological);
  const FrontEndStatistics layer_statistics =
      has_front_end(genome) ? checked_statistics(genome, phenotype, statistics) : FrontEndStatistics{};
  onnx::ModelProto model;
  model.set_ir_version(onnx::IR_VERSION);
  model.set_producer_name("convneat");
  onnx::OperatorSetIdProto& opset = *model.add_opset_import();
  opset.set_domain("");
  opset.set_version(kOpsetVersion);
  onnx::GraphProto& proto = *model.mutable_graph();
  proto.set_name(name);
  build_model_graph(proto, genome, graph, phenotype, layer_statistics);
  try {
    onnx::checker::check_model(model);
  } catch (const std::exception& error) {
    throw std::runtime_error(std::string("ONNX export: the model fails onnx::checker: ") + error.what());
  }
  std::string bytes;
  if (!model.SerializeToString(&bytes)) throw std::runtime_error("ONNX export: cannot serialize the model");
  return bytes;
}

}  // namespace convneat
