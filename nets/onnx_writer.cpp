#include "nets/onnx_writer.hpp"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <stdexcept>
#include <vector>

#include "nets/compiled_graph.hpp"

namespace convneat {
namespace {

// Opset 13 is old enough for every current runtime and has all operators used here.
constexpr std::int64_t kOpsetVersion = 13;
constexpr float kSteepSlope = 4.9f;  // as in nets/activation_functions.cpp

// Appends nodes and constant initializers to a graph under fresh, readable names.
class GraphBuilder {
 public:
  explicit GraphBuilder(onnx::GraphProto& graph) : graph_(graph) {}

  std::string floats(const std::vector<float>& values, const std::vector<std::int64_t>& dims) {
    onnx::TensorProto& tensor = new_initializer(onnx::TensorProto::FLOAT, dims);
    for (float v : values) tensor.add_float_data(v);
    return tensor.name();
  }

  std::string ints(const std::vector<std::int64_t>& values, const std::vector<std::int64_t>& dims) {
    onnx::TensorProto& tensor = new_initializer(onnx::TensorProto::INT64, dims);
    for (std::int64_t v : values) tensor.add_int64_data(v);
    return tensor.name();
  }

  // One operator node; returns the name of its (single) output.
  std::string op(const std::string& type, const std::vector<std::string>& inputs, std::int64_t axis = -1,
                 const std::string& output = "") {
    onnx::NodeProto& node = *graph_.add_node();
    node.set_op_type(type);
    node.set_name(type + "_" + std::to_string(graph_.node_size()));
    for (const std::string& input : inputs) node.add_input(input);
    node.add_output(output.empty() ? fresh(type) : output);
    if (axis >= 0) {  // Gather and Concat here always work on one axis
      onnx::AttributeProto& attribute = *node.add_attribute();
      attribute.set_name("axis");
      attribute.set_type(onnx::AttributeProto::INT);
      attribute.set_i(axis);
    }
    return node.output(0);
  }

  // A [N, 1] column holding `value` in every row, N taken from the input's batch size.
  std::string constant_column(float value) {
    if (column_shape_.empty()) {
      const std::string shape = op("Shape", {"inputs"});
      const std::string batch = op("Gather", {shape, ints({0}, {1})}, 0);
      column_shape_ = op("Concat", {batch, ints({1}, {1})}, 0);
    }
    return op("Expand", {floats({value}, {1, 1}), column_shape_});
  }

 private:
  std::string fresh(const std::string& prefix) { return prefix + "_" + std::to_string(next_name_++); }

  onnx::TensorProto& new_initializer(onnx::TensorProto::DataType type, const std::vector<std::int64_t>& dims) {
    onnx::TensorProto& tensor = *graph_.add_initializer();
    tensor.set_name(fresh("const"));
    tensor.set_data_type(type);
    for (std::int64_t d : dims) tensor.add_dims(d);
    return tensor;
  }

  onnx::GraphProto& graph_;
  int next_name_ = 0;
  std::string column_shape_;
};

std::string activation_nodes(GraphBuilder& builder, Activation activation, const std::string& x) {
  switch (activation) {
    case Activation::sigmoid: return builder.op("Sigmoid", {x});
    case Activation::steep_sigmoid: return builder.op("Sigmoid", {builder.op("Mul", {x, builder.floats({kSteepSlope}, {1})})});
    case Activation::tanh: return builder.op("Tanh", {x});
    case Activation::relu: return builder.op("Relu", {x});
    case Activation::identity: return x;
    case Activation::sin: return builder.op("Sin", {x});
    case Activation::gauss: return builder.op("Exp", {builder.op("Neg", {builder.op("Mul", {x, x})})});
    case Activation::abs: return builder.op("Abs", {x});
    case Activation::clamped:
      return builder.op("Clip", {x, builder.floats({-1.0f}, {}), builder.floats({1.0f}, {})});
  }
  throw std::invalid_argument("ONNX export: unknown activation");
}

// Node n's [N, 1] column: act(bias + values[:, sources] · weights).
std::string node_column(GraphBuilder& builder, const CompiledGraph& graph, std::size_t n, const std::string& values) {
  const auto bias = static_cast<float>(graph.node_bias[n]);
  std::vector<std::int64_t> sources;
  std::vector<float> weights;
  for (std::uint32_t e = graph.edge_begin[n]; e < graph.edge_begin[n + 1]; ++e) {
    sources.push_back(graph.edge_source[e]);
    weights.push_back(static_cast<float>(graph.edge_weight[e]));
  }
  std::string sum;
  if (sources.empty()) {  // a node without inputs is its activated bias, in every row
    sum = builder.constant_column(bias);
  } else {
    const auto count = static_cast<std::int64_t>(sources.size());
    const std::string gathered = builder.op("Gather", {values, builder.ints(sources, {count})}, 1);
    const std::string product = builder.op("MatMul", {gathered, builder.floats(weights, {count, 1})});
    sum = builder.op("Add", {product, builder.floats({bias}, {1})});
  }
  return activation_nodes(builder, graph.node_activation[n], sum);
}

void declare_float_matrix(onnx::ValueInfoProto& value, const std::string& name, std::size_t columns) {
  value.set_name(name);
  onnx::TypeProto::Tensor& tensor = *value.mutable_type()->mutable_tensor_type();
  tensor.set_elem_type(onnx::TensorProto::FLOAT);
  tensor.mutable_shape()->add_dim()->set_dim_param("N");
  tensor.mutable_shape()->add_dim()->set_dim_value(static_cast<std::int64_t>(columns));
}

// The value matrix grows by one column per node, so slot s of the compiled graph is column
// s of the matrix and the compiled edge sources index it directly.
void build_graph(onnx::GraphProto& proto, const CompiledGraph& graph) {
  GraphBuilder builder(proto);
  declare_float_matrix(*proto.add_input(), "inputs", graph.input_count);
  declare_float_matrix(*proto.add_output(), "outputs", graph.output_slots.size());
  std::string values = "inputs";
  for (std::size_t b = 0; b < graph.bias_count; ++b)
    values = builder.op("Concat", {values, builder.constant_column(1.0f)}, 1);
  for (std::size_t n = 0; n < graph.computed_count(); ++n)
    values = builder.op("Concat", {values, node_column(builder, graph, n, values)}, 1);
  std::vector<std::int64_t> outputs(graph.output_slots.begin(), graph.output_slots.end());
  builder.op("Gather", {values, builder.ints(outputs, {static_cast<std::int64_t>(outputs.size())})}, 1, "outputs");
}

}  // namespace

std::string genome_to_onnx(const Genome& genome, const std::string& name) {
  const CompiledGraph graph = compile_graph(genome, NodeOrder::topological);
  onnx::ModelProto model;
  model.set_ir_version(onnx::IR_VERSION);
  model.set_producer_name("convneat");
  onnx::OperatorSetIdProto& opset = *model.add_opset_import();
  opset.set_domain("");
  opset.set_version(kOpsetVersion);
  onnx::GraphProto& proto = *model.mutable_graph();
  proto.set_name(name);
  build_graph(proto, graph);
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
