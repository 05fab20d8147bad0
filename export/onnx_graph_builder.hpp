#pragma once
// What the two ONNX writers share (onnx_writer.cpp: the NEAT graph; onnx_spatial_writer.cpp:
// the convolutional front end in front of it): a builder appending nodes and constant
// initializers to a graph under fresh, readable names, the activation functions as nodes,
// and float tensor declarations. Internal to export/; the public entry is onnx_writer.hpp.
#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "genome/activation.hpp"

namespace convneat::onnx_export {

// The model's input tensor; its first dimension is the batch size N.
inline constexpr const char* kModelInput = "inputs";

// An operator attribute: an integer, a list of integers, a string or a float.
struct Attribute {
  std::string name;
  std::variant<std::int64_t, std::vector<std::int64_t>, std::string, float> value;
};

class GraphBuilder {
 public:
  explicit GraphBuilder(onnx::GraphProto& graph) : graph_(graph) {}

  // Constant initializers; each returns its name.
  std::string floats(const std::vector<float>& values, const std::vector<std::int64_t>& dims);
  std::string ints(const std::vector<std::int64_t>& values, const std::vector<std::int64_t>& dims);

  // One operator node; returns the name of its (single) output. The first form sets
  // attribute "axis" when `axis` ≥ 0 (Gather and Concat here always work on one axis).
  std::string op(const std::string& type, const std::vector<std::string>& inputs, std::int64_t axis = -1,
                 const std::string& output = "");
  // The second form names `outputs` outputs (operators such as TopK must declare all of
  // theirs) and returns the first.
  std::string node(const std::string& type, const std::vector<std::string>& inputs,
                   const std::vector<Attribute>& attributes, int outputs = 1);

  // A [N, 1] column holding `value` in every row, N taken from the model input's batch size.
  std::string constant_column(float value);

 private:
  onnx::NodeProto& new_node(const std::string& type, const std::vector<std::string>& inputs, const std::string& output);
  std::string fresh(const std::string& prefix) { return prefix + "_" + std::to_string(next_name_++); }
  onnx::TensorProto& new_initializer(onnx::TensorProto::DataType type, const std::vector<std::int64_t>& dims);

  onnx::GraphProto& graph_;
  int next_name_ = 0;
  std::string column_shape_;
};

// act(x) element-wise, as nets/activation_functions.cpp computes it; returns the result's name.
std::string activation_nodes(GraphBuilder& builder, Activation activation, const std::string& x);

// Declares a float tensor [N, dims...] (N symbolic) as a graph input or output.
void declare_float_tensor(onnx::ValueInfoProto& value, const std::string& name, const std::vector<std::size_t>& dims);

}  // namespace convneat::onnx_export
