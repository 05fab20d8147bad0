#include "neat/selection.hpp"

#include <algorithm>

#include "genome/spatial/geometry.hpp"

namespace convneat {
namespace {

// x scaled to [0, 1] over the generation (all 0 when every value is the same).
std::vector<double> scaled_to_unit(const std::vector<double>& values) {
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  std::vector<double> scaled(values.size(), 0.0);
  if (values.empty() || !(*high > *low)) return scaled;
  for (std::size_t i = 0; i < values.size(); ++i) scaled[i] = (values[i] - *low) / (*high - *low);
  return scaled;
}

std::vector<double> fitnesses(const std::vector<Genome>& genomes) {
  std::vector<double> values;
  values.reserve(genomes.size());
  for (const Genome& genome : genomes) values.push_back(genome.fitness);
  return values;
}

std::vector<double> unconstrained_scores(const SelectionConfig& config, const std::vector<Genome>& genomes,
                                         const std::vector<double>& novelty) {
  switch (config.objective) {
    case SelectionObjective::fitness:
      return fitnesses(genomes);
    case SelectionObjective::novelty:
      return novelty;
    case SelectionObjective::blend: {
      const std::vector<double> fitness = scaled_to_unit(fitnesses(genomes));
      const std::vector<double> scaled_novelty = scaled_to_unit(novelty);
      std::vector<double> scores(genomes.size());
      for (std::size_t i = 0; i < genomes.size(); ++i)
        scores[i] = (1.0 - config.novelty_weight) * fitness[i] + config.novelty_weight * scaled_novelty[i];
      return scores;
    }
    case SelectionObjective::pareto:
      return crowded_scores(pareto_points(config, genomes, novelty));
  }
  return fitnesses(genomes);
}

}  // namespace

bool SelectionConfig::uses_novelty() const {
  if (objective == SelectionObjective::novelty || objective == SelectionObjective::blend) return true;
  return objective == SelectionObjective::pareto &&
         std::find(objectives.begin(), objectives.end(), ParetoObjective::novelty) != objectives.end();
}

std::size_t genome_parameter_count(const Genome& genome) {
  std::size_t count = genome.enabled_connection_count();
  for (const NodeGene& node : genome.nodes) count += is_source_only(node.kind) ? 0 : 1;
  if (genome.spatial) count += parameter_count(*genome.spatial);
  return count;
}

std::vector<bool> meets_minimal_criterion(const SelectionConfig& config, const std::vector<Genome>& genomes) {
  std::vector<bool> meets(genomes.size(), true);
  if (config.minimal_criterion)
    for (std::size_t i = 0; i < genomes.size(); ++i) meets[i] = genomes[i].fitness >= *config.minimal_criterion;
  return meets;
}

std::vector<ObjectiveVector> pareto_points(const SelectionConfig& config, const std::vector<Genome>& genomes,
                                           const std::vector<double>& novelty) {
  std::vector<ObjectiveVector> points(genomes.size());
  for (std::size_t i = 0; i < genomes.size(); ++i)
    for (ParetoObjective objective : config.objectives) switch (objective) {
        case ParetoObjective::fitness:
          points[i].push_back(genomes[i].fitness);
          break;
        case ParetoObjective::novelty:
          points[i].push_back(novelty.at(i));
          break;
        case ParetoObjective::parameters:
          points[i].push_back(-static_cast<double>(genome_parameter_count(genomes[i])));
          break;
      }
  return points;
}

std::vector<double> selection_scores(const SelectionConfig& config, const std::vector<Genome>& genomes,
                                     const std::vector<double>& novelty) {
  std::vector<double> scores = unconstrained_scores(config, genomes, novelty);
  const std::vector<bool> meets = meets_minimal_criterion(config, genomes);
  // Only scores that are never negative can take 0 as "lowest"; fitness may be negative.
  const double lowest = config.objective == SelectionObjective::fitness
                            ? std::min(0.0, *std::min_element(scores.begin(), scores.end()))
                            : 0.0;
  for (std::size_t i = 0; i < scores.size(); ++i)
    if (!meets[i]) scores[i] = lowest;
  return scores;
}

}  // namespace convneat
