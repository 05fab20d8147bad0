#include "experiments/eval_command.hpp"

#include <iostream>
#include <limits>

#include <boost/program_options.hpp>

#include "experiments/champion_file.hpp"
#include "experiments/command_line.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "neat/evaluator.hpp"

namespace convneat {
namespace {

namespace po = boost::program_options;

po::options_description eval_options() {
  po::options_description options(
      "usage: convneat eval CHAMPION.json|RUN_DIR [options]\n\n"
      "Evaluates a saved champion on its task (or another) and prints the figures.\n\noptions");
  options.add_options()("help,h", "show this help")("task", po::value<std::string>(),
                                                    "task name (default: the task the champion was evolved on)")(
      "seed", po::value<std::string>()->default_value("1"), "seed of the evaluation's random stream");
  return options;
}

}  // namespace

int eval_command(const std::vector<std::string>& arguments, const TaskRegistry& tasks) {
  const po::options_description visible = eval_options();
  const po::variables_map values = parse_command_line(arguments, visible, "champion");
  if (const auto exit_code = help_or_usage_exit(values, visible, values.count("champion") > 0)) return *exit_code;

  const std::uint64_t seed = whole_number_option("--seed", values["seed"].as<std::string>(), 0,
                                                 std::numeric_limits<std::uint64_t>::max());
  const Champion champion = load_champion(values["champion"].as<std::string>());
  nlohmann::json task_section = champion.task;
  if (values.count("task")) task_section = {{"name", values["task"].as<std::string>()}};
  const auto task = tasks.make(task_section, values.count("task") ? "--task" : values["champion"].as<std::string>());

  Genome genome = champion.genome;
  EvaluationSettings settings;  // training off: the champion file holds what was scored
  settings.phenotype = champion.phenotype;
  settings.seed = seed;
  const Evaluation evaluation = evaluate_genome(genome, *task, settings, 0);
  std::cout << "task " << task->name() << ", genome " << genome.id << " (" << genome.hidden_node_count()
            << " hidden nodes, " << genome.enabled_connection_count() << " enabled connections)\n";
  if (evaluation.failed) {
    std::cout << "evaluation failed: " << evaluation.failure << '\n';
    return 1;
  }
  std::cout << task->fitness_meaning() << ' ' << evaluation.fitness << '\n';
  bool solved = evaluation.solved;
  if (task->has_champion_test()) {
    const ChampionTestResult test = run_champion_test(genome, *task, champion.phenotype, ChampionTestScope::final);
    for (const auto& [name, value] : test.figures) std::cout << name << ' ' << value << '\n';
    solved = test.solved;
  }
  std::cout << (solved ? "solves the task\n" : "does not solve the task\n");
  return 0;
}

}  // namespace convneat
