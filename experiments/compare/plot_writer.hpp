#pragma once
// Plots with gnuplot (Debian: gnuplot-nox), driven by a generated script: per task, the
// evaluations to solve of every variant (box plot with every solved run as a point), the
// curves over seeds (seed_curves.hpp: best fitness and, on image tasks, the champion's
// accuracy against evaluations, from the runs' kept generations.csv), the final Pareto fronts of
// runs that select by NSGA-II (their kept pareto_front.csv) and the mean species count over
// generations. The data files and the script are written even when
// gnuplot is missing, so the plots can be drawn elsewhere: `cd plots && gnuplot plots.gp`.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "experiments/compare/compare_spec.hpp"
#include "experiments/compare/run_record.hpp"
#include "experiments/compare/summary.hpp"

namespace convneat::compare {

struct PlotOutcome {
  std::vector<std::string> images;  // relative to the output directory, e.g. "plots/species_xor.png"
  std::string problem;              // empty, or why no image was drawn
};

PlotOutcome write_plots(const std::filesystem::path& output, const CompareSpec& spec, const ComparisonSummary& summary,
                        const std::map<RunKey, RunRecord>& finished);

}  // namespace convneat::compare
