#pragma once
// What selection ranks genomes by (/selection/objective). NEAT's machinery — explicit fitness
// sharing, offspring allotment, the surviving fraction, elites, parents — ranks by one number
// per genome; this file makes that number from the task's fitness and the genome:
//   fitness — the task's fitness (NEAT as published; the default);
//   novelty — novelty alone (neat/novelty.hpp), Lehman & Stanley 2011;
//   blend   — (1 − w)·fitness + w·novelty, each first scaled to [0, 1] over the generation
//             (w = /selection/novelty_weight; Cuccu & Gomez 2011);
//   pareto  — NSGA-II's crowded ranking (neat/pareto.hpp) of /selection/objectives over the
//             whole generation.
// Speciation stays as it is for every choice: NSGA-II ranks inside NEAT, not instead of it, so
// species still protect new structure while the ranking decides who breeds. Stagnation is
// judged on the task's fitness alone (a species whose best fitness stops improving is removed
// after /species/max_stagnation generations whatever it scores), and the run's champion is the
// fittest genome as always. A minimal criterion (/selection/minimal_criterion; Lehman & Stanley
// 2010) gives every genome whose fitness is below it the lowest score and keeps it out of the
// novelty archive, under any objective; so does a failed evaluation.
#include <cstddef>
#include <optional>
#include <vector>

#include "genome/genome.hpp"
#include "genome/name_table.hpp"
#include "neat/novelty.hpp"
#include "neat/pareto.hpp"

namespace convneat {

enum class SelectionObjective { fitness, novelty, blend, pareto };

inline constexpr auto kSelectionObjectives = name_table<SelectionObjective>({
    {SelectionObjective::fitness, "fitness"},
    {SelectionObjective::novelty, "novelty"},
    {SelectionObjective::blend, "blend"},
    {SelectionObjective::pareto, "pareto"},
});

// The objectives NSGA-II may rank by. `parameters` is minimised: the genome's enabled connection
// weights, its hidden and output nodes' biases and its front end's parameters.
enum class ParetoObjective { fitness, novelty, parameters };

inline constexpr auto kParetoObjectives = name_table<ParetoObjective>({
    {ParetoObjective::fitness, "fitness"},
    {ParetoObjective::novelty, "novelty"},
    {ParetoObjective::parameters, "parameters"},
});

struct SelectionConfig {
  SelectionObjective objective = SelectionObjective::fitness;
  double novelty_weight = 0.5;  // blend
  std::vector<ParetoObjective> objectives{ParetoObjective::fitness, ParetoObjective::parameters};
  std::optional<double> minimal_criterion;
  NoveltySettings novelty;

  // Whether the run needs behaviour descriptors and novelty.
  bool uses_novelty() const;
};

// Enabled connection weights + hidden and output biases + the front end's parameters.
std::size_t genome_parameter_count(const Genome& genome);

// Which genomes selection ranks: those whose evaluation did not fail and that meet the minimal
// criterion (every one that did not fail, when there is none). The others score the lowest.
std::vector<bool> in_the_running(const SelectionConfig& config, const std::vector<Genome>& genomes,
                                 const std::vector<bool>& failed);

// Each genome's objective vector for NSGA-II, every entry to be maximised (parameters negated).
std::vector<ObjectiveVector> pareto_points(const SelectionConfig& config, const std::vector<Genome>& genomes,
                                           const std::vector<double>& novelty);

// Of the points (pareto_points) of the genomes in the running, those no other of them
// dominates, by index.
std::vector<std::size_t> first_front(const std::vector<ObjectiveVector>& points, const std::vector<bool>& running);

// The number selection ranks each genome by; `genomes` carry the task's fitness, `novelty` is
// empty unless uses_novelty(). Fitness and novelty are scaled (blend) and points ranked (pareto)
// among the genomes in the running alone; the rest score 0, or under the fitness objective
// min(0, the lowest fitness): at most the lowest score of all.
std::vector<double> selection_scores(const SelectionConfig& config, const std::vector<Genome>& genomes,
                                     const std::vector<double>& novelty, const std::vector<bool>& running);

}  // namespace convneat
