#include "neat/population.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <tuple>

#include "genome/genome_invariants.hpp"
#include "genome/genome_json.hpp"
#include "genome/initial_genome.hpp"
#include "genome/json_fields.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/node_layout.hpp"
#include "neat/offspring_allotment.hpp"
#include "neat/on_threads.hpp"
#include "neat/reproduction.hpp"
#include "neat/stagnation.hpp"
#include "neat/threshold_search.hpp"

namespace convneat {
namespace {

// A failed evaluation (the task threw, returned NaN/inf or ran past its time limit) gets the
// lowest fitness of its generation: the next double below min(0, the lowest valid fitness).
// It ranks strictly below every valid genome — so it is never the generation's best, a
// species' champion or the run's champion while a valid genome exists — and it shifts
// fitness sharing (negative fitness is shifted by the minimum) by one ulp at most.
// Returns how many genomes failed, for each reason.
std::map<std::string, std::size_t> apply_evaluations(std::vector<Genome>& genomes,
                                                     const std::vector<Evaluation>& results) {
  double lowest_valid = 0.0;
  for (const Evaluation& e : results)
    if (!e.failed) lowest_valid = std::min(lowest_valid, e.fitness);
  const double failed_fitness = std::nextafter(lowest_valid, -std::numeric_limits<double>::infinity());
  std::map<std::string, std::size_t> failures;
  for (std::size_t i = 0; i < genomes.size(); ++i) {
    genomes[i].fitness = results[i].failed ? failed_fitness : results[i].fitness;
    if (results[i].failed) ++failures[results[i].failure];
  }
  return failures;
}

// Gradient training's results (neat/evaluator.hpp): each trained genome takes the fitness it
// earned; in Lamarckian mode it replaces the population's own, so offspring inherit what was
// learned, while in Baldwinian mode it stays with its evaluation for the champion.
void adopt_trained(std::vector<Genome>& genomes, std::vector<Evaluation>& results, TrainingMode mode) {
  for (std::size_t i = 0; i < genomes.size(); ++i) {
    if (!results[i].trained) continue;
    results[i].trained->fitness = genomes[i].fitness;
    if (mode != TrainingMode::lamarckian) continue;
    genomes[i] = std::move(*results[i].trained);
    results[i].trained.reset();
  }
}

// A solving genome if there is one, then the highest fitness, then the lowest index.
std::size_t best_genome_index(const std::vector<Genome>& genomes, const std::vector<Evaluation>& results) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < genomes.size(); ++i) {
    const bool better_solved = results[i].solved && !results[best].solved;
    const bool same_class = results[i].solved == results[best].solved;
    if (better_solved || (same_class && genomes[i].fitness > genomes[best].fitness)) best = i;
  }
  return best;
}

std::pair<double, double> fitness_mean_and_stdev(const std::vector<Genome>& genomes) {
  double sum = 0.0, sum_squares = 0.0;
  for (const Genome& genome : genomes) sum += genome.fitness, sum_squares += genome.fitness * genome.fitness;
  const double count = static_cast<double>(genomes.size());
  const double mean = sum / count;
  return {mean, std::sqrt(std::max(0.0, sum_squares / count - mean * mean))};
}

std::vector<SpeciesSummary> summarise_species(const SpeciesSet& set, const std::vector<Genome>& genomes,
                                              std::size_t generation) {
  std::vector<SpeciesSummary> summary;
  for (const Species& s : set.species())
    summary.push_back({s.id, s.members.size(), best_member_fitness(s, genomes), generation - s.created_generation,
                       generation - s.last_improved_generation});
  return summary;
}

}  // namespace

Population::Population(NeatConfig config)
    : config_(std::move(config)),
      innovations_(make_innovation_policy(config_.innovation_policy, NodeLayout(config_.genome).first_free_node)),
      threshold_(config_.species.compatibility_threshold),
      archive_(config_.selection.novelty) {
  seed_population();
}

Population::Population(NeatConfig config, Restoring)
    : config_(std::move(config)),
      innovations_(make_innovation_policy(config_.innovation_policy, NodeLayout(config_.genome).first_free_node)),
      threshold_(config_.species.compatibility_threshold),
      archive_(config_.selection.novelty) {}

nlohmann::json Population::save_state(GeneLists lists) const {
  // Each genome's document in parallel: a checkpoint every generation waits for this.
  std::vector<nlohmann::json> documents(genomes_.size());
  on_threads(config_.threads, [&](auto for_each) {
    for_each(genomes_.size(), [&](std::size_t i) { documents[i] = genome_to_json(genomes_[i], lists); });
  });
  nlohmann::json genomes = nlohmann::json::array();
  for (nlohmann::json& document : documents) genomes.push_back(std::move(document));
  return {{"generation", generation_},
          {"next_genome_id", next_genome_id_},
          {"evaluations", evaluations_},
          {"scored_evaluations", scored_evaluations_},
          {"compatibility_threshold", threshold_},
          {"champion", champion_ ? genome_to_json(*champion_, lists) : nlohmann::json(nullptr)},
          {"champion_solved", champion_solved_},
          {"champion_score", champion_score_ ? nlohmann::json(*champion_score_) : nlohmann::json(nullptr)},
          {"evaluations_to_solve", evaluations_to_solve_ ? nlohmann::json(*evaluations_to_solve_) : nlohmann::json(nullptr)},
          {"genomes", genomes},
          {"species", species_.save_state(lists)},
          {"innovations", innovations_->save_state()},
          {"novelty_archive", archive_.save_state()}};
}

Population Population::restore(NeatConfig config, const nlohmann::json& state) {
  Population population(std::move(config), Restoring{});
  population.generation_ = field<std::size_t>(state, "generation", "/population");
  population.next_genome_id_ = field<GenomeId>(state, "next_genome_id", "/population");
  population.evaluations_ = field<std::uint64_t>(state, "evaluations", "/population");
  // Checkpoints written before failures were counted: take every evaluation as scored.
  population.scored_evaluations_ = state.contains("scored_evaluations")
                                       ? field<std::uint64_t>(state, "scored_evaluations", "/population")
                                       : population.evaluations_;
  population.threshold_ = state.at("compatibility_threshold").get<double>();
  if (!state.at("champion").is_null()) population.champion_ = genome_from_json(state.at("champion"));
  population.champion_solved_ = state.at("champion_solved").get<bool>();
  if (state.contains("champion_score") && !state.at("champion_score").is_null())  // older checkpoints lack it
    population.champion_score_ = state.at("champion_score").get<double>();
  if (!state.at("evaluations_to_solve").is_null())
    population.evaluations_to_solve_ =
        whole_number<std::uint64_t>(state.at("evaluations_to_solve"), "/population/evaluations_to_solve");
  for (const auto& genome : state.at("genomes")) population.genomes_.push_back(genome_from_json(genome));
  population.species_.load_state(state.at("species"));
  population.innovations_->load_state(state.at("innovations"));
  if (state.contains("novelty_archive"))  // checkpoints written before novelty search lack it
    population.archive_.load_state(state.at("novelty_archive"));
  population.check_restored_state();
  return population;
}

// A checkpoint passed its CRC, but it may still have been edited by hand: refuse any state
// the engine could not continue from, rather than read out of bounds later.
void Population::check_restored_state() const {
  if (genomes_.empty()) throw std::runtime_error("/population/genomes: empty");
  if (scored_evaluations_ > evaluations_)
    throw std::runtime_error("/population/scored_evaluations: more than /population/evaluations");
  std::vector<bool> assigned(genomes_.size(), false);
  std::uint64_t previous_id = 0;
  for (const Species& s : species_.species()) {
    // Ids order species oldest first (merging relies on it) and key distance memos.
    if (s.id <= previous_id || s.id >= species_.next_species_id())
      throw std::runtime_error("species " + std::to_string(s.id) + ": ids must increase and stay below "
                               "next_species_id (" + std::to_string(species_.next_species_id()) + ")");
    previous_id = s.id;
    if (s.members.empty()) throw std::runtime_error("species " + std::to_string(s.id) + " has no members");
    for (std::size_t member : s.members) {
      if (member >= genomes_.size() || assigned[member])
        throw std::runtime_error("species " + std::to_string(s.id) + ": bad member index " + std::to_string(member));
      assigned[member] = true;
    }
  }
  if (std::find(assigned.begin(), assigned.end(), false) != assigned.end())
    throw std::runtime_error("a genome belongs to no species");
  for (const Genome& genome : genomes_)
    if (const auto problems = invariant_violations(genome, config_.genome.feed_forward); !problems.empty())
      throw std::runtime_error("genome " + std::to_string(genome.id) + ": " + problems.front());
}

void Population::seed_population() {
  genomes_.clear();
  for (std::size_t i = 0; i < config_.population_size; ++i) {
    const GenomeId id = next_genome_id_++;
    RandomStream random(config_.seed, generation_, id, Purpose::initial_population);
    genomes_.push_back(make_initial_genome(id, config_.genome, *innovations_, random));
  }
  species_.clear();
  speciate();
}

void Population::speciate() {
  const ThresholdController& control = config_.species.threshold_controller;
  const bool searched = config_.species.dynamic_threshold && control.kind == ThresholdControl::search;
  DistanceMemo memo;  // the search's distances serve the speciation too
  if (searched)
    threshold_ = search_threshold(species_, genomes_, config_.genome,
                                  {control.target, control.minimum, config_.species.merge_species}, threshold_,
                                  generation_, memo);
  DistanceMemo* const searched_distances = searched ? &memo : nullptr;
  if (config_.species.merge_species) species_.merge_close_species(config_.genome, threshold_, searched_distances);
  species_.speciate(genomes_, config_.genome, threshold_, generation_, searched_distances);
  if (config_.species.dynamic_threshold && !searched)
    threshold_ = control.steer(threshold_, species_.species().size());
}

GenerationReport Population::evaluate(Evaluator& evaluator) {
  std::vector<Evaluation> results = evaluator.evaluate(genomes_, generation_);
  const bool champion_tested = evaluator.has_champion_test();
  if (champion_tested)  // success is the champion test's to decide
    for (Evaluation& result : results) result.solved = false;
  GenerationReport report;
  report.failures = apply_evaluations(genomes_, results);
  adopt_trained(genomes_, results, config_.training.mode);
  // What was scored: the trained copy in Baldwinian mode, else the genome itself.
  const auto what_was_scored = [&](std::size_t i) -> const Genome& {
    return results[i].trained ? *results[i].trained : genomes_[i];
  };
  for (const auto& [reason, count] : report.failures) report.failed_evaluations += count;
  evaluations_ += genomes_.size();
  scored_evaluations_ += genomes_.size() - report.failed_evaluations;

  std::size_t best = best_genome_index(genomes_, results);
  report.generation = generation_;
  report.best_fitness = genomes_[best].fitness;
  std::tie(report.mean_fitness, report.stdev_fitness) = fitness_mean_and_stdev(genomes_);
  report.solved = results[best].solved;
  report.best = what_was_scored(best);
  std::size_t candidate = best;  // the genome that may become the run's champion
  std::optional<double> selection_score;
  if (champion_tested) {
    const std::size_t tested = champion_test_target(best);
    report.champion_test = champion_tests_.test(evaluator, what_was_scored(tested));
    report.tested_genome = genomes_[tested].id;
    selection_score = report.champion_test->selection_score;
    if (report.champion_test->solved) report.solved = true;
    if (report.champion_test->solved || selection_score) candidate = tested;
  }
  report.evaluations = evaluations_;
  report.compatibility_threshold = threshold_;
  report.species = summarise_species(species_, genomes_, generation_);
  describe_selection(results, evaluator, report);
  update_champion(what_was_scored(candidate), report.solved, selection_score);
  if (report.solved && !evaluations_to_solve_) evaluations_to_solve_ = evaluations_;
  return report;
}

// The genome that takes this generation's champion test (the rule of the original NEAT
// pole-balancing code): the champion of the best species whose best fitness improved since
// its champion was last tested; when every species was tested, the overall best.
std::size_t Population::champion_test_target(std::size_t overall_best) {
  std::vector<Species*> ranked;
  for (Species& s : species_.species()) ranked.push_back(&s);
  std::stable_sort(ranked.begin(), ranked.end(), [&](const Species* a, const Species* b) {
    return best_member_fitness(*a, genomes_) > best_member_fitness(*b, genomes_);
  });
  for (Species* species : ranked) {
    const double best = best_member_fitness(*species, genomes_);
    if (!(best > species->tested_fitness)) continue;
    species->tested_fitness = best;
    std::size_t champion = species->members.front();
    for (std::size_t member : species->members)
      if (genomes_[member].fitness > genomes_[champion].fitness) champion = member;
    return champion;
  }
  return overall_best;
}

// A solving genome beats one that does not solve; otherwise the higher selection score wins
// when the task gives scores (a scored candidate also replaces an unscored champion from an
// older checkpoint), and the higher fitness when it does not. Ties keep the earlier champion.
void Population::update_champion(const Genome& candidate, bool solved, std::optional<double> selection_score) {
  bool better = false;
  if (!champion_) better = true;
  else if (solved != champion_solved_) better = solved;
  else if (selection_score) better = !champion_score_ || *selection_score > *champion_score_;
  else better = candidate.fitness > champion_->fitness;
  if (!better) return;
  champion_ = candidate;
  champion_solved_ = solved;
  champion_score_ = selection_score;
}

// The behaviours and novelty of the generation just evaluated (kept for advance()), and their
// figures for the report. Novelty is measured against the archive as it stood before this
// generation: advance() adds to it.
void Population::describe_selection(const std::vector<Evaluation>& results, const Evaluator& evaluator,
                                    GenerationReport& report) {
  const SelectionConfig& selection = config_.selection;
  behaviours_.clear();
  novelty_.clear();
  failed_.clear();
  for (const Evaluation& result : results) failed_.push_back(result.failed);
  if (selection.objective == SelectionObjective::fitness) return;
  SelectionSummary summary;
  if (selection.uses_novelty()) {
    const std::optional<BehaviourMetric> metric = evaluator.behaviour_metric();
    if (!metric) throw std::runtime_error("/selection/objective: novelty needs a task that describes behaviour");
    for (const Evaluation& result : results) behaviours_.push_back(result.behaviour);
    check_archive_fits();
    novelty_ = novelty_scores(behaviours_, archive_.behaviours(), selection.novelty.neighbours, *metric,
                              config_.threads);
    summary.mean_novelty = std::accumulate(novelty_.begin(), novelty_.end(), 0.0) / static_cast<double>(novelty_.size());
    summary.max_novelty = *std::max_element(novelty_.begin(), novelty_.end());
    summary.archive_size = archive_.behaviours().size();
    summary.archive_threshold = archive_.threshold();
  }
  if (selection.objective == SelectionObjective::pareto) summary.first_front_size = pareto_front().size();
  report.selection = summary;
}

// An archive read from a checkpoint must describe behaviour as this run's task does.
void Population::check_archive_fits() const {
  if (archive_.behaviours().empty()) return;
  const std::size_t archived = archive_.behaviours().front().size();
  for (const Behaviour& behaviour : behaviours_)
    if (!behaviour.empty() && behaviour.size() != archived)
      throw std::runtime_error("/population/novelty_archive: its behaviours have " + std::to_string(archived) +
                               " numbers, the task describes a genome with " + std::to_string(behaviour.size()));
}

std::vector<std::pair<std::size_t, ObjectiveVector>> Population::pareto_front() const {
  if (config_.selection.objective != SelectionObjective::pareto || failed_.size() != genomes_.size()) return {};
  const std::vector<ObjectiveVector> points = pareto_points(config_.selection, genomes_, novelty_);
  std::vector<std::pair<std::size_t, ObjectiveVector>> front;
  for (std::size_t i : first_front(points, in_the_running(config_.selection, genomes_, failed_)))
    front.emplace_back(i, points[i]);
  return front;
}

// From here to the end of reproduction a genome's `fitness` is what selection ranks it by
// (neat/selection.hpp); the task's fitness was reported and judged stagnation before. The
// archive takes this generation's behaviours now, so a checkpoint (always of the next
// generation) holds it as an uninterrupted run has it.
void Population::rank_for_selection() {
  const SelectionConfig& selection = config_.selection;
  if (selection.objective == SelectionObjective::fitness && !selection.minimal_criterion) return;
  if (failed_.size() != genomes_.size() || (selection.uses_novelty() && novelty_.size() != genomes_.size()))
    throw std::logic_error("Population::advance: this generation was not evaluated");
  const std::vector<bool> running = in_the_running(selection, genomes_, failed_);
  const std::vector<double> scores = selection_scores(selection, genomes_, novelty_, running);
  if (selection.uses_novelty())
    archive_.add_generation(selection.novelty, behaviours_, novelty_, running, genomes_, config_.seed, generation_);
  for (std::size_t i = 0; i < genomes_.size(); ++i) genomes_[i].fitness = scores[i];
}

std::optional<StopReason> Population::stop_reason(const GenerationReport& report) const {
  const StopConfig& stop = config_.stop;
  if (stop.stop_when_solved && report.solved) return StopReason::solved;
  if (stop.fitness_threshold && report.best_fitness >= *stop.fitness_threshold) return StopReason::fitness_threshold;
  if (generation_ + 1 >= stop.max_generations) return StopReason::max_generations;
  if (stop.max_evaluations > 0 && evaluations_ >= stop.max_evaluations) return StopReason::max_evaluations;
  return std::nullopt;
}

void Population::advance(const std::vector<Reporter*>& reporters, Evaluator* next) {
  std::vector<Species>& species = species_.species();
  record_species_fitness(species, genomes_, generation_);
  remove_stagnant_species(species, genomes_, config_.species, generation_);
  rank_for_selection();
  innovations_->begin_generation();
  if (species.empty()) {
    for (Reporter* reporter : reporters) reporter->on_extinction(generation_);
    if (config_.on_extinction == ExtinctionAction::stop)
      throw ExtinctionError("every species died out at generation " + std::to_string(generation_) +
                            " (set /population/on_extinction to \"reseed\" to start a new population instead)");
    ++generation_;
    seed_population();
    return;
  }
  const std::vector<std::size_t> allotment =
      allot_offspring(species_adjusted_fitness(species, genomes_), config_.population_size,
                      config_.reproduction.min_species_size);
  ReproductionContext context{config_, *innovations_, config_.seed, generation_, next_genome_id_, config_.threads};
  genomes_ = reproduce(genomes_, species, allotment, context);
  ++generation_;
  if (next != nullptr)
    next->prepare_while(genomes_, generation_, [this] { speciate(); });
  else
    speciate();
}

RunResult Population::run(Evaluator& evaluator, const std::vector<Reporter*>& reporters, double seconds_before,
                          const StopRequest* stop) {
  const auto start = std::chrono::steady_clock::now();
  while (true) {
    GenerationReport report = evaluate(evaluator);
    report.seconds = seconds_before + std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (Reporter* reporter : reporters) reporter->on_generation(report, *this);
    std::optional<StopReason> reason = stop_reason(report);
    if (!reason && stop != nullptr && stop->load() != 0) reason = StopReason::interrupted;
    if (reason) {
      RunResult result = finish(*reason);
      for (Reporter* reporter : reporters) reporter->on_finish(result, *this);
      return result;
    }
    advance(reporters, &evaluator);
    for (Reporter* reporter : reporters) reporter->on_advance(*this);
  }
}

RunResult Population::finish(StopReason reason) const {
  RunResult result;
  result.champion = *champion_;
  result.solved = champion_solved_;
  result.generations = generation_ + 1;
  result.evaluations = evaluations_;
  result.evaluations_to_solve = evaluations_to_solve_;
  result.scored_evaluations = scored_evaluations_;
  result.reason = reason;
  return result;
}

}  // namespace convneat
