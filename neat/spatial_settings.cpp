#include "neat/spatial_settings.hpp"

#include <algorithm>
#include <set>

#include "genome/spatial/initial_stack.hpp"
#include "genome/message_excerpt.hpp"
#include "genome/spatial/geometry.hpp"
#include "genome/spatial/names.hpp"
#include "neat/setting_builders.hpp"

namespace convneat {
namespace {

using nlohmann::json;

std::size_t whole_number(const json& value, std::size_t low, std::size_t high, const std::string& key) {
  const auto whole = whole_number_value(value);
  if (!whole || *whole < low || *whole > high)
    throw SettingPartError(key, "expected a whole number in [" + std::to_string(low) + ", " + std::to_string(high) +
                                    "], got " + excerpt(value.dump()));
  return static_cast<std::size_t>(*whole);
}

template <class Enum, std::size_t N>
Enum named(const json& value, const NameTable<Enum, N>& table, const std::string& key) {
  std::optional<Enum> parsed = value.is_string() ? table.parse(value.get<std::string>()) : std::nullopt;
  if (!parsed) throw SettingPartError(key, "expected one of " + table.names() + ", got " + excerpt(value.dump()));
  return *parsed;
}

LayerSpec parse_layer(const json& object, const std::string& at) {
  if (!object.is_object())
    throw SettingPartError(at, "expected a layer object {mode, kernel_size, stride, padding, channels, activation, "
                               "pooling, virtual_batch_norm}, got " + excerpt(object.dump()));
  LayerSpec layer;
  for (const auto& [key, value] : object.items()) {
    const std::string path = at + "/" + key;
    if (key == "mode") {
      layer.mode = named(value, kSharingModes, path);
    } else if (key == "kernel_size") {
      layer.kernel_size = whole_number(value, 1, 64, path);
    } else if (key == "stride") {
      layer.stride = whole_number(value, 1, 64, path);
    } else if (key == "padding") {
      const auto padding = padding_from_json(value);
      if (!padding) throw SettingPartError(path, "expected \"valid\", \"same\" or a whole number of cells, got " +
                                                     excerpt(value.dump()));
      layer.padding = *padding;
    } else if (key == "channels") {
      layer.channels = whole_number(value, 1, kMaxChannels - 1, path);
    } else if (key == "activation") {
      layer.activation = named(value, kActivationNames, path);
    } else if (key == "pooling") {
      layer.pooling = named(value, kPoolings, path);
    } else if (key == "virtual_batch_norm") {
      if (!value.is_boolean()) throw SettingPartError(path, "expected true or false, got " + excerpt(value.dump()));
      layer.virtual_batch_norm = value.get<bool>();
    } else {
      throw SettingPartError(path, "unknown key; a layer takes mode, kernel_size, stride, padding, channels, "
                                   "activation, pooling, virtual_batch_norm");
    }
  }
  return layer;
}

json layer_to_json(const LayerSpec& layer) {
  return {{"mode", sharing_mode_name(layer.mode)},         {"kernel_size", layer.kernel_size},
          {"stride", layer.stride},                        {"padding", padding_to_json(layer.padding)},
          {"channels", layer.channels},                    {"activation", activation_name(layer.activation)},
          {"pooling", pooling_name(layer.pooling)},        {"virtual_batch_norm", layer.virtual_batch_norm}};
}

// The image shape is the task's to say; it is a key so that a resolved config (and so a
// checkpoint) holds it, and a config that states it must agree with the task.
Setting image_shape_setting() {
  return Setting{
      "/genome/spatial/input", "an object {channels, height, width} of whole numbers",
      "shape of the images the front end reads (0 x 0 x 0: not an image task); set from the task, and a config "
      "that gives it must match",
      [](NeatConfig& c, const json& v) {
        if (!v.is_object() || v.size() != 3) return false;
        // All zero: no image, what the resolved config of every non-image task holds, so
        // its checkpoints must read it back.
        if (v == json{{"channels", 0}, {"height", 0}, {"width", 0}}) return c.genome.spatial.input = ImageShape{}, true;
        ImageShape shape;
        for (auto [key, field] : {std::pair{"channels", &shape.channels}, std::pair{"height", &shape.height},
                                  std::pair{"width", &shape.width}}) {
          if (!v.contains(key) || !v[key].is_number_integer() || v[key].get<std::int64_t>() < 0 ||
              v[key].get<std::int64_t>() > 1000000)
            return false;
          *field = v[key].get<std::size_t>();
        }
        c.genome.spatial.input = shape;
        return true;
      },
      [](const NeatConfig& c) {
        const ImageShape& shape = c.genome.spatial.input;
        return json{{"channels", shape.channels}, {"height", shape.height}, {"width", shape.width}};
      }};
}

Setting layer_list() {
  return Setting{
      "/genome/spatial/layers",
      "a list of layer objects {mode, kernel_size, stride, padding, channels, activation, pooling, "
      "virtual_batch_norm}",
      "the start genome's spatial layers, in order; empty: no front end (docs/spatial.md); virtual_batch_norm (default "
      "false) normalises a layer's convolved map with statistics of the task's reference batch",
      [](NeatConfig& c, const json& v) {
        if (!v.is_array()) return false;
        std::vector<LayerSpec> layers;
        for (std::size_t i = 0; i < v.size(); ++i) {
          std::string at = "/";  // built in two steps: GCC 12 warns falsely (-Wrestrict) on "/" + string
          at += std::to_string(i);
          layers.push_back(parse_layer(v[i], at));
        }
        c.genome.spatial.layers = std::move(layers);
        return true;
      },
      [](const NeatConfig& c) {
        json layers = json::array();
        for (const LayerSpec& layer : c.genome.spatial.layers) layers.push_back(layer_to_json(layer));
        return layers;
      }};
}

std::vector<Setting> centroid_settings() {
  return {
      integer("/genome/spatial/centroid/count", 1, 1024, "K, the kernel–centroid pairs of a centroid layer",
              [](auto& c) -> auto& { return c.genome.spatial.centroid.count; }),
      choice("/genome/spatial/centroid/init",
             choices_of(kCentroidInits),
             "centroids start on a grid_rows × grid_columns grid (K must equal their product) or uniformly at random",
             [](auto& c) -> auto& { return c.genome.spatial.centroid.init; }),
      integer("/genome/spatial/centroid/grid_rows", 1, 1024, "rows of the centroid grid",
              [](auto& c) -> auto& { return c.genome.spatial.centroid.grid_rows; }),
      integer("/genome/spatial/centroid/grid_columns", 1, 1024, "columns of the centroid grid",
              [](auto& c) -> auto& { return c.genome.spatial.centroid.grid_columns; }),
      real("/genome/spatial/centroid/sigma", 1e-6, 1e6, "shape matrices start as sigma · I (larger: sharper sharing)",
           [](auto& c) -> auto& { return c.genome.spatial.centroid.sigma; }),
      real("/genome/spatial/centroid/scale", 1e-6, 1e6, "S: output cells have coordinates in [0, S]",
           [](auto& c) -> auto& { return c.genome.spatial.centroid.scale; }),
      flag("/genome/spatial/centroid/evolve_centroids", "false: centroids stay where they started",
           [](auto& c) -> auto& { return c.genome.spatial.centroid.evolve_centroids; }),
      flag("/genome/spatial/centroid/evolve_shapes", "false: shape matrices stay sigma · I",
           [](auto& c) -> auto& { return c.genome.spatial.centroid.evolve_shapes; }),
      flag("/genome/spatial/centroid/per_feature", "one set of centroids per output channel",
           [](auto& c) -> auto& { return c.genome.spatial.centroid.per_feature; }),
      flag("/genome/spatial/centroid/normalise", "normalise each cell's similarities over the K KCPs",
           [](auto& c) -> auto& { return c.genome.spatial.centroid.normalise; }),
  };
}

std::vector<Setting> spatial_mutation_settings() {
  return {
      real("/genome/spatial/kernel_init_scale", 0, 1e6, "kernels start as N(0, scale² / fan_in), fan_in = C_in·k·k",
           [](auto& c) -> auto& { return c.genome.spatial.kernel_init_scale; }),
      probability("/genome/spatial/kernel_mutate_rate", "per kernel weight or bias: probability of a perturbation",
                  [](auto& c) -> auto& { return c.genome.spatial.kernel_mutate_rate; }),
      real("/genome/spatial/kernel_mutate_power", 0, 1e6, "stdev of a kernel perturbation, in units of the start stdev",
           [](auto& c) -> auto& { return c.genome.spatial.kernel_mutate_power; }),
      probability("/genome/spatial/kernel_replace_rate", "per kernel parameter not perturbed: probability of a new value",
                  [](auto& c) -> auto& { return c.genome.spatial.kernel_replace_rate; }),
      probability("/genome/spatial/centroid_mutate_rate", "per centroid: probability of a move",
                  [](auto& c) -> auto& { return c.genome.spatial.centroid_mutate_rate; }),
      real("/genome/spatial/centroid_mutate_power", 0, 1e6, "stdev of a centroid move, as a fraction of the scale S",
           [](auto& c) -> auto& { return c.genome.spatial.centroid_mutate_power; }),
      probability("/genome/spatial/shape_mutate_rate", "per KCP: probability of perturbing its shape matrix",
                  [](auto& c) -> auto& { return c.genome.spatial.shape_mutate_rate; }),
      real("/genome/spatial/shape_mutate_power", 0, 1e6, "stdev of a shape-matrix entry's perturbation, times sigma",
           [](auto& c) -> auto& { return c.genome.spatial.shape_mutate_power; }),
      probability("/genome/spatial/norm_mutate_rate",
                  "per virtual-batch-norm gain or shift: probability of a perturbation",
                  [](auto& c) -> auto& { return c.genome.spatial.norm_mutate_rate; }),
      real("/genome/spatial/norm_mutate_power", 0, 1e6, "stdev of a virtual-batch-norm gain or shift perturbation",
           [](auto& c) -> auto& { return c.genome.spatial.norm_mutate_power; }),
      probability("/genome/spatial/add_layer_rate",
                  "per offspring: insert an identity layer before a random layer (function-preserving)",
                  [](auto& c) -> auto& { return c.genome.spatial.add_layer_rate; }),
      choice("/genome/spatial/added_layer_activation", choices_of(kActivationNames),
             "activation of inserted layers; only identity keeps the insertion function-preserving",
             [](auto& c) -> auto& { return c.genome.spatial.added_layer_activation; }),
      integer("/genome/spatial/added_layer_kernel", 1, 63, "kernel size of inserted layers (odd)",
              [](auto& c) -> auto& { return c.genome.spatial.added_layer_kernel; }),
      probability("/genome/spatial/add_channel_rate", "per offspring: one more output channel in a random layer",
                  [](auto& c) -> auto& { return c.genome.spatial.add_channel_rate; }),
      integer("/genome/spatial/max_channels", 1, kMaxChannels - 1, "add-channel stops at this many channels",
              [](auto& c) -> auto& { return c.genome.spatial.max_channels; }),
      flag("/genome/spatial/connect_new_channels",
           "a channel added to the last layer has its readout joined to every output with weight 0 "
           "(function-preserving; needs /genome/output_aggregation sum; false: its readout nodes join "
           "unconnected, for add-connection to find)",
           [](auto& c) -> auto& { return c.genome.spatial.connect_new_channels; }),
      probability("/genome/spatial/mode_mutate_rate",
                  "per offspring: shared → centroid or centroid → local, keeping the network's function",
                  [](auto& c) -> auto& { return c.genome.spatial.mode_mutate_rate; }),
      real("/species/layer_coefficient", 0, 1e6, "δ term per unmatched spatial layer or sharing-mode mismatch",
           [](auto& c) -> auto& { return c.genome.spatial.layer_coefficient; }),
      real("/species/channel_coefficient", 0, 1e6,
           "δ term per matching spatial layer: |difference of output channels| / the larger count",
           [](auto& c) -> auto& { return c.genome.spatial.channel_coefficient; }),
      real("/species/kernel_coefficient", 0, 1e6,
           "δ term: mean |difference| of aligned kernel parameters",
           [](auto& c) -> auto& { return c.genome.spatial.kernel_coefficient; }),
      flag("/species/align_common_channels",
           "matching spatial layers whose channel counts differ align the kernels of the channels both hold "
           "(false: only layers of one shape align)",
           [](auto& c) -> auto& { return c.genome.spatial.align_common_channels; }),
      flag("/species/separate_readout",
              "front ends: readout connections and the inner graph's connections each have their own E/N and D/N "
              "in δ, so that the readout's thousand genes do not dilute a hidden node's (false: one N, the paper's)",
              [](auto& c) -> auto& { return c.genome.spatial.separate_readout; }),
  };
}

}  // namespace

std::vector<Setting> spatial_settings() {
  std::vector<Setting> settings{image_shape_setting(),
                                integer("/genome/spatial/copies", 1, kMaxCopies,
                                        "images per example, set from the task: the front end is applied to each "
                                        "with the same parameters (tied weights); a config that gives it must match",
                                        [](auto& c) -> auto& { return c.genome.spatial.copies; }),
                                layer_list(),
                                choice("/genome/spatial/readout",
                                       choices_of(kReadouts),
                                       "last map into graph inputs: one per channel × cell, or pooled per channel",
                                       [](auto& c) -> auto& { return c.genome.spatial.readout; })};
  for (auto group : {centroid_settings, spatial_mutation_settings}) {
    auto more = group();
    settings.insert(settings.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  return settings;
}

ImageShape check_spatial_config(const SpatialConfig& spatial, const std::string& source) {
  const CentroidConfig& centroid = spatial.centroid;
  const bool has_centroid_layer = std::any_of(spatial.layers.begin(), spatial.layers.end(),
                                              [](const LayerSpec& l) { return l.mode == SharingMode::centroid; });
  if ((has_centroid_layer || spatial.mode_mutate_rate > 0) && centroid.init == CentroidInit::grid &&
      centroid.grid_rows * centroid.grid_columns != centroid.count)
    throw ConfigError(source + ": /genome/spatial/centroid/count: a " + std::to_string(centroid.grid_rows) + "x" +
                      std::to_string(centroid.grid_columns) + " grid holds " +
                      std::to_string(centroid.grid_rows * centroid.grid_columns) + " centroids, count is " +
                      std::to_string(centroid.count));
  if (spatial.added_layer_kernel % 2 == 0)
    throw ConfigError(source + ": /genome/spatial/added_layer_kernel: expected an odd number (an identity kernel "
                      "needs a centre), got " + std::to_string(spatial.added_layer_kernel));
  ImageShape shape = spatial.input;
  for (std::size_t i = 0; i < spatial.layers.size(); ++i) {
    const SpatialLayerGene layer = layer_from_spec(spatial.layers[i], i, shape.channels);
    try {
      shape = layer_geometry(layer, shape).output;
    } catch (const std::invalid_argument& error) {
      throw ConfigError(source + ": /genome/spatial/layers/" + std::to_string(i) + ": on a " +
                        std::to_string(shape.channels) + "x" + std::to_string(shape.height) + "x" +
                        std::to_string(shape.width) + " input: " + error.what());
    }
    if (shape.cells() >= kMaxCells)
      throw ConfigError(source + ": /genome/spatial/layers/" + std::to_string(i) + ": more than 2^20 output cells");
  }
  return shape;
}

}  // namespace convneat
