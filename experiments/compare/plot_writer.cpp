#include "experiments/compare/plot_writer.hpp"

#include <cmath>
#include <cstdlib>
#include <sstream>

#include "neat/atomic_file.hpp"

namespace convneat::compare {
namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& text) {  // for the shell
  std::string result = "'";
  for (char c : text) result += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return result + "'";
}

// One block per variant (gnuplot `index`): x position with a fixed jitter, evaluations.
std::string evaluations_data(const ComparisonSummary& summary, const std::string& task) {
  std::ostringstream data;
  std::size_t block = 0;
  for (const GroupSummary& g : summary.groups) {
    if (g.task != task) continue;
    data << "# " << g.variant << "\n";
    for (std::size_t i = 0; i < g.evaluations_to_solve.size(); ++i) {
      const double jitter = 0.3 * (std::fmod(static_cast<double>(i) * 0.618033988749895, 1.0) - 0.5);  // golden-ratio spread
      data << block + 1 << ' ' << static_cast<double>(block + 1) + jitter << ' ' << g.evaluations_to_solve[i] << '\n';
    }
    if (g.evaluations_to_solve.empty()) data << block + 1 << " NaN NaN\n";  // keeps the block
    data << "\n\n";
    ++block;
  }
  return data.str();
}

// Columns: generation, then the mean species count of every variant (NaN past its quorum).
std::string species_data(const ComparisonSummary& summary, const std::string& task) {
  std::vector<const GroupSummary*> groups;
  std::size_t longest = 0;
  for (const GroupSummary& g : summary.groups)
    if (g.task == task) groups.push_back(&g), longest = std::max(longest, g.species_curve.size());
  std::ostringstream data;
  data << "generation";
  for (const GroupSummary* g : groups) data << ' ' << g->variant;
  data << '\n';
  for (std::size_t generation = 0; generation < longest; ++generation) {
    data << generation;
    for (const GroupSummary* g : groups)
      data << ' ' << (generation < g->species_curve.size() ? std::to_string(g->species_curve[generation]) : "NaN");
    data << '\n';
  }
  return data.str();
}

std::string evaluations_script(const ComparisonSummary& summary, const std::string& task) {
  std::ostringstream script, tics;
  std::size_t count = 0;
  for (const GroupSummary& g : summary.groups)
    if (g.task == task)
      tics << (count ? ", " : "") << '"' << g.variant << "\\n" << g.solved << "/" << g.runs << " solved\" " << count + 1, ++count;
  script << "set output 'evaluations_" << task << ".png'\n"
         << "set title 'Evaluations to solve on " << task << " (solved runs; box: quartiles, whiskers 1.5 IQR)'\n"
         << "set xtics (" << tics.str() << ")\nset xrange [0.4:" << count << ".6]\nset yrange [0:*]\n"
         << "set ylabel 'evaluations to solve'\nunset key\nset grid ytics\nset bmargin 5\n"
         << "plot for [i=0:" << count - 1 << "] 'evaluations_" << task << ".dat' index i using 1:3:(0.5) with boxplot "
         << "lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \\\n"
         << "     for [i=0:" << count - 1 << "] 'evaluations_" << task << ".dat' index i using 2:3 with points "
         << "pointtype 7 pointsize 0.6 lc rgb '#c0392b'\n";
  return script.str();
}

std::string species_script(const ComparisonSummary& summary, const std::string& task) {
  std::size_t count = 0;
  for (const GroupSummary& g : summary.groups) count += g.task == task;
  std::ostringstream script;
  script << "set output 'species_" << task << ".png'\n"
         << "set title 'Mean species count on " << task << " (runs still running; drawn while >= 1/4 of runs are)'\n"
         << "set xrange [0:*]\nset yrange [0:*]\nset xlabel 'generation'\nset ylabel 'species'\n"
         << "set key top left\nset grid\n"
         << "plot for [i=2:" << count + 1 << "] 'species_" << task << ".dat' using 1:i with lines linewidth 2 title columnhead(i)\n"
         << "unset xlabel\n";
  return script.str();
}

bool gnuplot_available() { return std::system("gnuplot --version >/dev/null 2>&1") == 0; }

}  // namespace

PlotOutcome write_plots(const fs::path& output, const CompareSpec& spec, const ComparisonSummary& summary) {
  const fs::path directory = output / "plots";
  fs::create_directories(directory);
  std::ostringstream script;
  script << "# Drawn by convneat compare; redraw with: gnuplot plots.gp (in this directory)\n"
         << "set terminal pngcairo size 960,600 noenhanced font 'DejaVu Sans,11'\nset datafile missing 'NaN'\n"
         << "set style boxplot nooutliers\n";
  std::vector<std::string> images;
  for (const CompareTask& task : spec.tasks) {
    write_file_atomically(directory / ("evaluations_" + task.label + ".dat"), evaluations_data(summary, task.label));
    write_file_atomically(directory / ("species_" + task.label + ".dat"), species_data(summary, task.label));
    script << evaluations_script(summary, task.label) << "set xtics autofreq\nset autoscale x\nset bmargin\n"
           << species_script(summary, task.label);
    images.push_back("plots/evaluations_" + task.label + ".png");
    images.push_back("plots/species_" + task.label + ".png");
  }
  write_file_atomically(directory / "plots.gp", script.str());
  if (!gnuplot_available())
    return {{}, "gnuplot not found (Debian package gnuplot-nox): plots not drawn; their data and script are in " +
                    directory.string()};
  const std::string command = "cd " + quoted(directory.string()) + " && gnuplot plots.gp 2> gnuplot.log";
  if (std::system(command.c_str()) != 0)
    return {{}, "gnuplot failed; see " + (directory / "gnuplot.log").string()};
  return {images, ""};
}

}  // namespace convneat::compare
