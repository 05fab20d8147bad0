#pragma once
// The population owns everything that changes during a run — genomes, species, the
// innovation record, id counters, the compatibility threshold — so two runs can share a
// process and a checkpoint can hold the whole state. One generation:
//   evaluate → report → stop? → stagnation → fitness sharing & allotment → reproduce → speciate
#include <memory>
#include <stdexcept>
#include <vector>

#include "genome/genome_json.hpp"
#include "genome/innovation/innovation_policy.hpp"
#include "neat/champion_test_memo.hpp"
#include "neat/config.hpp"
#include "neat/evaluator.hpp"
#include "neat/reporter.hpp"
#include "neat/species.hpp"
#include "neat/stop_request.hpp"

namespace convneat {

class ExtinctionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Population {
 public:
  explicit Population(NeatConfig config);

  // Everything that changes during a run, for checkpoints: restore(config, save_state())
  // continues bit-exactly where this population stands.
  // `lists`: how genomes' gene lists are written (genome/genome_json.hpp).
  nlohmann::json save_state(GeneLists lists = GeneLists::objects) const;
  static Population restore(NeatConfig config, const nlohmann::json& state);

  // Runs until a stopping rule holds, or — after the generation in hand, when no rule holds —
  // until `stop` is set (StopReason::interrupted). Throws ExtinctionError when every species
  // dies and the config says to stop. `seconds_before` is wall time spent before a resume.
  RunResult run(Evaluator& evaluator, const std::vector<Reporter*>& reporters = {}, double seconds_before = 0.0,
                const StopRequest* stop = nullptr);

  // The steps of run(), for callers that drive generations themselves.
  GenerationReport evaluate(Evaluator& evaluator);
  std::optional<StopReason> stop_reason(const GenerationReport& report) const;
  // Reproduction and speciation: afterwards the population is the next, unevaluated generation.
  // `next`: the evaluator that will evaluate it, which may prepare that while the new generation
  // is speciated (Evaluator::prepare_while).
  void advance(const std::vector<Reporter*>& reporters = {}, Evaluator* next = nullptr);

  const NeatConfig& config() const { return config_; }
  const std::vector<Genome>& genomes() const { return genomes_; }
  const SpeciesSet& species() const { return species_; }
  const InnovationPolicy& innovations() const { return *innovations_; }
  std::size_t generation() const { return generation_; }
  std::uint64_t evaluations() const { return evaluations_; }
  std::uint64_t scored_evaluations() const { return scored_evaluations_; }
  double compatibility_threshold() const { return threshold_; }
  const std::optional<Genome>& champion() const { return champion_; }
  const NoveltyArchive& novelty_archive() const { return archive_; }
  // The evaluated generation's novelty (empty unless the selection uses it), and its
  // non-dominated genomes under /selection/objectives (pareto only): index and objectives.
  const std::vector<double>& novelty() const { return novelty_; }
  std::vector<std::pair<std::size_t, ObjectiveVector>> pareto_front() const;

 private:
  struct Restoring {};
  Population(NeatConfig config, Restoring);
  void seed_population();
  void check_restored_state() const;
  void speciate();
  void describe_selection(const std::vector<Evaluation>& results, const Evaluator& evaluator,
                          GenerationReport& report);
  void check_archive_fits() const;
  void rank_for_selection();
  void update_champion(const Genome& candidate, bool solved, std::optional<double> selection_score);
  std::size_t champion_test_target(std::size_t overall_best);
  RunResult finish(StopReason reason) const;

  NeatConfig config_;
  std::unique_ptr<InnovationPolicy> innovations_;
  std::vector<Genome> genomes_;
  SpeciesSet species_;
  std::size_t generation_ = 0;
  GenomeId next_genome_id_ = 0;
  std::uint64_t evaluations_ = 0;
  std::uint64_t scored_evaluations_ = 0;  // evaluations that did not fail
  double threshold_;
  std::optional<Genome> champion_;
  bool champion_solved_ = false;
  std::optional<double> champion_score_;  // the champion's selection score, when its task gives one
  ChampionTestMemo champion_tests_;
  std::optional<std::uint64_t> evaluations_to_solve_;
  NoveltyArchive archive_;
  // Of the generation evaluated last, for advance(): not in checkpoints, which always hold a
  // generation still to be evaluated.
  std::vector<Behaviour> behaviours_;
  std::vector<double> novelty_;
  std::vector<bool> failed_;
};

}  // namespace convneat
