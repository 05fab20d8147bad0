#include "genome/spatial/json.hpp"

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <vector>

#include "genome/json_fields.hpp"
#include "genome/message_excerpt.hpp"
#include "genome/spatial/geometry.hpp"
#include "genome/spatial/names.hpp"

namespace convneat {
namespace {

using nlohmann::json;

// ---- writing ----

json centroid_to_json(const CentroidParameters& kcp) {
  json centroids = json::array();
  for (const Point2& p : kcp.centroids) centroids.push_back({p.x, p.y});
  json shapes = json::array();
  for (const ShapeMatrix& m : kcp.shapes) shapes.push_back({m.a, m.b, m.c, m.d});
  return {{"centroids", centroids},
          {"shapes", shapes},
          {"per_feature", kcp.per_feature},
          {"normalise", kcp.normalise},
          {"scale", kcp.scale}};
}

json layer_to_json(const SpatialLayerGene& layer) {
  json value = {{"innovation", layer.innovation},
                {"kernel_size", layer.kernel_size},
                {"stride", layer.stride},
                {"padding", padding_to_json(layer.padding)},
                {"in_channels", layer.in_channels},
                {"out_channels", layer.out_channels},
                {"activation", activation_name(layer.activation)},
                {"pooling", pooling_name(layer.pooling)},
                {"mode", sharing_mode_name(layer.mode)},
                {"banks", layer.banks},
                {"kernels", layer.kernels},
                {"biases", layer.biases}};
  if (layer.mode == SharingMode::centroid) value["centroid"] = centroid_to_json(layer.centroid);
  // Written only when on, so genomes without it read and write as before.
  if (layer.virtual_batch_norm)
    value["virtual_batch_norm"] = {{"gains", layer.norm_gains}, {"shifts", layer.norm_shifts}};
  return value;
}

// ---- reading ----

template <class Enum, class Parse>
Enum named(const json& object, const char* key, const std::string& path, Parse parse, const std::string& names) {
  const std::string name = field<std::string>(object, key, path);
  if (const auto value = parse(name)) return *value;
  throw std::runtime_error(path + "/" + key + ": expected one of " + names + ", got \"" + name + "\"");
}

// The product of array dimensions, refusing sizes that overflow.
std::size_t product(std::initializer_list<std::size_t> factors, const std::string& path) {
  std::size_t result = 1;
  for (std::size_t factor : factors) {
    if (factor != 0 && result > std::numeric_limits<std::size_t>::max() / factor)
      throw std::runtime_error(path + ": the layer's sizes are too large");
    result *= factor;
  }
  return result;
}

const json& array_of(const json& object, const char* key, const std::string& path, std::size_t expected,
                     const char* what) {
  const json& array = member(object, key, path);
  if (!array.is_array()) throw std::runtime_error(path + "/" + key + ": expected an array, got " + excerpt(array.dump()));
  if (array.size() != expected)
    throw std::runtime_error(path + "/" + key + ": expected " + std::to_string(expected) + " " + what + ", got " +
                             std::to_string(array.size()));
  return array;
}

double number(const json& value, const std::string& path) {
  if (!value.is_number()) throw std::runtime_error(path + ": expected a number, got " + excerpt(value.dump()));
  return value.get<double>();
}

std::vector<double> numbers(const json& object, const char* key, const std::string& path, std::size_t expected) {
  const json& array = array_of(object, key, path, expected, "numbers");
  std::vector<double> values;
  values.reserve(expected);
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_number())  // the path is only built for the error: kernels can be long
      throw std::runtime_error(path + "/" + key + "/" + std::to_string(i) + ": expected a number, got " +
                               excerpt(array[i].dump()));
    values.push_back(array[i].get<double>());
  }
  return values;
}

// Each entry of object[key] is an array of `width` numbers.
std::vector<std::vector<double>> rows(const json& object, const char* key, const std::string& path,
                                      std::size_t expected, std::size_t width, const char* what) {
  const json& array = array_of(object, key, path, expected, what);
  std::vector<std::vector<double>> result;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const std::string entry = path + "/" + key + "/" + std::to_string(i);
    if (!array[i].is_array() || array[i].size() != width)
      throw std::runtime_error(entry + ": expected " + std::to_string(width) + " numbers, got " + excerpt(array[i].dump()));
    std::vector<double> row;
    for (std::size_t j = 0; j < width; ++j) row.push_back(number(array[i][j], entry + "/" + std::to_string(j)));
    result.push_back(std::move(row));
  }
  return result;
}

CentroidParameters centroid_from_json(const json& value, const std::string& path, const SpatialLayerGene& layer) {
  CentroidParameters kcp;
  kcp.per_feature = field<bool>(value, "per_feature", path);
  kcp.normalise = field<bool>(value, "normalise", path);
  kcp.scale = field<double>(value, "scale", path);
  const std::size_t centroids = product({layer.banks, kcp.per_feature ? layer.out_channels : 1}, path);
  for (const auto& p : rows(value, "centroids", path, centroids, 2, "centroids")) kcp.centroids.push_back({p[0], p[1]});
  for (const auto& m : rows(value, "shapes", path, layer.banks, 4, "shapes"))
    kcp.shapes.push_back({m[0], m[1], m[2], m[3]});
  return kcp;
}

Padding padding_field(const json& object, const std::string& path) {
  const json& value = member(object, "padding", path);
  if (const auto padding = padding_from_json(value)) return *padding;
  throw std::runtime_error(path + "/padding: expected \"valid\", \"same\" or a whole number of cells up to 1024, got " +
                           excerpt(value.dump()));
}

SpatialLayerGene layer_from_json(const json& value, const std::string& path) {
  SpatialLayerGene layer;
  layer.innovation = field<InnovationId>(value, "innovation", path);
  layer.kernel_size = field<std::size_t>(value, "kernel_size", path);
  layer.stride = field<std::size_t>(value, "stride", path);
  layer.padding = padding_field(value, path);
  layer.in_channels = field<std::size_t>(value, "in_channels", path);
  layer.out_channels = field<std::size_t>(value, "out_channels", path);
  layer.activation = named<Activation>(value, "activation", path, parse_activation, activation_names_list());
  layer.pooling = named<Pooling>(value, "pooling", path, parse_pooling, pooling_names());
  layer.mode = named<SharingMode>(value, "mode", path, parse_sharing_mode, sharing_mode_names());
  layer.banks = field<std::size_t>(value, "banks", path);
  layer.kernels = numbers(value, "kernels", path,
                          product({layer.banks, layer.out_channels, layer.in_channels, layer.kernel_size,
                                   layer.kernel_size}, path));
  layer.biases = numbers(value, "biases", path, product({layer.banks, layer.out_channels}, path));
  if (layer.mode == SharingMode::centroid)
    layer.centroid = centroid_from_json(member(value, "centroid", path), path + "/centroid", layer);
  else if (value.contains("centroid"))
    throw std::runtime_error(path + "/centroid: only centroid layers have centroid parameters");
  if (value.contains("virtual_batch_norm")) {
    const std::string at = path + "/virtual_batch_norm";
    const json& norm = value.at("virtual_batch_norm");
    layer.virtual_batch_norm = true;
    layer.norm_gains = numbers(norm, "gains", at, layer.out_channels);
    layer.norm_shifts = numbers(norm, "shifts", at, layer.out_channels);
  }
  return layer;
}

}  // namespace

json spatial_stack_to_json(const SpatialStack& stack) {
  json layers = json::array();
  for (const SpatialLayerGene& layer : stack.layers) layers.push_back(layer_to_json(layer));
  json value = {
      {"input", {{"channels", stack.input.channels}, {"height", stack.input.height}, {"width", stack.input.width}}},
      {"readout", readout_name(stack.readout)},
      {"layers", layers}};
  if (stack.copies != 1) value["copies"] = stack.copies;  // absent: one image, as before copies existed
  return value;
}

SpatialStack spatial_stack_from_json(const json& value, const std::string& path) {
  if (!value.is_object()) throw std::runtime_error(path + ": expected an object, got " + excerpt(value.dump()));
  SpatialStack stack;
  const json& input = member(value, "input", path);
  const std::string input_path = path + "/input";
  stack.input = {field<std::size_t>(input, "channels", input_path), field<std::size_t>(input, "height", input_path),
                 field<std::size_t>(input, "width", input_path)};
  stack.readout = named<ReadoutKind>(value, "readout", path, parse_readout, readout_names());
  if (value.contains("copies")) {
    stack.copies = field<std::size_t>(value, "copies", path);
    if (stack.copies == 0 || stack.copies > kMaxCopies)
      throw std::runtime_error(path + "/copies: expected a whole number from 1 to " + std::to_string(kMaxCopies) +
                               ", got " + std::to_string(stack.copies));
  }
  const json& layers = member(value, "layers", path);
  if (!layers.is_array()) throw std::runtime_error(path + "/layers: expected an array, got " + excerpt(layers.dump()));
  for (std::size_t i = 0; i < layers.size(); ++i)
    stack.layers.push_back(layer_from_json(layers[i], path + "/layers/" + std::to_string(i)));
  return stack;
}

}  // namespace convneat
