#include "neat/selection.hpp"

#include <algorithm>

#include "genome/spatial/geometry.hpp"

namespace convneat {
namespace {

// x scaled to [0, 1] over the values given (all 0 when every value is the same).
std::vector<double> scaled_to_unit(const std::vector<double>& values) {
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  std::vector<double> scaled(values.size(), 0.0);
  if (values.empty() || !(*high > *low)) return scaled;
  for (std::size_t i = 0; i < values.size(); ++i) scaled[i] = (values[i] - *low) / (*high - *low);
  return scaled;
}

std::vector<std::size_t> indices_of(const std::vector<bool>& running) {
  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < running.size(); ++i)
    if (running[i]) indices.push_back(i);
  return indices;
}

template <class Value>
std::vector<Value> picked(const std::vector<Value>& values, const std::vector<std::size_t>& indices) {
  std::vector<Value> subset;
  subset.reserve(indices.size());
  for (std::size_t i : indices) subset.push_back(values.at(i));
  return subset;
}

std::vector<double> fitnesses(const std::vector<Genome>& genomes) {
  std::vector<double> values;
  values.reserve(genomes.size());
  for (const Genome& genome : genomes) values.push_back(genome.fitness);
  return values;
}

// The scores of the genomes in the running, in the order of `running`'s indices.
std::vector<double> running_scores(const SelectionConfig& config, const std::vector<Genome>& genomes,
                                   const std::vector<double>& novelty, const std::vector<std::size_t>& running) {
  switch (config.objective) {
    case SelectionObjective::fitness:
      return picked(fitnesses(genomes), running);
    case SelectionObjective::novelty:
      return picked(novelty, running);
    case SelectionObjective::blend: {
      const std::vector<double> fitness = scaled_to_unit(picked(fitnesses(genomes), running));
      const std::vector<double> scaled_novelty = scaled_to_unit(picked(novelty, running));
      std::vector<double> scores(running.size());
      for (std::size_t i = 0; i < running.size(); ++i)
        scores[i] = (1.0 - config.novelty_weight) * fitness[i] + config.novelty_weight * scaled_novelty[i];
      return scores;
    }
    case SelectionObjective::pareto:
      return crowded_scores(picked(pareto_points(config, genomes, novelty), running));
  }
  return {};
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

std::vector<bool> in_the_running(const SelectionConfig& config, const std::vector<Genome>& genomes,
                                 const std::vector<bool>& failed) {
  std::vector<bool> running(genomes.size());
  for (std::size_t i = 0; i < genomes.size(); ++i)
    running[i] = !failed.at(i) && (!config.minimal_criterion || genomes[i].fitness >= *config.minimal_criterion);
  return running;
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

std::vector<std::size_t> first_front(const std::vector<ObjectiveVector>& points, const std::vector<bool>& running) {
  const std::vector<std::size_t> indices = indices_of(running);
  const std::vector<std::size_t> fronts = pareto_fronts(picked(points, indices));
  std::vector<std::size_t> front;
  for (std::size_t k = 0; k < indices.size(); ++k)
    if (fronts[k] == 0) front.push_back(indices[k]);
  return front;
}

std::vector<double> selection_scores(const SelectionConfig& config, const std::vector<Genome>& genomes,
                                     const std::vector<double>& novelty, const std::vector<bool>& running) {
  const std::vector<std::size_t> indices = indices_of(running);
  const std::vector<double> ranked = running_scores(config, genomes, novelty, indices);
  // Only scores that are never negative can take 0 as "lowest"; fitness may be negative.
  double lowest = 0.0;
  if (config.objective == SelectionObjective::fitness)
    for (const Genome& genome : genomes) lowest = std::min(lowest, genome.fitness);
  std::vector<double> scores(genomes.size(), lowest);
  for (std::size_t k = 0; k < indices.size(); ++k) scores[indices[k]] = ranked[k];
  return scores;
}

}  // namespace convneat
