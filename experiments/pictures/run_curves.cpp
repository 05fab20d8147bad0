#include "experiments/pictures/run_curves.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace convneat::pictures {
namespace {

// Fields never contain commas (species sizes and figures are space-separated).
std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> result;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) result.push_back(field);
  if (!line.empty() && line.back() == ',') result.emplace_back();
  return result;
}

std::size_t column_of(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  throw std::runtime_error(std::string("generations.csv: no column \"") + name + "\"");
}

}  // namespace

bool RunCurves::has_accuracy() const {
  for (const GenerationPoint& p : points)
    if (p.validation_accuracy || p.test_accuracy) return true;
  return false;
}

std::optional<double> figure(const std::string& figures, const std::string& name) {
  std::stringstream stream(figures);
  std::string token;
  const std::string prefix = name + "=";
  while (stream >> token)
    if (token.starts_with(prefix)) return std::stod(token.substr(prefix.size()));
  return std::nullopt;
}

RunCurves parse_generations_csv(const std::string& text) {
  std::stringstream stream(text);
  std::string line;
  std::getline(stream, line);
  const std::vector<std::string> header = fields(line);
  const std::size_t generation = column_of(header, "generation"), best = column_of(header, "best_fitness"),
                    mean = column_of(header, "mean_fitness"), stdev = column_of(header, "stdev_fitness"),
                    evaluations = column_of(header, "evaluations");
  std::optional<std::size_t> test;  // older files may lack the column
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == "champion_test") test = i;
  RunCurves curves;
  for (std::size_t number = 2; std::getline(stream, line); ++number) {
    if (line.empty()) continue;
    const std::vector<std::string> row = fields(line);
    try {
      GenerationPoint point{std::stoul(row.at(generation)), std::stod(row.at(best)), std::stod(row.at(mean)),
                            std::stod(row.at(stdev)), {}, {}, std::stoull(row.at(evaluations))};
      if (test && *test < row.size()) {
        point.validation_accuracy = figure(row[*test], "validation_accuracy");
        point.test_accuracy = figure(row[*test], "test_accuracy");
      }
      curves.points.push_back(point);
    } catch (const std::exception&) {
      throw std::runtime_error(std::string("generations.csv line ") + std::to_string(number) + ": cannot read \"" + line + "\"");
    }
  }
  return curves;
}

SpeciesHistory parse_species_csv(const std::string& text) {
  std::stringstream stream(text);
  std::string line;
  std::getline(stream, line);
  const std::vector<std::string> header = fields(line);
  const std::size_t generation_column = column_of(header, "generation"), species_column = column_of(header, "species"),
                    size_column = column_of(header, "size");
  std::vector<std::tuple<std::size_t, std::uint64_t, std::size_t>> rows;  // generation, species, size
  for (std::size_t number = 2; std::getline(stream, line); ++number) {
    if (line.empty()) continue;
    const std::vector<std::string> row = fields(line);
    try {
      rows.emplace_back(std::stoul(row.at(generation_column)), std::stoull(row.at(species_column)),
                        std::stoul(row.at(size_column)));
    } catch (const std::exception&) {
      throw std::runtime_error("species.csv line " + std::to_string(number) + ": cannot read \"" + line + "\"");
    }
    if (rows.size() > 1 && std::get<0>(rows.back()) < std::get<0>(rows[rows.size() - 2]))
      throw std::runtime_error("species.csv line " + std::to_string(number) + ": generation " +
                               std::to_string(std::get<0>(rows.back())) + " after a later one");
  }
  SpeciesHistory history;
  for (const auto& [generation, species, size] : rows) {
    if (history.generations.empty() || history.generations.back() != generation) history.generations.push_back(generation);
    history.ids.push_back(species);
  }
  std::sort(history.ids.begin(), history.ids.end());
  history.ids.erase(std::unique(history.ids.begin(), history.ids.end()), history.ids.end());
  history.sizes.assign(history.generations.size(), std::vector<std::size_t>(history.ids.size(), 0));
  std::size_t g = 0;
  for (const auto& [generation, species, size] : rows) {
    while (history.generations[g] != generation) ++g;
    const auto id = std::lower_bound(history.ids.begin(), history.ids.end(), species) - history.ids.begin();
    history.sizes[g][static_cast<std::size_t>(id)] = size;
  }
  return history;
}

}  // namespace convneat::pictures
