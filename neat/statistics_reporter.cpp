#include "neat/statistics_reporter.hpp"

#include <sstream>
#include <stdexcept>

namespace convneat {
namespace {

std::ofstream open_csv(const std::filesystem::path& path, bool append, const std::string& header) {
  const bool fresh = !append || !std::filesystem::exists(path);
  std::ofstream file(path, fresh ? std::ios::trunc : std::ios::app);
  if (!file) throw std::runtime_error(path.string() + ": cannot open for writing");
  file.precision(17);
  if (fresh) file << header << '\n' << std::flush;
  return file;
}

}  // namespace

std::string StatisticsReporter::generation_header() {
  return "generation,best_fitness,mean_fitness,stdev_fitness,species_count,species_sizes,best_nodes,"
         "best_enabled_connections,evaluations,failed_evaluations,solved,compatibility_threshold,seconds";
}

std::string StatisticsReporter::generation_row(const GenerationReport& report) {
  std::ostringstream row;
  row.precision(17);
  std::string sizes;
  for (const SpeciesSummary& s : report.species) {
    if (!sizes.empty()) sizes += ' ';
    sizes += std::to_string(s.size);
  }
  row << report.generation << ',' << report.best_fitness << ',' << report.mean_fitness << ','
      << report.stdev_fitness << ',' << report.species.size() << ',' << sizes << ',' << report.best.nodes.size()
      << ',' << report.best.enabled_connection_count() << ',' << report.evaluations << ','
      << report.failed_evaluations << ',' << (report.solved ? 1 : 0) << ',' << report.compatibility_threshold;
  return row.str();
}

StatisticsReporter::StatisticsReporter(const std::filesystem::path& directory, bool append)
    : generations_(open_csv(directory / "generations.csv", append, generation_header())),
      species_(open_csv(directory / "species.csv", append,
                        "generation,species,size,best_fitness,age,stagnant_for")) {}

void StatisticsReporter::on_generation(const GenerationReport& report, const Population&) {
  generations_ << generation_row(report) << ',' << report.seconds << '\n' << std::flush;
  for (const SpeciesSummary& s : report.species)
    species_ << report.generation << ',' << s.id << ',' << s.size << ',' << s.best_fitness << ',' << s.age << ','
             << s.stagnant_for << '\n';
  species_ << std::flush;
  if (!generations_ || !species_) throw std::runtime_error("cannot write the statistics files (disk full?)");
}

}  // namespace convneat
