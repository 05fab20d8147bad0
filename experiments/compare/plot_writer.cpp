#include "experiments/compare/plot_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "experiments/compare/seed_curves.hpp"
#include "experiments/compare/single_run.hpp"
#include "experiments/pareto_front_file.hpp"
#include "experiments/pictures/gnuplot_terminal.hpp"
#include "experiments/pictures/run_curves.hpp"
#include "neat/atomic_file.hpp"

namespace convneat::compare {
namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& text) {  // for the shell
  std::string result = "'";
  for (char c : text) result += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return result + "'";
}

// Which per-run values a box plot shows: evaluations to solve of the solved runs, or the
// champions' test accuracy (image tasks).
struct BoxPlot {
  std::string name;       // file stem: evaluations_<task>, test_accuracy_<task>
  std::string title, y_label;
  const std::vector<double> GroupSummary::*values;
  bool from_zero;         // y axis starts at 0 (counts), else it fits the data
};

const BoxPlot kEvaluationsPlot{"evaluations", "Evaluations to solve", "evaluations to solve",
                               &GroupSummary::evaluations_to_solve, true};
const BoxPlot kAccuracyPlot{"test_accuracy", "Champion test accuracy", "test accuracy", &GroupSummary::test_accuracy,
                            false};

bool has_values(const ComparisonSummary& summary, const std::string& task, const BoxPlot& plot) {
  for (const GroupSummary& g : summary.groups)
    if (g.task == task && !(g.*plot.values).empty()) return true;
  return false;
}

// One block per variant (gnuplot `index`): x position with a fixed jitter, value.
std::string box_data(const ComparisonSummary& summary, const std::string& task, const BoxPlot& plot) {
  std::ostringstream data;
  data.precision(10);
  std::size_t block = 0;
  for (const GroupSummary& g : summary.groups) {
    if (g.task != task) continue;
    const std::vector<double>& values = g.*plot.values;
    data << "# " << g.variant << "\n";
    for (std::size_t i = 0; i < values.size(); ++i) {
      const double jitter = 0.3 * (std::fmod(static_cast<double>(i) * 0.618033988749895, 1.0) - 0.5);  // golden-ratio spread
      data << block + 1 << ' ' << static_cast<double>(block + 1) + jitter << ' ' << values[i] << '\n';
    }
    if (values.empty()) data << block + 1 << " NaN NaN\n";  // keeps the block
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

// How many variants' names (box plots) or keys (curves) fit beside each other in a 960-pixel picture.
constexpr std::size_t kVariantsSideBySide = 5;

std::string box_script(const ComparisonSummary& summary, const std::string& task, const BoxPlot& plot) {
  std::ostringstream script, tics;
  std::size_t count = 0;
  for (const GroupSummary& g : summary.groups)
    if (g.task == task)
      tics << (count ? ", " : "") << '"' << g.variant << "\\n" << (g.*plot.values).size() << "/" << g.runs
           << " runs\" " << count + 1,
          ++count;
  const std::string file = plot.name + "_" + task;
  // Too many variants for their names side by side: slant them.
  const bool slanted = count > kVariantsSideBySide;
  script << pictures::output_line(file) << "set title '" << plot.title << " on " << task << " (box: quartiles, whiskers 1.5 IQR)'\n"
         << "set xtics (" << tics.str() << ")" << (slanted ? " rotate by 30 right" : "") << "\nset xrange [0.4:"
         << count << ".6]\n"
         << (plot.from_zero ? "set yrange [0:*]\n" : "set autoscale y\n") << "set ylabel '" << plot.y_label
         << "'\nunset key\nset grid ytics\nset bmargin " << (slanted ? 11 : 5) << "\n"
         << "plot for [i=0:" << count - 1 << "] '" << file << ".dat' index i using 1:3:(0.5) with boxplot "
         << "lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \\\n"
         << "     for [i=0:" << count - 1 << "] '" << file << ".dat' index i using 2:3 with points "
         << "pointtype 7 pointsize 0.6 lc rgb '#c0392b'\n"
         << "set xtics autofreq norotate\nset autoscale x\nset bmargin\n";
  return script.str();
}

// Past gnuplot's eight default colours the lines repeat them dashed, so that no two look alike.
std::string dashed_line_types(std::size_t count) {
  static constexpr const char* kDefaultColours[] = {"#9400d3", "#009e73", "#56b4e9", "#e69f00",
                                                    "#f0e442", "#0072b2", "#e51e10", "#000000"};
  std::ostringstream types;
  for (std::size_t line = 9; line <= count; ++line)
    types << "set linetype " << line << " lc rgb '" << kDefaultColours[(line - 9) % 8] << "' dashtype 2\n";
  return types.str();
}

std::string species_script(const ComparisonSummary& summary, const std::string& task) {
  std::size_t count = 0;
  for (const GroupSummary& g : summary.groups) count += g.task == task;
  std::ostringstream script;
  script << pictures::output_line("species_" + task) << "set title 'Mean species count on " << task << " (runs still running; drawn while >= 1/4 of runs are)'\n"
         << "set xrange [0:*]\nset yrange [0:*]\nset xlabel 'generation'\nset ylabel 'species'\n"
         // Many variants: the key under the plot, not over the curves.
         << (count > kVariantsSideBySide ? "set key below\n" : "set key top left\n") << "set grid\n"
         << dashed_line_types(count)
         << "plot for [i=2:" << count + 1 << "] 'species_" << task
         << ".dat' using 1:i with lines linewidth 2 title columnhead(i)\n"
         << "unset xlabel\n";
  return script.str();
}

// The curves over seeds of one task (seed_curves.hpp): per quantity drawn, one block per
// variant (gnuplot `index`): evaluations, median, low, high.
struct TaskCurves {
  std::vector<std::string> variants;
  std::vector<std::size_t> runs_with_files, runs;
  std::vector<CurveQuantity> quantities;
  std::vector<std::vector<std::vector<CurvePoint>>> curves;  // [quantity][variant]
};

bool any_point(const std::vector<std::vector<CurvePoint>>& per_variant) {
  return std::any_of(per_variant.begin(), per_variant.end(), [](const auto& curve) { return !curve.empty(); });
}

// Reads the generations.csv of every finished run of the task that kept its files.
TaskCurves task_curves(const fs::path& output, const ComparisonSummary& summary, const std::string& task,
                       const std::map<RunKey, RunRecord>& finished) {
  TaskCurves result;
  std::vector<std::vector<pictures::RunCurves>> runs;
  for (const GroupSummary& group : summary.groups) {
    if (group.task != task) continue;
    result.variants.push_back(group.variant);
    result.runs.push_back(group.runs);
    runs.emplace_back();
    for (const auto& [key, record] : finished) {
      if (key.task != task || key.variant != group.variant) continue;
      const fs::path file = run_folder(output, key) / "generations.csv";
      std::ifstream in(file);
      if (!in) continue;  // a run of a comparison made before runs kept their files
      std::stringstream text;
      text << in.rdbuf();
      try {
        runs.back().push_back(pictures::parse_generations_csv(text.str()));
      } catch (const std::runtime_error& error) {  // one damaged file costs its run's curve, not the report
        std::cerr << "convneat compare: " << file.string() << ": " << error.what() << "; left out of the curves\n";
      }
    }
    result.runs_with_files.push_back(runs.back().size());
  }
  for (CurveQuantity quantity : {CurveQuantity::best_fitness, CurveQuantity::best_validation_accuracy,
                                 CurveQuantity::best_validated_test_accuracy}) {
    std::vector<std::vector<CurvePoint>> per_variant;
    for (const auto& variant_runs : runs) per_variant.push_back(seed_curve(variant_runs, quantity));
    if (!any_point(per_variant)) continue;
    result.quantities.push_back(quantity);
    result.curves.push_back(std::move(per_variant));
  }
  return result;
}

std::string curve_data(const TaskCurves& curves) {
  std::ostringstream data;
  data.precision(10);
  for (std::size_t q = 0; q < curves.quantities.size(); ++q)
    for (std::size_t v = 0; v < curves.variants.size(); ++v) {
      data << "# " << curves.variants[v] << ": evaluations median low high\n";
      for (const CurvePoint& point : curves.curves[q][v])
        data << point.evaluations << ' ' << point.median << ' ' << point.low << ' ' << point.high << '\n';
      if (curves.curves[q][v].empty()) data << "NaN NaN NaN NaN\n";  // keeps the block
      data << "\n\n";
    }
  return data.str();
}

// One panel: each variant's band (transparent) and median line in its own colour; the
// test accuracy, when drawn with the validation accuracy, dashed in the same colour.
std::string curve_panel(const TaskCurves& curves, const std::string& task, const std::string& file, std::size_t first,
                        std::size_t count, const std::string& title, const std::string& y_label) {
  std::ostringstream script;
  script << "set title '" << title << " on " << task << ": median over seeds, 95 % bootstrap band'\n"
         << "set xlabel 'evaluations'\nset ylabel '" << y_label << "'\nset grid\nset autoscale\n"
         << (curves.variants.size() > kVariantsSideBySide ? "set key below\n" : "set key bottom right\n") << "plot ";
  const std::size_t variants = curves.variants.size();
  for (std::size_t q = first; q < first + count; ++q)
    for (std::size_t v = 0; v < variants; ++v) {
      const std::size_t block = q * variants + v;
      const bool test = curves.quantities[q] == CurveQuantity::best_validated_test_accuracy;
      const std::string name = curves.variants[v] + (count > 1 ? (test ? " (test)" : " (validation)") : "") + " (" +
                               std::to_string(curves.runs_with_files[v]) + " runs)";
      script << (block == first * variants ? "" : ", \\\n     ") << "'" << file << ".dat' index " << block
             << " using 1:3:4 with filledcurves fillstyle transparent solid 0.15 noborder lc " << v + 1
             << " notitle, \\\n     '" << file << ".dat' index " << block << " using 1:2 with lines linewidth 2 lc "
             << v + 1 << (test ? " dashtype 2" : "") << " title '" << name << "'";
    }
  script << "\n";
  return script.str();
}

std::string curve_script(const TaskCurves& curves, const std::string& task) {
  const std::string file = "curves_" + task;
  const bool accuracy = curves.quantities.size() > 1;
  std::ostringstream script;
  script << pictures::output_line(file) << dashed_line_types(curves.variants.size());
  if (accuracy) script << "set multiplot layout 2,1\n";
  script << curve_panel(curves, task, file, 0, 1, "Best fitness", "best fitness of the generation");
  if (accuracy)
    script << curve_panel(curves, task, file, 1, curves.quantities.size() - 1,
                          curves.quantities.size() > 2
                              ? "Best validation accuracy so far (solid) and that genome's test accuracy (dashed)"
                              : "Best validation accuracy so far",
                          "accuracy")
           << "unset multiplot\n";
  script << "unset xlabel\nunset grid\nset key default\n";
  return script.str();
}

// The final Pareto fronts of a task's runs (pareto_front.csv, kept by the runs of variants that
// select by NSGA-II): per variant, every run's front, the first objective against the second.
// With two objectives, the first maximised and parameters (minimised) the second, a front is a
// staircase (each genome's point, joined as the boundary of what the run attained); otherwise
// (more objectives: a projection; or other senses) points alone.
struct TaskFronts {
  std::vector<std::string> variants;
  std::vector<std::size_t> runs;  // runs with a front, per variant
  std::string x_label, y_label;
  std::size_t objectives = 0;
  std::vector<std::vector<std::vector<std::pair<double, double>>>> fronts;  // [variant][run] → (x, y)
};

TaskFronts task_fronts(const fs::path& output, const ComparisonSummary& summary, const std::string& task,
                       const std::map<RunKey, RunRecord>& finished) {
  TaskFronts result;
  for (const GroupSummary& group : summary.groups) {
    if (group.task != task) continue;
    std::vector<std::vector<std::pair<double, double>>> runs;
    for (const auto& [key, record] : finished) {
      if (key.task != task || key.variant != group.variant) continue;
      const fs::path file = run_folder(output, key) / kParetoFrontFile;
      if (!fs::exists(file)) continue;
      try {
        const ParetoFront front = read_pareto_front(file);
        if (front.objectives.size() < 2) continue;
        if (result.y_label.empty())
          result.y_label = front.objectives[0], result.x_label = front.objectives[1],
          result.objectives = front.objectives.size();
        if (front.objectives[0] != result.y_label || front.objectives[1] != result.x_label) continue;
        result.objectives = std::max(result.objectives, front.objectives.size());
        std::vector<std::pair<double, double>> points;
        for (const std::vector<double>& row : front.rows) points.emplace_back(row[1], row[0]);
        if (points.empty()) continue;  // nobody in the running: no line (and no stray gnuplot block)
        std::sort(points.begin(), points.end());
        runs.push_back(std::move(points));
      } catch (const std::runtime_error& error) {  // one damaged file costs its run's front, not the report
        std::cerr << "convneat compare: " << error.what() << "; left out of the fronts\n";
      }
    }
    if (runs.empty()) continue;
    result.variants.push_back(group.variant);
    result.runs.push_back(runs.size());
    result.fronts.push_back(std::move(runs));
  }
  return result;
}

std::string front_data(const TaskFronts& fronts) {
  std::ostringstream data;
  data.precision(10);
  for (std::size_t v = 0; v < fronts.variants.size(); ++v) {
    data << "# " << fronts.variants[v] << ": " << fronts.x_label << ' ' << fronts.y_label << ", a run per line\n";
    for (const auto& run : fronts.fronts[v]) {
      for (const auto& [x, y] : run) data << x << ' ' << y << '\n';
      data << '\n';  // one blank line: the next run's line starts anew
    }
    data << "\n";  // two: the next variant's block
  }
  return data.str();
}

std::string front_script(const TaskFronts& fronts, const std::string& task) {
  const std::string file = "fronts_" + task;
  std::ostringstream script;
  script << pictures::output_line(file) << "set title 'Final Pareto fronts on " << task
         << " (each run: the non-dominated genomes of its last generation)'\n"
         << "set xlabel '" << fronts.x_label << "'\nset ylabel '" << fronts.y_label << "'\nset grid\nset autoscale\n"
         // Fitness near its ceiling (a trained classifier's 0.9999…) needs more digits than the default's six.
         << "set format y '%.8g'\nset offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05\n"
         // Fronts fill the corners of the plane: the key goes under it.
         << "set key below\n"
         << dashed_line_types(fronts.variants.size()) << "plot ";
  for (std::size_t v = 0; v < fronts.variants.size(); ++v) {
    script << (v ? ", \\\n     " : "") << "'" << file << ".dat' index " << v;
    if (fronts.objectives == 2 && fronts.x_label == "parameters")
      script << " using 1:2 with steps linewidth 1 lc " << v + 1 << " notitle, \\\n     '" << file << ".dat' index "
             << v;
    script << " using 1:2 with points pointtype 7 pointsize 0.6 lc " << v + 1 << " title '" << fronts.variants[v]
           << " (" << fronts.runs[v] << " runs)'";
  }
  script << "\nunset xlabel\nunset grid\nset key default\nset format y\nset offsets\n";
  return script.str();
}

bool gnuplot_available() { return std::system("gnuplot --version >/dev/null 2>&1") == 0; }

}  // namespace

PlotOutcome write_plots(const fs::path& output, const CompareSpec& spec, const ComparisonSummary& summary,
                        const std::map<RunKey, RunRecord>& finished) {
  const fs::path directory = output / "plots";
  fs::create_directories(directory);
  std::ostringstream script;
  script << "# Drawn by convneat compare; redraw in this directory with: gnuplot plots.gp (PNG), or\n"
         << "# gnuplot -e \"svg=1\" plots.gp (SVG)\n"
         << pictures::png_or_svg_terminal(960, 600, 11) << "set datafile missing 'NaN'\n"
         << "set style boxplot nooutliers\n";
  std::vector<std::string> images;
  for (const CompareTask& task : spec.tasks) {
    // A box plot with no value at all (no run solved; no test accuracy) would only make
    // gnuplot fail, so it is left out.
    for (const BoxPlot* plot : {&kEvaluationsPlot, &kAccuracyPlot}) {
      if (!has_values(summary, task.label, *plot)) continue;
      const std::string file = plot->name + "_" + task.label;
      write_file_atomically(directory / (file + ".dat"), box_data(summary, task.label, *plot));
      script << box_script(summary, task.label, *plot);
      images.push_back("plots/" + file + ".png");
    }
    if (const TaskCurves curves = task_curves(output, summary, task.label, finished); !curves.quantities.empty()) {
      write_file_atomically(directory / ("curves_" + task.label + ".dat"), curve_data(curves));
      script << curve_script(curves, task.label);
      images.push_back("plots/curves_" + task.label + ".png");
    }
    if (const TaskFronts fronts = task_fronts(output, summary, task.label, finished); !fronts.variants.empty()) {
      write_file_atomically(directory / ("fronts_" + task.label + ".dat"), front_data(fronts));
      script << front_script(fronts, task.label);
      images.push_back("plots/fronts_" + task.label + ".png");
    }
    write_file_atomically(directory / ("species_" + task.label + ".dat"), species_data(summary, task.label));
    script << species_script(summary, task.label);
    images.push_back("plots/species_" + task.label + ".png");
  }
  write_file_atomically(directory / "plots.gp", script.str());
  if (!gnuplot_available())
    return {{}, "gnuplot not found (Debian package gnuplot-nox): plots not drawn; their data and script are in " +
                    directory.string()};
  const std::string command = "cd " + quoted(directory.string()) + " && gnuplot plots.gp 2> gnuplot.log && gnuplot " +
                              pictures::kSvgOption + " plots.gp 2>> gnuplot.log";
  if (std::system(command.c_str()) != 0)
    return {{}, "gnuplot failed; see " + (directory / "gnuplot.log").string()};
  return {images, ""};
}

}  // namespace convneat::compare
