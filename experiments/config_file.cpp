#include "experiments/config_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "genome/aggregation.hpp"
#include "neat/config_document.hpp"
#include "neat/spatial_settings.hpp"
#include "neat/strict_json.hpp"

namespace convneat {
namespace {

std::string line_and_column(const std::string& text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n')
      ++line, column = 1;
    else
      ++column;
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

nlohmann::json parse_json_text(const std::string& text, const std::string& name, const JsonLimits& limits) {
  if (auto problem = json_limit_problem(text, name, limits)) throw ConfigError(*problem);
  try {
    return parse_json_refusing_duplicate_keys(text);
  } catch (const DuplicateKeyError& duplicate) {
    throw ConfigError(name + ": " + duplicate.what());
  } catch (const nlohmann::json::parse_error& parse) {
    std::string reason = parse.what();
    if (auto colon = reason.rfind(": "); colon != std::string::npos) reason = reason.substr(colon + 2);
    throw ConfigError(name + ": malformed JSON at " + line_and_column(text, parse.byte) + ": " + reason);
  } catch (const nlohmann::json::exception& other) {  // out_of_range: a number beyond double, like 1e400
    std::string reason = other.what();
    if (auto bracket = reason.find("] "); bracket != std::string::npos) reason = reason.substr(bracket + 2);
    throw ConfigError(name + ": malformed JSON: " + reason);
  }
}

nlohmann::json read_json_file(const std::filesystem::path& path, const JsonLimits& limits) {
  const std::string name = path.string();
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw ConfigError(name + ": is a directory, expected a JSON file");
  if (file_larger_than(path, limits.max_bytes)) throw ConfigError(size_limit_message(name, limits));
  std::ifstream file(path, std::ios::binary);
  if (!file) throw ConfigError(name + ": cannot open: " + std::strerror(errno));
  const std::optional<std::string> text = read_at_most(file, limits.max_bytes);
  if (!text) throw ConfigError(size_limit_message(name, limits));
  if (file.bad()) throw ConfigError(name + ": cannot read: " + std::strerror(errno));
  return parse_json_text(*text, name, limits);
}

LoadedExperiment load_experiment_text(const std::string& text, const std::string& name) {
  nlohmann::json document = parse_json_text(text, name, kConfigLimits);
  NeatConfig config = config_from_json(document, name);
  return {std::move(config), std::move(document)};
}

LoadedExperiment load_experiment(const std::filesystem::path& path) {
  nlohmann::json document = read_json_file(path);
  NeatConfig config = config_from_json(document, path.string());
  return {std::move(config), std::move(document)};
}

namespace {

// Gradient training needs a differentiable loss from the task and a phenotype it can
// backpropagate through.
void check_training_fits(const NeatConfig& config, const Task& task, const std::string& source) {
  if (config.training.mode == TrainingMode::off) return;
  const std::string key = source + ": /training/mode: ";
  const TrainingObjective* objective = task.training_objective();
  if (objective == nullptr)
    throw ConfigError(key + "task \"" + task.name() + "\" has no differentiable loss, so it cannot be trained; use \"off\"");
  if (objective->example_count() == 0)
    throw ConfigError(key + "task \"" + task.name() + "\" has no training examples to train on; use \"off\"");
  if (!config.genome.feed_forward)
    throw ConfigError(key + "gradient training needs feed-forward genomes (/genome/feed_forward true)");
  if (config.network.kind != NetworkKind::graph)
    throw ConfigError(key + "gradient training needs graph phenotypes (/network/kind \"graph\")");
  const TrainableKinds& kinds = config.training.kinds;
  if (!kinds.graph && !config.genome.spatial.enabled())
    throw ConfigError(source + ": /training/graph: false leaves nothing to train in a genome without spatial layers");
  check_augmentation_fits(config.training.augmentation, *objective, source);
  check_dropout_fits(config.training.dropout, config.genome.spatial.enabled(), source);
  if (!kinds.any())
    throw ConfigError(source + ": /training: graph, kernels, biases, normalisation, centroids and shapes are all "
                      "false; switch at least one on, or set /training/mode to \"off\"");
}

// Novelty needs a task that describes behaviour; NSGA-II needs distinct objectives.
void check_selection_fits(const NeatConfig& config, const Task& task, const std::string& source) {
  const SelectionConfig& selection = config.selection;
  if (selection.objective == SelectionObjective::pareto) {
    std::vector<ParetoObjective> seen;
    for (ParetoObjective objective : selection.objectives) {
      if (std::find(seen.begin(), seen.end(), objective) != seen.end())
        throw ConfigError(source + ": /selection/objectives: \"" + std::string(kParetoObjectives.name(objective)) +
                          "\" is named twice; name each objective once");
      seen.push_back(objective);
    }
    if (seen.size() < 2)
      throw ConfigError(source + ": /selection/objectives: NSGA-II needs at least two objectives, e.g. "
                        "[\"fitness\", \"parameters\"]");
  }
  if (selection.uses_novelty() && !task.behaviour_metric())
    throw ConfigError(source +
                      (selection.objective == SelectionObjective::pareto
                           ? ": /selection/objectives: \"novelty\""
                           : ": /selection/objective: \"" +
                                 std::string(kSelectionObjectives.name(selection.objective)) + "\"") +
                      " needs the task to describe behaviour, and task \"" + task.name() +
                      "\" does not (docs/selection.md lists those that do)");
}

void check_attribute_range(const RealAttribute& attribute, const std::string& name, const std::string& source) {
  if (attribute.min_value > attribute.max_value)
    throw ConfigError(source + ": /genome/" + name + "_min_value: expected at most " + name + "_max_value (" +
                      nlohmann::json(attribute.max_value).dump() + "), got " + nlohmann::json(attribute.min_value).dump());
}

// Forward Euler moves a state by h = dt/τ of its distance to the target: beyond h = 2 it
// overshoots further every step and the network's states grow without bound.
void check_ctrnn_stability(const NeatConfig& config, const std::string& source) {
  const NetworkSettings& network = config.network;
  if (network.kind != NetworkKind::ctrnn || network.integration != Integration::forward_euler) return;
  const double shortest = config.genome.time_constant.min_value;
  if (network.time_step > 2.0 * shortest)
    throw ConfigError(source + ": /network/time_step: forward_euler is unstable when time_step exceeds twice the "
                      "shortest time constant (/genome/time_constant_min_value " + nlohmann::json(shortest).dump() +
                      "); expected at most " + nlohmann::json(2.0 * shortest).dump() + ", got " +
                      nlohmann::json(network.time_step).dump() + " (or use integration \"exponential\")");
}

// The preset gives the start means of a, b, c, d that the config does not give itself.
void apply_izhikevich_preset(GenomeConfig& genome, const nlohmann::json& document) {
  const IzhikevichParameters preset = preset_parameters(genome.izhikevich_preset);
  for (const IzhikevichAttribute& attribute : kIzhikevichAttributes) {
    const std::string key = std::string("/genome/izhikevich_") + attribute.letter + "_init_mean";
    if (!document.contains(nlohmann::json::json_pointer(key)))
      (genome.*attribute.settings).init_mean = preset.*attribute.value;
  }
}

// Izhikevich (2003) integrates his model in steps of 1 ms (v in two halves); longer steps
// leave the quadratic v' without any accuracy.
void check_spiking_time_step(const NeatConfig& config, const std::string& source) {
  if (config.network.kind == NetworkKind::izhikevich && config.network.time_step > 1.0)
    throw ConfigError(source + ": /network/time_step: izhikevich steps are milliseconds, at most 1 (the model's "
                      "published step), got " + nlohmann::json(config.network.time_step).dump());
}

// Dense layers are depths of a feed-forward graph: a recurrent, continuous-time or spiking
// network has none.
void check_dense_layers(const NeatConfig& config, const std::string& source) {
  if (!config.network.dense_layers) return;
  if (config.network.kind != NetworkKind::graph)
    throw ConfigError(source + ": /network/dense_layers: applies to graph phenotypes (/network/kind \"graph\"), not " +
                      std::string(kNetworkKinds.name(config.network.kind)));
  if (!config.genome.feed_forward)
    throw ConfigError(source + ": /network/dense_layers: applies to feed-forward graphs (/genome/feed_forward true)");
}

// Without merging, species carried over keep their members at any threshold, so search
// control could not lower a count and would double the threshold to its ceiling every
// generation looking for one.
void check_species_control(const NeatConfig& config, const std::string& source) {
  if (config.species.dynamic_threshold && config.species.threshold_controller.kind == ThresholdControl::search &&
      !config.species.merge_species)
    throw ConfigError(source + ": /species/merge_species: threshold_control \"search\" needs merge_species true "
                      "(without merging a count can only rise), got false");
}

// A new channel's readout joined with weight 0 leaves only summing outputs unchanged.
void check_channel_connection(const NeatConfig& config, const std::string& source) {
  if (config.genome.spatial.connect_new_channels && config.genome.output_aggregation != Aggregation::sum)
    throw ConfigError(source + ": /genome/spatial/connect_new_channels: needs /genome/output_aggregation \"sum\" "
                      "(links of weight 0 change what other aggregations compute), got \"" +
                      std::string(kAggregationNames.name(config.genome.output_aggregation)) + "\"");
}

}  // namespace

// Augmentation changes images, so the task's inputs must be images, each wider and taller than
// the largest shift.
void check_augmentation_fits(const ImageAugmentation& augmentation, const TrainingObjective& objective,
                             const std::string& source) {
  if (!augmentation.any()) return;
  const std::string key = source + (augmentation.shift > 0 ? ": /training/augment_shift: " : ": /training/augment_flip: ");
  const std::optional<ExampleImages> images = objective.example_images();
  if (!images) throw ConfigError(key + "the task's inputs are not images; use 0 and false");
  const ImageShape& shape = images->shape;
  if (augmentation.shift >= shape.height || augmentation.shift >= shape.width)
    throw ConfigError(source + ": /training/augment_shift: " + std::to_string(augmentation.shift) +
                      " would move a " + std::to_string(shape.width) + "x" + std::to_string(shape.height) +
                      " image out of its frame; use less than " + std::to_string(std::min(shape.height, shape.width)));
}

void check_dropout_fits(double dropout, bool has_front_end, const std::string& source) {
  if (dropout > 0.0 && !has_front_end)
    throw ConfigError(source + ": /training/dropout: drops a spatial front end's readout features, and the genomes "
                      "have no front end (/genome/spatial); use 0");
}

void fit_genome_to_task(NeatConfig& config, const nlohmann::json& document, const Task& task, const std::string& source) {
  auto check = [&](const char* pointer, std::size_t& field, std::size_t wanted) {
    if (document.contains(nlohmann::json::json_pointer(pointer)) && field != wanted)
      throw ConfigError(source + ": " + pointer + ": task \"" + task.name() + "\" needs " + std::to_string(wanted) +
                        ", got " + std::to_string(field));
    field = wanted;
  };
  SpatialConfig& spatial = config.genome.spatial;
  std::size_t graph_inputs = task.input_count();
  if (spatial.enabled()) {
    const auto image = task.image_shape();
    if (!image)
      throw ConfigError(source + ": /genome/spatial/layers: task \"" + task.name() +
                        "\" does not present images; spatial layers need an image task");
    if (document.contains(nlohmann::json::json_pointer("/genome/spatial/input")) && spatial.input != *image)
      throw ConfigError(source + ": /genome/spatial/input: task \"" + task.name() + "\" gives " +
                        std::to_string(image->channels) + "x" + std::to_string(image->height) + "x" +
                        std::to_string(image->width) + " images, the config says " +
                        std::to_string(spatial.input.channels) + "x" + std::to_string(spatial.input.height) + "x" +
                        std::to_string(spatial.input.width));
    spatial.input = *image;
    check("/genome/spatial/copies", spatial.copies, task.images_per_example());
    const ImageShape last_map = check_spatial_config(spatial, source);
    graph_inputs = spatial.copies * (spatial.readout == ReadoutKind::flatten ? last_map.size() : last_map.channels);
  }
  check_attribute_range(config.genome.response, "response", source);
  check_attribute_range(config.genome.time_constant, "time_constant", source);
  for (const IzhikevichAttribute& attribute : kIzhikevichAttributes)
    check_attribute_range(config.genome.*attribute.settings, std::string("izhikevich_") + attribute.letter, source);
  apply_izhikevich_preset(config.genome, document);
  check_ctrnn_stability(config, source);
  check_spiking_time_step(config, source);
  check_dense_layers(config, source);
  check_species_control(config, source);
  check_channel_connection(config, source);
  check("/genome/num_inputs", config.genome.num_inputs, graph_inputs);
  check("/genome/num_outputs", config.genome.num_outputs, task.output_count());
  check_training_fits(config, task, source);
  check_selection_fits(config, task, source);
}

}  // namespace convneat
