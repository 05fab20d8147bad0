#include "experiments/pictures/gnuplot_pictures.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "experiments/pictures/gnuplot_terminal.hpp"
#include "neat/atomic_file.hpp"

namespace convneat::pictures {
namespace {

namespace fs = std::filesystem;

// Colour-blind-friendly categorical colours (matplotlib's tab10); KCPs beyond ten reuse them.
constexpr const char* kKcpColours[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                       "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

std::string shell_quoted(const std::string& text) {
  std::string result = "'";
  for (char c : text) result += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return result + "'";
}

std::string gnuplot_quoted(const std::string& text) {  // single-quoted gnuplot string
  std::string result = "'";
  for (char c : text) result += c == '\'' ? std::string("''") : std::string(1, c);
  return result + "'";
}

// A plane as a gnuplot `matrix` block: one text line per row, NaN for gaps.
void write_matrix(std::ostream& data, const Plane& plane) {
  for (std::size_t i = 0; i < plane.height; ++i) {
    for (std::size_t j = 0; j < plane.width; ++j)
      data << (j ? " " : "") << (std::isnan(plane.at(i, j)) ? std::string("NaN") : std::to_string(plane.at(i, j)));
    data << '\n';
  }
}

// Every picture script's first lines: how to redraw it, the PNG-or-SVG terminal and its output.
std::string script_start(const std::string& name, int width, int height, int font_size) {
  return "# Drawn by convneat picture; redraw in this directory with: gnuplot " + name + ".gp (PNG), or\n" +
         "# gnuplot -e \"svg=1\" " + name + ".gp (SVG)\n" + png_or_svg_terminal(width, height, font_size) +
         output_line(name);
}

// Terminal, output and square pixels sized so that small maps are magnified and big ones fit.
std::string preamble(const std::string& name, std::size_t height, std::size_t width, std::size_t panels = 1) {
  const double pixel = std::clamp(600.0 / static_cast<double>(std::max(height, width)), 4.0, 60.0);
  const auto canvas_width = static_cast<int>(std::max(720.0, pixel * static_cast<double>(width) + 320.0)) * panels;
  const auto canvas_height = static_cast<int>(std::max(360.0, pixel * static_cast<double>(height) + 220.0));
  std::ostringstream script;
  script << script_start(name, static_cast<int>(canvas_width), canvas_height, 10)
         << "set datafile missing 'NaN'\n"
         << "set size ratio -1\nset xrange [-0.5:" << width << "-0.5]\nset yrange [" << height
         << "-0.5:-0.5]  # row 0 at the top, as in the image\n";
  return script.str();
}

// A palette with one flat band of colour per KCP index, so the colour bar is the legend.
std::string kcp_palette(std::size_t count) {
  std::ostringstream palette, tics;
  for (std::size_t k = 0; k < count; ++k) {
    const char* colour = kKcpColours[k % std::size(kKcpColours)];
    palette << (k ? ", " : "") << k << "-0.5 '" << colour << "', " << k << "+0.5 '" << colour << "'";
    tics << (k ? ", " : "") << "'KCP " << k << "' " << k;
  }
  return std::string("set palette defined (") + palette.str() + ")\nset cbrange [-0.5:" + std::to_string(count) +
         "-0.5]\nset cbtics (" + tics.str() + ")\n";
}

// Tic labels at the centres of the tiles of one axis.
std::string tile_tics(const std::vector<std::string>& labels, std::size_t kernel_size) {
  std::ostringstream tics;
  bool first = true;
  for (std::size_t t = 0; t < labels.size(); ++t) {
    if (labels[t].empty()) continue;
    tics << (first ? "" : ", ") << gnuplot_quoted(labels[t]) << ' '
         << static_cast<double>(t * (kernel_size + 1)) + (static_cast<double>(kernel_size) - 1.0) / 2.0;
    first = false;
  }
  return std::string("(") + tics.str() + ")";
}

// Row labels in the colours of the rows' KCPs (as in the KCP map), in place of y tics.
std::string kcp_row_labels(const KernelGrid& grid) {
  std::ostringstream labels;
  std::size_t longest = 0;
  for (const std::string& label : grid.row_labels) longest = std::max(longest, label.size());
  labels << "set lmargin " << longest + 3 << "  # room for the labels, which take the place of y tics\n";
  const std::size_t k = grid.kernel_size;
  for (std::size_t r = 0; r < grid.rows; ++r) {
    const double centre = static_cast<double>(r * (k + 1)) + (static_cast<double>(k) - 1.0) / 2.0;
    labels << "set label " << gnuplot_quoted(grid.row_labels[r]) << " at graph 0, first " << centre
           << " right offset -1,0 textcolor rgb '" << kKcpColours[grid.row_kcps[r] % std::size(kKcpColours)] << "'\n";
  }
  return labels.str();
}

// Colour-bar tics that name the weights of a sheet drawn divided by `scale`.
std::string scale_tics(double scale) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", scale);
  return std::string("set cbtics ('-") + text + "' -1, '0' 0, '" + text + "' 1)\n";
}

void write(const fs::path& path, const std::string& text) { write_file_atomically(path, text); }

}  // namespace

std::string write_kcp_map(const fs::path& folder, const std::string& name, const std::string& title,
                          const SpatialLayerGene& layer, const ImageShape& convolved, const SpatialLayerGene* before) {
  if (before && before->centroid.centroids.size() != layer.centroid.centroids.size()) before = nullptr;
  const std::size_t height = convolved.height, width = convolved.width;
  const std::size_t panels = layer.centroid.per_feature ? layer.out_channels : 1;
  const std::vector<double> weights = kcp_weights(layer, height, width);
  std::ostringstream maps, centroids, moves;
  for (std::size_t o = 0; o < panels; ++o) {  // one `index` block per panel
    write_matrix(maps, dominant_kcp_map(layer, weights, height, width, o));
    const std::vector<Point2> points = centroid_cells(layer, height, width, o);
    for (std::size_t k = 0; k < points.size(); ++k) centroids << points[k].x << ' ' << points[k].y << ' ' << k << '\n';
    if (before) {  // x y dx dy: from the centroid before training to where it is now
      const std::vector<Point2> start = centroid_cells(*before, height, width, o);
      for (std::size_t k = 0; k < points.size(); ++k)
        moves << start[k].x << ' ' << start[k].y << ' ' << points[k].x - start[k].x << ' ' << points[k].y - start[k].y
              << '\n';
    }
    maps << "\n\n", centroids << "\n\n", moves << "\n\n";
  }
  write(folder / (name + ".dat"), maps.str());
  write(folder / (name + "_centroids.dat"), centroids.str());
  if (before) write(folder / (name + "_moves.dat"), moves.str());
  std::ostringstream script;
  script << preamble(name, height, width, panels) << kcp_palette(layer.centroid.shapes.size())
         << "set xlabel 'output column'\nset ylabel 'output row'\n";
  if (before) script << "set key outside top center horizontal\n";
  if (panels > 1) script << "set multiplot layout 1," << panels << " title " << gnuplot_quoted(title) << '\n';
  for (std::size_t o = 0; o < panels; ++o) {
    script << "set title " << gnuplot_quoted(panels > 1 ? std::string("output channel ") + std::to_string(o) : title) << '\n'
           << "plot '" << name << ".dat' matrix index " << o << " with image notitle, \\\n";
    if (before)
      script << "     '" << name << "_moves.dat' index " << o
             << " using 1:2:3:4 with vectors head filled size 0.3,20 lw 2 lc rgb 'black' title 'moved by training', \\\n"
             << "     '' index " << o << " using 1:2 with points pointtype 6 pointsize 2.2 lw 2 lc rgb 'black' "
             << "title 'before training', \\\n";
    script << "     '" << name << "_centroids.dat' index " << o
           << " using 1:2 with points pointtype 7 pointsize 2.2 lc rgb 'black' notitle, \\\n"
           << "     '' index " << o << " using 1:2:(sprintf('%d', int($3))) with labels tc rgb 'white' notitle\n";
  }
  if (panels > 1) script << "unset multiplot\n";
  write(folder / (name + ".gp"), script.str());
  return name + ".gp";
}

// '#1f77b4' → {0x1f, 0x77, 0xb4}.
std::array<int, 3> rgb_of(const char* hex) {
  const auto channel = [&](int at) { return std::stoi(std::string(hex + at, 2), nullptr, 16); };
  return {channel(1), channel(3), channel(5)};
}

// The tiled kernels as "column row red green blue" pixels for `with rgbimage`: each tile's
// normalised weight v blends white (v = 0) into its KCP's colour (v = 1); gaps are left out.
void write_tinted_pixels(std::ostringstream& data, const KernelGrid& grid) {
  const Plane image = tiled(grid);
  const std::size_t pitch = grid.kernel_size + 1;
  for (std::size_t row = 0; row < image.height; ++row)
    for (std::size_t column = 0; column < image.width; ++column) {
      const double v = image.at(row, column);
      if (std::isnan(v)) continue;
      const int kcp = grid.tile_kcps[(row / pitch) * grid.columns + column / pitch];
      const std::array<int, 3> colour = kcp < 0 ? std::array{0, 0, 0} : rgb_of(kKcpColours[kcp % std::size(kKcpColours)]);
      data << column << ' ' << row;
      for (int c : colour) data << ' ' << std::lround(255.0 * (1.0 - v) + static_cast<double>(c) * v);
      data << '\n';
    }
}

std::string write_kernel_grid(const fs::path& folder, const std::string& name, const std::string& title,
                              const KernelGrid& grid) {
  const Plane image = tiled(grid);
  const bool tinted = !grid.tile_kcps.empty();
  std::ostringstream data;
  if (tinted)
    write_tinted_pixels(data, grid);
  else
    write_matrix(data, image);
  write(folder / (name + ".dat"), data.str());
  std::ostringstream script;
  script << preamble(name, image.height, image.width) << "set title " << gnuplot_quoted(title) << '\n'
         << "set object 1 rectangle from graph 0,0 to graph 1,1 behind fillcolor rgb '#9fb4cc' fillstyle solid noborder\n"
         << "set xtics " << tile_tics(grid.column_labels, grid.kernel_size) << " rotate by 90 right nomirror out\n";
  if (grid.row_kcps.empty())
    script << "set ytics " << tile_tics(grid.row_labels, grid.kernel_size) << " nomirror out\n";
  else
    script << "unset ytics\n" << kcp_row_labels(grid);
  if (tinted)
    script << "set label 1 \"tint: the dominant KCP of the kernel's cell, coloured as in the KCP map; white: the "
              "kernel's lowest weight, full colour: its highest\" at screen 0.01,0.02 left font ',9'\n"
           << "plot '" << name << ".dat' using 1:2:3:4:5 with rgbimage notitle\n";
  else if (grid.shared_scale)
    script << "set palette gray\nset cbrange [-1:1]\n" << scale_tics(*grid.shared_scale)
           << "set cblabel 'weight (one scale)'\n"
           << "plot '" << name << ".dat' matrix with image notitle\n";
  else
    script << "set palette gray\nset cbrange [0:1]\nset cblabel 'weight, normalised per kernel (min 0, max 1)'\n"
           << "plot '" << name << ".dat' matrix with image notitle\n";
  write(folder / (name + ".gp"), script.str());
  return name + ".gp";
}

std::string write_curves(const fs::path& folder, const std::string& name, const std::string& title,
                         const RunCurves& curves) {
  const auto value = [](const std::optional<double>& v) { return v ? std::to_string(*v) : std::string("NaN"); };
  std::ostringstream data;
  data << "# generation best_fitness mean_fitness validation_accuracy test_accuracy stdev_fitness\n";
  bool validation = false, test = false;
  for (const GenerationPoint& p : curves.points) {
    data << p.generation << ' ' << p.best_fitness << ' ' << p.mean_fitness << ' ' << value(p.validation_accuracy)
         << ' ' << value(p.test_accuracy) << ' ' << p.stdev_fitness << '\n';
    validation = validation || p.validation_accuracy, test = test || p.test_accuracy;
  }
  write(folder / (name + ".dat"), data.str());
  std::ostringstream script;
  script << script_start(name, 960, 600, 11)
         << "set datafile missing 'NaN'\nset title " << gnuplot_quoted(title) << '\n'
         << "set xlabel 'generation'\nset ylabel 'fitness'\nset grid\nset key bottom right\n";
  if (validation || test) script << "set y2label 'champion accuracy'\nset y2range [0:1]\nset y2tics\nset ytics nomirror\n";
  script << "plot '" << name << ".dat' using 1:($3 - $6):($3 + $6) with filledcurves fillstyle transparent solid 0.2 "
         << "noborder lc 2 title 'mean ± standard deviation', \\\n"
         << "     '' using 1:2 with linespoints pointsize 0.4 linewidth 2 lc 1 title 'best fitness', \\\n"
         << "     '' using 1:3 with linespoints pointsize 0.4 linewidth 2 lc 2 title 'mean fitness'";
  if (validation) script << ", \\\n     '' using 1:4 axes x1y2 with linespoints pointsize 0.4 linewidth 2 dashtype 2 title 'validation accuracy'";
  if (test) script << ", \\\n     '' using 1:5 axes x1y2 with linespoints pointsize 0.4 linewidth 2 dashtype 3 title 'test accuracy'";
  script << '\n';
  write(folder / (name + ".gp"), script.str());
  return name + ".gp";
}

std::string write_species(const fs::path& folder, const std::string& name, const std::string& title,
                          const SpeciesHistory& history) {
  // Column 2 + i: the sizes of species 0 … i stacked, so species i fills the band between
  // columns 1 + i and 2 + i.
  std::ostringstream data;
  data << "# generation, then the stacked sizes of species";
  for (std::uint64_t id : history.ids) data << ' ' << id;
  data << '\n';
  for (std::size_t g = 0; g < history.generations.size(); ++g) {
    data << history.generations[g];
    std::size_t stacked = 0;
    for (std::size_t size : history.sizes[g]) data << ' ' << (stacked += size);
    data << '\n';
  }
  write(folder / (name + ".dat"), data.str());
  const std::size_t count = history.ids.size();
  std::ostringstream script;
  script << script_start(name, 960, 600, 11)
         << "set title " << gnuplot_quoted(title) << "\nset xlabel 'generation'\nset ylabel 'genomes'\n"
         << "set yrange [0:*]\nunset key\n";
  if (count == 0) {
    script << "plot 0 notitle\n";
  } else {
    script << "plot for [i=2:" << count + 1 << "] '" << name << ".dat' using 1:(i == 2 ? 0 : column(i - 1)):i "
           << "with filledcurves fillstyle solid 0.85 border lc rgb 'white' lc (i - 2) % 8 + 1 notitle\n";
  }
  write(folder / (name + ".gp"), script.str());
  return name + ".gp";
}

DrawOutcome draw(const fs::path& folder, const std::vector<std::string>& scripts) {
  if (std::system("gnuplot --version >/dev/null 2>&1") != 0)
    return {{}, std::string("gnuplot not found (Debian package gnuplot-nox): no PNG drawn; the data and scripts are in ") +
                    folder.string() + " (draw them there with: gnuplot NAME.gp)"};
  DrawOutcome outcome;
  for (const std::string& script : scripts) {
    const std::string stem = fs::path(script).stem().string();
    const std::string in_folder = "cd " + shell_quoted(folder.string()) + " && gnuplot ";
    const std::string png = in_folder + shell_quoted(script) + " 2> " + shell_quoted(stem + ".log");
    const std::string svg = in_folder + kSvgOption + " " + shell_quoted(script) + " 2>> " + shell_quoted(stem + ".log");
    const bool drawn = std::system(png.c_str()) == 0 && fs::exists(folder / (stem + ".png"));
    if (std::system(svg.c_str()) != 0)
      outcome.problem.append(outcome.problem.empty() ? "" : "; ")
          .append("gnuplot failed on the SVG of " + script + ", see " + (folder / (stem + ".log")).string());
    std::error_code ignored;  // an empty log says nothing: leave no clutter
    if (fs::file_size(folder / (stem + ".log"), ignored) == 0) fs::remove(folder / (stem + ".log"), ignored);
    if (drawn)
      outcome.images.push_back(folder / (stem + ".png"));
    else
      outcome.problem.append(outcome.problem.empty() ? "" : "; ")
          .append(std::string("gnuplot failed on ") + script + ", see " + (folder / (stem + ".log")).string());
  }
  return outcome;
}

}  // namespace convneat::pictures
