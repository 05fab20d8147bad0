#include "experiments/export_command.hpp"

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
#endif

namespace convneat {
namespace {

namespace po = boost::program_options;

po::options_description export_options() {
  po::options_description options(
      "usage: convneat export CHAMPION.json|RUN_DIR --format json|dot|svg|png|onnx [-o FILE]\n\n"
      "Writes a saved champion as lossless JSON, Graphviz DOT, an SVG or PNG picture (needs\n"
      "Graphviz `dot`), or an ONNX model (feed-forward champions only; float input \"inputs\"\n"
      "[N, inputs], or [N, C, H, W] images for a champion with spatial layers; output\n"
      "\"outputs\" [N, outputs]).\n\noptions");
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

std::string onnx_model(const Champion& champion) {
  if (champion.phenotype.network.kind == NetworkKind::izhikevich)
    throw ConfigError("export --format onnx: ONNX has no spiking neurons, so this champion (a spiking network, "
                      "/network/kind izhikevich) has no ONNX form; --format json keeps it whole");
#ifdef CONVNEAT_HAS_ONNX
  return genome_to_onnx(champion.genome, champion.phenotype);
#else
  (void)champion;
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

int export_command(const std::vector<std::string>& arguments) {
  const po::options_description visible = export_options();
  const po::variables_map values = parse_command_line(arguments, visible, "champion");
  const bool complete = values.count("champion") && values.count("format");
  if (const auto exit_code = help_or_usage_exit(values, visible, complete)) return *exit_code;
  const std::string format = values["format"].as<std::string>();
  if (format != "json" && format != "dot" && format != "svg" && format != "png" && format != "onnx")
    throw ConfigError("export --format: unknown format \"" + excerpt(format) + "\" (allowed: json, dot, svg, png, onnx)");
  std::optional<std::filesystem::path> output;
  if (values.count("output")) output = values["output"].as<std::string>();

  const Champion champion = load_champion(values["champion"].as<std::string>());
  if (format == "json") write_output(champion_json(champion), output);
  if (format == "dot") write_output(genome_to_dot(champion.genome, "champion"), output);
  if (format == "svg" || format == "png") render_dot(genome_to_dot(champion.genome, "champion"), format, output);
  if (format == "onnx") write_output(onnx_model(champion), output);
  return 0;
}

}  // namespace convneat
