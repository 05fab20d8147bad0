#include "export/onnx_graph_builder.hpp"

#include <limits>
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

void set_attribute(onnx::AttributeProto& attribute, float value) {
  attribute.set_type(onnx::AttributeProto::FLOAT);
  attribute.set_f(value);
}

// The constants of nets/activation_functions.cpp's formulas, as float32 tensors hold them.
constexpr float kLargest = std::numeric_limits<float>::max();  // inv, square and cube saturate here
constexpr float kSeluScale = 1.0507009873554804934193349852946f;  // λ
constexpr float kSeluAlpha = 1.6732632423543772848170429916717f;  // α
constexpr float kExpLimit = 60.0f;  // exp's and neat-python's exponent clamp

std::string scalar(GraphBuilder& builder, float value) { return builder.floats({value}, {}); }

std::string clip(GraphBuilder& builder, const std::string& x, float low, float high) {
  return builder.op("Clip", {x, scalar(builder, low), scalar(builder, high)});
}

// clamp(scale · x, -60, 60), neat-python's guard in front of its sigmoid, tanh, sin and softplus.
std::string scaled_and_clamped(GraphBuilder& builder, const std::string& x, float scale) {
  return clip(builder, builder.op("Mul", {x, scalar(builder, scale)}), -kExpLimit, kExpLimit);
}

// ln(1 + e^x) as relu(x) + softplus(-|x|): Softplus's own argument is never positive, so no
// runtime's e^x can overflow however it computes it.
std::string stable_softplus(GraphBuilder& builder, const std::string& x) {
  const std::string tail = builder.op("Softplus", {builder.op("Neg", {builder.op("Abs", {x})})});
  return builder.op("Add", {builder.op("Relu", {x}), tail});
}

// 1/x, 0 at x = 0 (Reciprocal's inf there is never selected), saturated at float's largest.
std::string inverse(GraphBuilder& builder, const std::string& x) {
  const std::string reciprocal = clip(builder, builder.op("Reciprocal", {x}), -kLargest, kLargest);
  const std::string at_zero = builder.op("Equal", {x, scalar(builder, 0.0f)});
  return builder.op("Where", {at_zero, scalar(builder, 0.0f), reciprocal});
}

// The activations neat-python brought (genome/activation.hpp), with that file's clamps.
std::string neat_python_activation_nodes(GraphBuilder& builder, Activation activation, const std::string& x) {
  switch (activation) {
    case Activation::elu: return builder.node("Elu", {x}, {{"alpha", 1.0f}});
    case Activation::lelu: return builder.node("LeakyRelu", {x}, {{"alpha", 0.005f}});
    // ONNX's Selu is γ (x > 0 ? x : α (e^x - 1)), the same formula; γx may overflow.
    case Activation::selu: {
      const std::string selu = builder.node("Selu", {x}, {{"alpha", kSeluAlpha}, {"gamma", kSeluScale}});
      return clip(builder, selu, -kLargest, kLargest);
    }
    case Activation::softplus: return stable_softplus(builder, x);
    case Activation::inv: return inverse(builder, x);
    case Activation::log: return builder.op("Log", {builder.op("Max", {x, scalar(builder, 1e-7f)})});
    case Activation::exp: return builder.op("Exp", {clip(builder, x, -kExpLimit, kExpLimit)});
    case Activation::hat:
      return builder.op("Relu", {builder.op("Sub", {scalar(builder, 1.0f), builder.op("Abs", {x})})});
    case Activation::square: return clip(builder, builder.op("Mul", {x, x}), -kLargest, kLargest);
    case Activation::cube: return clip(builder, builder.op("Mul", {builder.op("Mul", {x, x}), x}), -kLargest, kLargest);
    case Activation::neat_python_sigmoid: return builder.op("Sigmoid", {scaled_and_clamped(builder, x, 5.0f)});
    case Activation::neat_python_tanh: return builder.op("Tanh", {scaled_and_clamped(builder, x, 2.5f)});
    case Activation::neat_python_sin: return builder.op("Sin", {scaled_and_clamped(builder, x, 5.0f)});
    case Activation::neat_python_gauss: {
      const std::string clamped = clip(builder, x, -3.4f, 3.4f);
      return builder.op("Exp", {builder.op("Mul", {builder.op("Mul", {clamped, clamped}), scalar(builder, -5.0f)})});
    }
    case Activation::neat_python_softplus:  // e^60 fits in float: Softplus cannot overflow here
      return builder.op("Mul", {builder.op("Softplus", {scaled_and_clamped(builder, x, 5.0f)}), scalar(builder, 0.2f)});
    default: break;
  }
  throw std::invalid_argument("ONNX export: unknown activation");
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
                               const std::vector<Attribute>& attributes, int outputs) {
  onnx::NodeProto& node = new_node(type, inputs, "");
  for (int extra = 1; extra < outputs; ++extra) node.add_output(fresh(type));
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
    default: return neat_python_activation_nodes(builder, activation, x);
  }
}

void declare_float_tensor(onnx::ValueInfoProto& value, const std::string& name, const std::vector<std::size_t>& dims) {
  value.set_name(name);
  onnx::TypeProto::Tensor& tensor = *value.mutable_type()->mutable_tensor_type();
  tensor.set_elem_type(onnx::TensorProto::FLOAT);
  tensor.mutable_shape()->add_dim()->set_dim_param("N");
  for (std::size_t d : dims) tensor.mutable_shape()->add_dim()->set_dim_value(static_cast<std::int64_t>(d));
}

}  // namespace convneat::onnx_export
