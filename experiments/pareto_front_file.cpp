#include "experiments/pareto_front_file.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "neat/atomic_file.hpp"

namespace convneat {

void write_pareto_front(const std::filesystem::path& path, const Population& population) {
  const std::vector<ParetoObjective>& objectives = population.config().selection.objectives;
  std::vector<std::pair<std::size_t, ObjectiveVector>> front = population.pareto_front();
  std::stable_sort(front.begin(), front.end(),
                   [](const auto& a, const auto& b) { return a.second.front() > b.second.front(); });
  std::ostringstream text;
  text.precision(17);
  text << "genome";
  for (ParetoObjective objective : objectives) text << ',' << kParetoObjectives.name(objective);
  text << '\n';
  for (const auto& [index, point] : front) {
    text << population.genomes()[index].id;
    for (std::size_t m = 0; m < objectives.size(); ++m)  // parameters were negated to be maximised
      text << ',' << (objectives[m] == ParetoObjective::parameters ? -point[m] : point[m]);
    text << '\n';
  }
  write_file_atomically(path, text.str());
}

ParetoFront read_pareto_front(const std::filesystem::path& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error(path.string() + ": cannot be read");
  ParetoFront front;
  std::string line;
  std::getline(file, line);
  std::istringstream header(line);
  std::string name;
  std::getline(header, name, ',');
  if (name != "genome") throw std::runtime_error(path.string() + ": line 1: expected a header beginning \"genome\"");
  while (std::getline(header, name, ',')) front.objectives.push_back(name);
  for (std::size_t number = 2; std::getline(file, line); ++number) {
    std::istringstream row(line);
    std::string cell;
    std::getline(row, cell, ',');  // the genome id
    std::vector<double> values;
    while (std::getline(row, cell, ',')) {
      std::size_t used = 0;
      double value = 0.0;
      try {
        value = std::stod(cell, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != cell.size())
        throw std::runtime_error(path.string() + ": line " + std::to_string(number) + ": \"" + cell + "\" is not a number");
      values.push_back(value);
    }
    if (values.size() != front.objectives.size())
      throw std::runtime_error(path.string() + ": line " + std::to_string(number) + ": expected " +
                               std::to_string(front.objectives.size()) + " values after the genome id");
    front.rows.push_back(std::move(values));
  }
  return front;
}

}  // namespace convneat
