#include "export/onnx_graph_builder.hpp"

#include <stdexcept>

namespace convneat::onnx_export {
namespace {

constexpr auto kSteepSlope = static_cast<float>(kSteepSigmoidSlope);

void set_attribute(onnx::AttributeProto& attribute, std::int64_t value) {
  attribute.set_type(onnx::AttributeProto::INT);
  attribute.set_i(value);
}

void set_attribute(onnx::AttributeProto& attribute, const std::vector<std::int64_t>& values) {
  attribute.set_type(onnx::AttributeProto::INTS);
  for (std::int64_t v : values) attribute.add_ints(v);
}

void set_attribute(onnx::AttributeProto& attribute, const std::string& value) {
  attribute.set_type(onnx::AttributeProto::STRING);
  attribute.set_s(value);
}

}  // namespace

std::string GraphBuilder::floats(const std::vector<float>& values, const std::vector<std::int64_t>& dims) {
  onnx::TensorProto& tensor = new_initializer(onnx::TensorProto::FLOAT, dims);
  for (float v : values) tensor.add_float_data(v);
  return tensor.name();
}

std::string GraphBuilder::ints(const std::vector<std::int64_t>& values, const std::vector<std::int64_t>& dims) {
  onnx::TensorProto& tensor = new_initializer(onnx::TensorProto::INT64, dims);
  for (std::int64_t v : values) tensor.add_int64_data(v);
  return tensor.name();
}

std::string GraphBuilder::op(const std::string& type, const std::vector<std::string>& inputs, std::int64_t axis,
                             const std::string& output) {
  onnx::NodeProto& node = new_node(type, inputs, output);
  if (axis >= 0) {
    onnx::AttributeProto& attribute = *node.add_attribute();
    attribute.set_name("axis");
    set_attribute(attribute, axis);
  }
  return node.output(0);
}

std::string GraphBuilder::node(const std::string& type, const std::vector<std::string>& inputs,
                               const std::vector<Attribute>& attributes) {
  onnx::NodeProto& node = new_node(type, inputs, "");
  for (const Attribute& attribute : attributes) {
    onnx::AttributeProto& proto = *node.add_attribute();
    proto.set_name(attribute.name);
    std::visit([&](const auto& value) { set_attribute(proto, value); }, attribute.value);
  }
  return node.output(0);
}

std::string GraphBuilder::constant_column(float value) {
  if (column_shape_.empty()) {
    const std::string shape = op("Shape", {kModelInput});
    const std::string batch = op("Gather", {shape, ints({0}, {1})}, 0);
    column_shape_ = op("Concat", {batch, ints({1}, {1})}, 0);
  }
  return op("Expand", {floats({value}, {1, 1}), column_shape_});
}

onnx::NodeProto& GraphBuilder::new_node(const std::string& type, const std::vector<std::string>& inputs,
                                        const std::string& output) {
  onnx::NodeProto& node = *graph_.add_node();
  node.set_op_type(type);
  node.set_name(type + "_" + std::to_string(graph_.node_size()));
  for (const std::string& input : inputs) node.add_input(input);
  node.add_output(output.empty() ? fresh(type) : output);
  return node;
}

onnx::TensorProto& GraphBuilder::new_initializer(onnx::TensorProto::DataType type,
                                                 const std::vector<std::int64_t>& dims) {
  onnx::TensorProto& tensor = *graph_.add_initializer();
  tensor.set_name(fresh("const"));
  tensor.set_data_type(type);
  for (std::int64_t d : dims) tensor.add_dims(d);
  return tensor;
}

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

void declare_float_tensor(onnx::ValueInfoProto& value, const std::string& name, const std::vector<std::size_t>& dims) {
  value.set_name(name);
  onnx::TypeProto::Tensor& tensor = *value.mutable_type()->mutable_tensor_type();
  tensor.set_elem_type(onnx::TensorProto::FLOAT);
  tensor.mutable_shape()->add_dim()->set_dim_param("N");
  for (std::size_t d : dims) tensor.mutable_shape()->add_dim()->set_dim_value(static_cast<std::int64_t>(d));
}

}  // namespace convneat::onnx_export
