#include "neat/console_reporter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

#include "neat/population.hpp"

namespace convneat {
namespace {

std::string format(const char* pattern, auto... values) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, pattern, values...);
  return buffer;
}

// "time limit 0.5 s exceeded: 3, non-finite fitness: 1", the commonest reasons first; a
// task whose messages differ per genome cannot flood the line.
std::string failure_summary(const std::map<std::string, std::size_t>& failures) {
  constexpr std::size_t kShown = 3;
  std::vector<std::pair<std::string, std::size_t>> reasons(failures.begin(), failures.end());
  std::stable_sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string summary;
  for (std::size_t i = 0; i < std::min(kShown, reasons.size()); ++i) {
    if (!summary.empty()) summary += ", ";
    summary += reasons[i].first;
    summary += ": ";
    summary += std::to_string(reasons[i].second);
  }
  if (reasons.size() > kShown) {
    summary += ", ";
    summary += std::to_string(reasons.size() - kShown);
    summary += " other reasons";
  }
  return summary;
}

}  // namespace

std::string progress_number(double value) {
  // Below a million, %f shows a fitness as every run has shown it; beyond, %f would print
  // every digit of the number (120 of them for -1e118), so the exponent form takes over.
  constexpr double kFixedBelow = 1e6;
  if (std::isfinite(value) && std::abs(value) >= kFixedBelow) return format("%10.5g", value);
  return format("%10.5f", value);
}

std::string progress_duration(double seconds) {
  if (!(seconds >= 0.0)) seconds = 0.0;
  if (seconds < 60.0) return format("%.1fs", seconds);
  const auto whole = static_cast<unsigned long long>(seconds + 0.5);
  if (whole < 3600) return format("%llum %02llus", whole / 60, whole % 60);
  return format("%lluh %02llum", whole / 3600, whole % 3600 / 60);
}

std::optional<double> ConsoleReporter::seconds_left(const GenerationReport& report) const {
  if (!first_ || report.generation <= first_->generation || report.seconds <= first_->seconds) return std::nullopt;
  const double elapsed = report.seconds - first_->seconds;
  std::optional<double> left;
  if (settings_.max_generations > report.generation + 1)
    left = elapsed / static_cast<double>(report.generation - first_->generation) *
           static_cast<double>(settings_.max_generations - report.generation - 1);
  else if (settings_.max_generations > 0)
    left = 0.0;
  if (settings_.max_evaluations > 0 && report.evaluations > first_->evaluations) {
    const double by_evaluations =
        settings_.max_evaluations > report.evaluations
            ? elapsed / static_cast<double>(report.evaluations - first_->evaluations) *
                  static_cast<double>(settings_.max_evaluations - report.evaluations)
            : 0.0;
    left = left ? std::min(*left, by_evaluations) : by_evaluations;
  }
  return left;
}

bool ConsoleReporter::shown(const GenerationReport& report) const {
  const bool last = settings_.max_generations > 0 && report.generation + 1 >= settings_.max_generations;
  const bool passed = report.champion_test && report.champion_test->solved;
  return report.generation % settings_.every == 0 || last || report.solved || passed;
}

void ConsoleReporter::on_generation(const GenerationReport& report, const Population&) {
  if (!first_) first_ = Mark{report.generation, report.evaluations, report.seconds};
  const std::string line = progress_line(report);
  if (shown(report)) {
    out_ << line << std::flush;
    skipped_.clear();
  } else {
    skipped_ = line;  // printed by on_finish if the run ends here
  }
}

std::string ConsoleReporter::progress_line(const GenerationReport& report) const {
  std::ostringstream line;
  // "gen 11/299": generation 11, the last being 299 (generations count from 0, as everywhere).
  const std::string last = settings_.max_generations > 0 ? format("/%zu", settings_.max_generations - 1) : "";
  line << format("gen %4zu%s  best %s  mean %s  species %3zu  evals %9llu  %7.2fs", report.generation, last.c_str(),
                 progress_number(report.best_fitness).c_str(), progress_number(report.mean_fitness).c_str(),
                 report.species.size(), static_cast<unsigned long long>(report.evaluations), report.seconds);
  if (const std::optional<double> left = seconds_left(report); left && !report.solved)
    line << "  ~" << progress_duration(*left) << " left";
  if (report.failed_evaluations > 0)
    line << "  failed " << report.failed_evaluations << " (" << failure_summary(report.failures) << ')';
  if (report.champion_test) {
    line << "  test genome " << report.tested_genome << ':';
    for (const auto& [name, value] : report.champion_test->figures) line << ' ' << name << ' ' << value;
    line << (report.champion_test->solved ? " passed" : " failed");
  }
  if (report.solved) line << "  solved";
  line << '\n';
  return line.str();
}

void ConsoleReporter::on_extinction(std::size_t generation) {
  out_ << "every species died out at generation " << generation << "; starting a new population\n";
}

void ConsoleReporter::on_finish(const RunResult& result, const Population&) {
  out_ << skipped_;  // the last generation, when progress_every skipped it
  skipped_.clear();
  out_ << "stopped: " << stop_reason_text(result.reason) << " after " << result.generations << " generations, "
       << result.evaluations << " evaluations";
  if (result.evaluations_to_solve) out_ << "; solved at evaluation " << *result.evaluations_to_solve;
  out_ << "\nchampion: genome " << result.champion.id << ", fitness " << result.champion.fitness << ", "
       << result.champion.hidden_node_count() << " hidden nodes, " << result.champion.enabled_connection_count()
       << " enabled connections\n";
}

}  // namespace convneat
