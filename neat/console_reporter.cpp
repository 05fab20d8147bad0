#include "neat/console_reporter.hpp"

#include <cstdio>

#include "neat/population.hpp"

namespace convneat {
namespace {

std::string format(const char* pattern, auto... values) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, pattern, values...);
  return buffer;
}

}  // namespace

void ConsoleReporter::on_generation(const GenerationReport& report, const Population&) {
  out_ << format("gen %4zu  best %10.5f  mean %10.5f  species %3zu  evals %9llu  %7.2fs", report.generation,
                 report.best_fitness, report.mean_fitness, report.species.size(),
                 static_cast<unsigned long long>(report.evaluations), report.seconds);
  if (report.failed_evaluations > 0) out_ << "  failed " << report.failed_evaluations;
  if (report.champion_test) {
    out_ << "  test genome " << report.tested_genome << ':';
    for (const auto& [name, value] : report.champion_test->figures) out_ << ' ' << name << ' ' << value;
    out_ << (report.champion_test->solved ? " passed" : " failed");
  }
  if (report.solved) out_ << "  solved";
  out_ << '\n' << std::flush;
}

void ConsoleReporter::on_extinction(std::size_t generation) {
  out_ << "every species died out at generation " << generation << "; starting a new population\n";
}

void ConsoleReporter::on_finish(const RunResult& result, const Population&) {
  out_ << "stopped: " << stop_reason_text(result.reason) << " after " << result.generations << " generations, "
       << result.evaluations << " evaluations";
  if (result.evaluations_to_solve) out_ << "; solved at evaluation " << *result.evaluations_to_solve;
  out_ << "\nchampion: genome " << result.champion.id << ", fitness " << result.champion.fitness << ", "
       << result.champion.hidden_node_count() << " hidden nodes, " << result.champion.enabled_connection_count()
       << " enabled connections\n";
}

}  // namespace convneat
