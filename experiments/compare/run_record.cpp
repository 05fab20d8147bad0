#include "experiments/compare/run_record.hpp"

#include <charconv>
#include <cstdio>
#include <sstream>

namespace convneat::compare {
namespace {

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream stream(line);
  while (std::getline(stream, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

template <typename Number>
bool parse_number(const std::string& text, Number& value) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

// %.17g: doubles read back bit-identical, so a resumed comparison reports the same numbers.
std::string exact(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

}  // namespace

std::string run_csv_header() {
  return "task,variant,seed,solved,evaluations_to_solve,generations,evaluations,stop_reason,final_species,"
         "mean_species,champion_fitness,champion_nodes,champion_hidden_nodes,champion_connections,champion_parameters,"
         "champion_test_accuracy,wall_seconds";
}

std::string run_csv_row(const RunRecord& r) {
  std::ostringstream row;
  row << r.key.task << ',' << r.key.variant << ',' << r.key.seed << ',' << (r.solved ? 1 : 0) << ','
      << (r.evaluations_to_solve ? std::to_string(*r.evaluations_to_solve) : std::string()) << ',' << r.generations
      << ',' << r.evaluations << ',' << r.stop_reason << ',' << r.final_species << ',' << exact(r.mean_species) << ','
      << exact(r.champion_fitness) << ',' << r.champion_nodes << ',' << r.champion_hidden_nodes << ','
      << r.champion_connections << ',' << r.champion_parameters << ','
      << (r.champion_test_accuracy ? exact(*r.champion_test_accuracy) : std::string()) << ',' << exact(r.wall_seconds);
  return row.str();
}

std::optional<RunRecord> parse_run_csv_row(const std::string& line) {
  std::vector<std::string> f = split_fields(line);
  if (f.size() == 15) f.insert(f.begin() + 14, {"0", ""});  // rows written before the two champion columns
  if (f.size() != 17) return std::nullopt;
  RunRecord r;
  r.key.task = f[0];
  r.key.variant = f[1];
  r.stop_reason = f[7];
  int solved = 0;
  bool ok = parse_number(f[2], r.key.seed) && parse_number(f[3], solved) && parse_number(f[5], r.generations) &&
            parse_number(f[6], r.evaluations) && parse_number(f[8], r.final_species) &&
            parse_number(f[9], r.mean_species) && parse_number(f[10], r.champion_fitness) &&
            parse_number(f[11], r.champion_nodes) && parse_number(f[12], r.champion_hidden_nodes) &&
            parse_number(f[13], r.champion_connections) && parse_number(f[14], r.champion_parameters) &&
            parse_number(f[16], r.wall_seconds);
  if (!f[15].empty()) {
    double accuracy = 0.0;
    ok = ok && parse_number(f[15], accuracy);
    r.champion_test_accuracy = accuracy;
  }
  r.solved = solved == 1;
  if (!f[4].empty()) {
    std::uint64_t evaluations = 0;
    ok = ok && parse_number(f[4], evaluations);
    r.evaluations_to_solve = evaluations;
  }
  if (!ok || r.solved != r.evaluations_to_solve.has_value() || r.key.task.empty() || r.key.variant.empty()) return std::nullopt;
  return r;
}

std::string curve_csv_header() { return "task,variant,seed,generation,species"; }

std::string curve_csv_rows(const RunRecord& r) {
  std::ostringstream rows;
  for (std::size_t generation = 0; generation < r.species_curve.size(); ++generation)
    rows << r.key.task << ',' << r.key.variant << ',' << r.key.seed << ',' << generation << ','
         << r.species_curve[generation] << '\n';
  return rows.str();
}

}  // namespace convneat::compare
