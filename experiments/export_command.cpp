#include "experiments/export_command.hpp"

#include <algorithm>
#include <iostream>
#include <optional>

#include <boost/program_options.hpp>

#include "experiments/champion_file.hpp"
#include "experiments/command_line.hpp"
#include "experiments/graphviz_render.hpp"
#include "export/dot_writer.hpp"
#include "genome/genome_json.hpp"
#include "neat/atomic_file.hpp"
#include "neat/config_schema.hpp"
#ifdef CONVNEAT_HAS_ONNX
#include "export/onnx_writer.hpp"
#include "nets/spatial_network.hpp"
#endif

namespace convneat {
namespace {

namespace po = boost::program_options;

po::options_description export_options() {
  po::options_description options(
      "usage: convneat export CHAMPION.json|RUN_DIR --format json|dot|svg|png|onnx [-o FILE]\n\n"
      "Writes a saved champion as lossless JSON, Graphviz DOT, an SVG or PNG picture (needs\n"
      "Graphviz `dot`), or an ONNX model: float input \"inputs\" [N, inputs], or [N, C, H, W]\n"
      "images for a champion with spatial layers ([N, copies, C, H, W] when its front end is\n"
      "tied over several images); output \"outputs\" [N, outputs]. A recurrent or CTRNN\n"
      "champion's model is one activation with its state as input \"state\" and output\n"
      "\"next_state\" [N, S]. Virtual batch norm's statistics come from the champion's task,\n"
      "loaded for it. A spiking champion has no ONNX form.\n\noptions");
  options.add_options()("help,h", "show this help")("format,f", po::value<std::string>(),
                                                    "json, dot, svg, png or onnx")(
      "output,o", po::value<std::string>(), "file to write (default: standard output)");
  return options;
}

// The champion file with its genome re-written from the parsed genome: canonical key order
// and round-trip doubles, so loading the export gives bit-identical outputs.
std::string champion_json(const Champion& champion) {
  nlohmann::json document = champion.document;
  document["genome"] = genome_to_json(champion.genome);
  return document.dump(2) + "\n";
}

#ifdef CONVNEAT_HAS_ONNX
bool normalises(const Genome& genome) {
  return genome.spatial && std::any_of(genome.spatial->layers.begin(), genome.spatial->layers.end(),
                                       [](const SpatialLayerGene& layer) { return layer.virtual_batch_norm; });
}

// Virtual batch norm's statistics for the model: the champion compiled and prepared on its
// own task (the file's /task section) exactly as a run prepares it, so the model normalises
// with the reference batch the champion was scored with.
FrontEndStatistics reference_statistics(const Champion& champion, const TaskRegistry& tasks, const std::string& file) {
  if (!normalises(champion.genome)) return {};
  const auto task = tasks.make(champion.task, file);
  SpatialNetwork network(champion.genome, champion.phenotype);
  if (const TrainingObjective* objective = task->training_objective()) objective->prepare(network);
  const FrontEndStatistics statistics = network.front_end().normalisation_statistics();
  for (std::size_t l = 0; l < statistics.size(); ++l)
    if (champion.genome.spatial->layers[l].virtual_batch_norm && statistics[l].means.empty())
      throw ConfigError("export --format onnx: " + file + ": the champion's front end uses virtual batch norm, but its "
                        "task \"" + task->name() + "\" gives no reference batch to fix the statistics");
  return statistics;
}
#endif

std::string onnx_model(const Champion& champion, const TaskRegistry& tasks, const std::string& file) {
  if (champion.phenotype.network.kind == NetworkKind::izhikevich)
    throw ConfigError("export --format onnx: ONNX has no spiking neurons, so this champion (a spiking network, "
                      "/network/kind izhikevich) has no ONNX form; --format json keeps it whole");
#ifdef CONVNEAT_HAS_ONNX
  return genome_to_onnx(champion.genome, champion.phenotype, reference_statistics(champion, tasks, file));
#else
  (void)champion;
  (void)tasks;
  (void)file;
  throw ConfigError("export --format onnx: this convneat was built without ONNX support; install libonnx-dev and "
                    "libprotobuf-dev and rebuild (CMake option CONVNEAT_WITH_ONNX), or use --format json or dot");
#endif
}

void write_output(const std::string& content, const std::optional<std::filesystem::path>& output) {
  if (output)
    write_file_atomically(*output, content);
  else
    std::cout.write(content.data(), static_cast<std::streamsize>(content.size())).flush();
}

}  // namespace

int export_command(const std::vector<std::string>& arguments, const TaskRegistry& tasks) {
  const po::options_description visible = export_options();
  const po::variables_map values = parse_command_line(arguments, visible, "champion");
  const bool complete = values.count("champion") && values.count("format");
  if (const auto exit_code = help_or_usage_exit(values, visible, complete)) return *exit_code;
  const std::string format = values["format"].as<std::string>();
  if (format != "json" && format != "dot" && format != "svg" && format != "png" && format != "onnx")
    throw ConfigError("export --format: unknown format \"" + excerpt(format) + "\" (allowed: json, dot, svg, png, onnx)");
  std::optional<std::filesystem::path> output;
  if (values.count("output")) output = values["output"].as<std::string>();

  const std::string file = values["champion"].as<std::string>();
  const Champion champion = load_champion(file);
  if (format == "json") write_output(champion_json(champion), output);
  if (format == "dot") write_output(genome_to_dot(champion.genome, "champion", champion.names), output);
  if (format == "svg" || format == "png")
    render_dot(genome_to_dot(champion.genome, "champion", champion.names), format, output);
  if (format == "onnx") write_output(onnx_model(champion, tasks, file), output);
  return 0;
}

}  // namespace convneat
