#pragma once
// Draws the pictures of layer_pictures.hpp and run_curves.hpp with gnuplot (Debian:
// gnuplot-nox), as compare/plot_writer does: each picture NAME gets its data (NAME.dat, …)
// and a script NAME.gp in the folder, kept so users can restyle and redraw it with
// `gnuplot NAME.gp` in that folder; draw() then runs the scripts.
#include <filesystem>
#include <string>
#include <vector>

#include "experiments/pictures/layer_pictures.hpp"
#include "experiments/pictures/run_curves.hpp"

namespace convneat::pictures {

// Each writer writes NAME's data and script into `folder` and returns the script's file name.

// The dominant-KCP map of a centroid layer whose convolved map is H' × W', centroids marked;
// with per_feature, one panel per output channel. Given the same layer `before` training (as
// many centroids), its centroids are drawn hollow, with an arrow to where training moved them.
std::string write_kcp_map(const std::filesystem::path& folder, const std::string& name, const std::string& title,
                          const SpatialLayerGene& layer, const ImageShape& convolved,
                          const SpatialLayerGene* before = nullptr);

// A grid of kernels as one grey image (or tinted by KCP), gaps in a background colour.
std::string write_kernel_grid(const std::filesystem::path& folder, const std::string& name, const std::string& title,
                              const KernelGrid& grid);

// Best and mean fitness per generation (the mean with a band of ± one standard deviation),
// and the champion's accuracies on a second axis.
std::string write_curves(const std::filesystem::path& folder, const std::string& name, const std::string& title,
                         const RunCurves& curves);

// The species over the generations as stacked areas (neat-python's plot_species): each
// species a band as wide as its size, in the order of their ids (oldest at the bottom).
std::string write_species(const std::filesystem::path& folder, const std::string& name, const std::string& title,
                          const SpeciesHistory& history);

struct DrawOutcome {
  std::vector<std::filesystem::path> images;  // PNGs drawn
  std::string problem;                        // empty, or why some or all were not drawn
};

// Runs each script in `folder` (gnuplot's messages go to NAME.log); the PNG of NAME.gp is NAME.png.
DrawOutcome draw(const std::filesystem::path& folder, const std::vector<std::string>& scripts);

}  // namespace convneat::pictures
