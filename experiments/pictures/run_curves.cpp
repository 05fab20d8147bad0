#include "experiments/pictures/run_curves.hpp"

#include <sstream>
#include <stdexcept>

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
                    mean = column_of(header, "mean_fitness");
  std::optional<std::size_t> test;  // older files may lack the column
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == "champion_test") test = i;
  RunCurves curves;
  for (std::size_t number = 2; std::getline(stream, line); ++number) {
    if (line.empty()) continue;
    const std::vector<std::string> row = fields(line);
    try {
      GenerationPoint point{std::stoul(row.at(generation)), std::stod(row.at(best)), std::stod(row.at(mean)), {}, {}};
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

}  // namespace convneat::pictures
