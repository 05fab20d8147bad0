#include "experiments/picture_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include <boost/program_options.hpp>

#include "experiments/champion_file.hpp"
#include "experiments/command_line.hpp"
#include "experiments/pictures/gnuplot_pictures.hpp"
#include "genome/spatial/names.hpp"

namespace convneat {
namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;
using namespace convneat::pictures;

constexpr std::size_t kCellsPerSide = 4;  // the sampled cells: a 4 × 4 grid over the map

po::options_description picture_options() {
  po::options_description options(
      "usage: convneat picture CHAMPION.json|RUN_DIR [-o FOLDER]\n\n"
      "Draws PNG pictures with gnuplot (Debian package gnuplot-nox): for each spatial layer L\n"
      "(its position in the stack) layerL_kernels.png (shared: every kernel; centroid: the K\n"
      "KCP kernels; local: the kernels at a 4 x 4 sample of cells), and for a centroid layer\n"
      "layerL_kcp_map.png (each cell coloured by its dominant KCP, centroids marked) and\n"
      "layerL_weighted_kernels.png (sum_k w_k W_k at a 4 x 4 sample of cells); curves.png\n"
      "(best fitness, mean fitness with a standard-deviation band, champion accuracy per\n"
      "generation) when generations.csv is beside the champion, and species.png (species sizes\n"
      "stacked over the generations) when species.csv is. Kernels show input channel 0 unless\n"
      "noted and are normalised to [0, 1] each.\n"
      "Each picture also as SVG (NAME.svg). The data and gnuplot scripts are kept beside them.\n"
      "Exits 1 when gnuplot is missing.\n"
      "With --before OTHER (the champion before `convneat train`), each centroid layer's KCP map\n"
      "also shows OTHER's centroids, hollow, with arrows to where training moved them.\n\n"
      "options");
  options.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>(), "folder to write (default: pictures/ beside the champion)")(
      "before", po::value<std::string>(), "the same champion before training (file or run directory)");
  return options;
}

std::string layer_title(std::size_t index, const SpatialLayerGene& layer, const LayerGeometry& geometry) {
  std::ostringstream title;
  title << "layer " << index << " (" << sharing_mode_name(layer.mode) << ", innovation " << layer.innovation << ", "
        << layer.kernel_size << "x" << layer.kernel_size << ", " << layer.in_channels << " -> " << layer.out_channels
        << " channels, map " << geometry.convolved.height << "x" << geometry.convolved.width << ")";
  return title.str();
}

// The scripts of one layer's pictures.
std::vector<std::string> layer_scripts(const fs::path& folder, std::size_t index, const SpatialLayerGene& layer,
                                       const LayerGeometry& geometry, const SpatialLayerGene* before) {
  const std::string stem = std::string("layer") + std::to_string(index), title = layer_title(index, layer, geometry);
  std::vector<std::string> scripts;
  if (layer.mode == SharingMode::centroid) {
    scripts.push_back(write_kcp_map(folder, stem + "_kcp_map", std::string("dominant KCP per output cell, ") + title, layer,
                                    geometry.convolved, before));
    scripts.push_back(write_kernel_grid(folder, stem + "_weighted_kernels",
                                        std::string("weighted kernels at sampled cells, input channel 0, ") + title,
                                        sampled_kernel_grid(layer, geometry, kCellsPerSide)));
  }
  if (layer.mode == SharingMode::local)
    scripts.push_back(write_kernel_grid(folder, stem + "_kernels", std::string("kernels at sampled cells, input channel 0, ") + title,
                                        sampled_kernel_grid(layer, geometry, kCellsPerSide)));
  else
    scripts.push_back(write_kernel_grid(folder, stem + "_kernels", std::string("kernels, ") + title, bank_kernel_grid(layer)));
  return scripts;
}

// Layer `index` of the champion before training, when it is the same layer (its innovation).
const SpatialLayerGene* same_layer_before(const std::optional<Champion>& before, std::size_t index,
                                          const SpatialLayerGene& layer) {
  if (!before || !before->genome.spatial || index >= before->genome.spatial->layers.size()) return nullptr;
  const SpatialLayerGene& earlier = before->genome.spatial->layers[index];
  return earlier.innovation == layer.innovation ? &earlier : nullptr;
}

std::string read_file(const fs::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

int picture_command(const std::vector<std::string>& arguments) {
  const po::options_description visible = picture_options();
  const po::variables_map values = parse_command_line(arguments, visible, "champion");
  if (const auto exit_code = help_or_usage_exit(values, visible, values.count("champion") > 0)) return *exit_code;
  const fs::path given = values["champion"].as<std::string>();
  const Champion champion = load_champion(given);
  const fs::path home = fs::is_directory(given) ? given : given.parent_path();  // the run directory
  const fs::path folder = values.count("output") ? fs::path(values["output"].as<std::string>()) : home / "pictures";
  fs::create_directories(folder);

  const std::optional<Champion> before =
      values.count("before") ? std::optional(load_champion(values["before"].as<std::string>())) : std::nullopt;
  std::vector<std::string> scripts;
  if (champion.genome.spatial) {
    const std::vector<LayerGeometry> geometry = stack_geometry(*champion.genome.spatial);
    for (std::size_t i = 0; i < geometry.size(); ++i)
      for (const std::string& script : layer_scripts(folder, i, champion.genome.spatial->layers[i], geometry[i],
                                                     same_layer_before(before, i, champion.genome.spatial->layers[i])))
        scripts.push_back(script);
  } else {
    std::cout << "the champion has no spatial front end (no spatial layers): no layer pictures\n";
  }
  if (fs::exists(home / "generations.csv")) {
    const RunCurves curves = parse_generations_csv(read_file(home / "generations.csv"));
    scripts.push_back(write_curves(
        folder, "curves",
        curves.has_accuracy() ? "Fitness and champion accuracy per generation" : "Fitness per generation", curves));
  } else {
    std::cout << "no generations.csv beside the champion: no curves\n";
  }
  if (fs::exists(home / "species.csv"))
    scripts.push_back(write_species(folder, "species", "Species sizes per generation",
                                    parse_species_csv(read_file(home / "species.csv"))));
  else
    std::cout << "no species.csv beside the champion: no species picture\n";

  if (scripts.empty()) return 0;
  const DrawOutcome outcome = draw(folder, scripts);
  for (const fs::path& image : outcome.images) std::cout << "wrote " << image.string() << '\n';
  if (outcome.problem.empty()) return 0;
  std::cerr << "convneat picture: " << outcome.problem << '\n';
  return 1;
}

}  // namespace convneat
