#pragma once
// pareto_front.csv: the last generation's non-dominated genomes of a run whose selection is
// NSGA-II (/selection/objective "pareto"), a row per genome — its id, then each of
// /selection/objectives in the config's order, as measured: fitness and novelty as they are,
// parameters as a count (the one objective minimised). Rows by the first objective, best first.
#include <filesystem>
#include <string>
#include <vector>

#include "neat/population.hpp"

namespace convneat {

inline constexpr const char* kParetoFrontFile = "pareto_front.csv";

struct ParetoFront {
  std::vector<std::string> objectives;  // names, in the file's column order
  std::vector<std::vector<double>> rows;  // one per genome: its values, as in the file
};

void write_pareto_front(const std::filesystem::path& path, const Population& population);
// Throws std::runtime_error naming the file and line when it is not such a file.
ParetoFront read_pareto_front(const std::filesystem::path& path);

}  // namespace convneat
