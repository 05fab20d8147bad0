#include "experiments/compare/single_run.hpp"

#include <chrono>
#include <numeric>

#include "experiments/champion_file.hpp"
#include "experiments/pareto_front_file.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "neat/population.hpp"
#include "neat/statistics_reporter.hpp"
#include "neat/tbb_evaluator.hpp"

namespace convneat::compare {
namespace {

// Species per generation, and the last generation's figures, for runs that end by
// extinction (no RunResult then).
// Tells `progress` (when set) how many generations are done.
class SpeciesCurveReporter final : public Reporter {
 public:
  explicit SpeciesCurveReporter(const std::function<void(std::size_t)>& progress) : progress_(progress) {}
  void on_generation(const GenerationReport& report, const Population&) override {
    curve.push_back(report.species.size());
    evaluations = report.evaluations;
    if (progress_) progress_(report.generation + 1);
  }
  std::vector<std::size_t> curve;
  std::uint64_t evaluations = 0;

 private:
  const std::function<void(std::size_t)>& progress_;
};


// Fills the champion's columns; returns its final test (the run's champion — by default the
// best on validation, /task/champion_selection — on the test split), when the task has one.
std::optional<ChampionTestResult> describe_champion(RunRecord& record, const Genome& champion, Evaluator& evaluator) {
  record.champion_fitness = champion.fitness;
  record.champion_nodes = champion.nodes.size();
  record.champion_hidden_nodes = champion.hidden_node_count();
  record.champion_connections = champion.enabled_connection_count();
  record.champion_parameters = genome_parameter_count(champion);
  if (!evaluator.has_champion_test()) return std::nullopt;
  ChampionTestResult test = evaluator.test_champion(champion, ChampionTestScope::final);
  if (auto found = test.figures.find("test_accuracy"); found != test.figures.end())
    record.champion_test_accuracy = found->second;
  return test;
}

// An empty folder for the run's files, whatever an interrupted earlier attempt left there.
void claim_folder(const std::filesystem::path& folder) {
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
}

}  // namespace

std::optional<RunRecord> execute_run(const NeatConfig& config, const RunKey& key, const std::filesystem::path& folder,
                                     const StopRequest* stop, const TaskRegistry& tasks,
                                     const std::function<void(std::size_t)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  const auto task = tasks.make(config.task, "config");
  TbbEvaluator evaluator(*task, evaluation_settings(config));
  Population population(config);
  claim_folder(folder);
  StatisticsReporter statistics(folder, 0, std::nullopt, config.selection.objective != SelectionObjective::fitness);
  SpeciesCurveReporter curve(progress);
  RunRecord record;
  record.key = key;
  try {
    const RunResult result = population.run(evaluator, {&statistics, &curve}, 0.0, stop);
    if (result.reason == StopReason::interrupted) return std::nullopt;
    record.solved = result.solved;
    record.evaluations_to_solve = result.evaluations_to_solve;
    record.generations = result.generations;
    record.evaluations = result.evaluations;
    record.stop_reason = std::string(stop_reason_identifier(result.reason));  // an identifier: a CSV value
    const std::optional<ChampionTestResult> test = describe_champion(record, result.champion, evaluator);
    if (result.scored_evaluations > 0) write_champion(folder, result, config, node_names(*task), test);  // as `run`
    if (config.selection.objective == SelectionObjective::pareto) write_pareto_front(folder / kParetoFrontFile, population);
  } catch (const ExtinctionError&) {  // /population/on_extinction = stop: an unsolved run
    record.generations = curve.curve.size();
    record.evaluations = curve.evaluations;
    record.stop_reason = "extinction";
    if (population.champion())
      write_champion(folder, champion_so_far(population), config, node_names(*task),
                     describe_champion(record, *population.champion(), evaluator));
  }
  record.species_curve = std::move(curve.curve);
  record.final_species = record.species_curve.empty() ? 0 : record.species_curve.back();
  if (!record.species_curve.empty())
    record.mean_species = std::accumulate(record.species_curve.begin(), record.species_curve.end(), 0.0) /
                          static_cast<double>(record.species_curve.size());
  record.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return record;
}

std::filesystem::path run_folder(const std::filesystem::path& output, const RunKey& key) {
  return output / "runs" / key.task / key.variant / ("seed-" + std::to_string(key.seed));
}

}  // namespace convneat::compare
