#include "experiments/train_command.hpp"

#include <filesystem>
#include <iostream>
#include <limits>

#include <boost/program_options.hpp>

#include "experiments/champion_file.hpp"
#include "experiments/command_line.hpp"
#include "experiments/config_file.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "genome/genome_json.hpp"
#include "neat/atomic_file.hpp"
#include "neat/config_document.hpp"
#include "neat/evaluator.hpp"
#include "neat/software_version.hpp"
#include "training/genome_training.hpp"

namespace convneat {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr std::uint64_t kMostSteps = 100'000'000;

po::options_description train_options() {
  po::options_description options(
      "usage: convneat train CHAMPION.json|RUN_DIR --out FILE [options]\n\n"
      "Fine-tunes a champion by gradient on its task's training split and writes the trained\n"
      "champion. The optimiser's settings are the config's /training keys (docs/training.md),\n"
      "as the run's config.json beside the champion has them, else the defaults; a cosine\n"
      "/training/schedule anneals the rate over --steps:\n"
      "  --set training.learning_rate=0.003 --set training.optimiser=sgd --set genome.weight_limit=8\n\noptions");
  options.add_options()("help,h", "show this help")("out,o", po::value<std::string>(), "the trained champion file to write")(
      "steps", po::value<std::string>()->default_value("1000"), "optimiser steps")(
      "report-every", po::value<std::string>()->default_value("100"),
      "print the loss and the task's figures every this many steps")(
      "seed", po::value<std::string>()->default_value("1"), "seed of the mini-batches' random stream")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "KEY=VALUE: a /training key (but steps and mode), or genome.weight_limit (repeatable); "
      "over the run's config.json beside the champion, else the defaults");
  return options;
}

// The run's resolved config (config.json beside the champion), or the defaults when there is
// none: its /training keys and its weight limit are where the optimiser starts.
NeatConfig base_config(const std::string& given) {
  std::error_code error;
  const fs::path folder = fs::is_directory(given, error) ? fs::path(given) : fs::path(given).parent_path();
  const fs::path run_config = (folder.empty() ? fs::path(".") : folder) / "config.json";
  if (!fs::exists(run_config, error)) {
    std::cout << "no config.json beside the champion: the default /training settings and weight limit\n";
    return NeatConfig{};
  }
  std::cout << "/training settings and weight limit from " << run_config.string() << '\n';
  return load_experiment(run_config).config;
}

// The base config with the --set assignments over it: the optimiser's settings.
NeatConfig config_from(const po::variables_map& values) {
  NeatConfig config = base_config(values["champion"].as<std::string>());
  if (values.count("set"))
    for (const std::string& assignment : values["set"].as<std::vector<std::string>>()) {
      const auto equals = assignment.find('=');
      if (equals == std::string::npos) throw ConfigError("--set " + excerpt(assignment) + ": expected KEY=VALUE");
      const std::string pointer = to_json_pointer(assignment.substr(0, equals));
      if (!pointer.starts_with("/training/") && pointer != "/genome/weight_limit")
        throw ConfigError("--set " + excerpt(assignment) + ": train takes /training keys and genome.weight_limit only");
      if (pointer == "/training/steps" || pointer == "/training/mode")
        throw ConfigError("--set " + excerpt(assignment) + ": train takes its steps from --steps and always writes the "
                          "trained values; leave " + pointer + " out");
      apply_override(config, pointer, assignment.substr(equals + 1));
    }
  config.training.mode = TrainingMode::lamarckian;
  return config;
}

void refuse_replacing(const fs::path& out, const std::string& given) {
  std::error_code error;
  const fs::path source = fs::is_directory(given, error) ? fs::path(given) / "champion.json" : fs::path(given);
  if (fs::exists(out, error) && fs::equivalent(out, source, error))
    throw ConfigError("--out " + excerpt(out.string()) +
                      ": is the champion being trained; write the trained one elsewhere");
}

// "step 100  loss 0.31  test_accuracy 0.97  validation_accuracy 0.96": the loss of the last
// step's mini-batch, and the figures of the genome as trained so far.
void report(const std::string& when, const Genome& genome, const Phenotype& phenotype, const Task& task) {
  std::cout << when;
  if (task.has_champion_test())
    for (const auto& [name, value] : run_champion_test(genome, task, phenotype, ChampionTestScope::final).figures)
      std::cout << "  " << name << ' ' << value;
  std::cout << std::endl;
}

}  // namespace

int train_command(const std::vector<std::string>& arguments, const TaskRegistry& tasks) {
  const po::options_description visible = train_options();
  const po::variables_map values = parse_command_line(arguments, visible, "champion");
  if (const auto exit_code = help_or_usage_exit(values, visible, values.count("champion") && values.count("out")))
    return *exit_code;
  const std::uint64_t steps = whole_number_option("--steps", values["steps"].as<std::string>(), 1, kMostSteps);
  const std::uint64_t every =
      whole_number_option("--report-every", values["report-every"].as<std::string>(), 1, kMostSteps);
  const std::uint64_t seed = whole_number_option("--seed", values["seed"].as<std::string>(), 0,
                                                 std::numeric_limits<std::uint64_t>::max());
  const NeatConfig config = config_from(values);
  TrainingSettings settings = evaluation_settings(config).training;
  const fs::path out = values["out"].as<std::string>();
  refuse_replacing(out, values["champion"].as<std::string>());
  const Champion champion = load_champion(values["champion"].as<std::string>());
  const auto task = tasks.make(champion.task, "the champion's /task");
  const TrainingObjective* objective = task->training_objective();
  if (objective == nullptr)
    throw ConfigError("train: task \"" + task->name() +
                      "\" has no differentiable loss, so its champions cannot be trained");
  check_augmentation_fits(settings.augmentation, *objective, "train");
  check_dropout_fits(settings.dropout, champion.genome.spatial.has_value(), "train");
  if (!champion.phenotype.feed_forward || champion.phenotype.network.kind != NetworkKind::graph)
    throw ConfigError("train: the champion is " + phenotype_name(champion.phenotype) +
                      "; training needs a feed-forward graph one");

  settings.dense_layers = champion.phenotype.network.dense_layers;  // trained as it was scored
  RandomStream random(seed, 0, champion.genome.id, Purpose::training);
  GenomeTrainer trainer(champion.genome, *objective, settings, random);
  if (trainer.parameter_count() == 0)
    throw ConfigError("train: the /training switches (graph, kernels, biases, normalisation, centroids, shapes; from "
                      "the run's config.json and --set) leave no value of this champion to train");
  report("before training", champion.genome, champion.phenotype, *task);
  std::size_t taken = 0;
  while (taken < steps) {
    // A /training/schedule spreads over these steps as a run's spreads over its generations.
    trainer.set_learning_rate(scheduled_learning_rate(settings.optimiser.learning_rate, settings.schedule,
                                                      static_cast<double>(taken) / static_cast<double>(steps)));
    const std::optional<double> loss = trainer.step();
    if (!loss) {
      std::cout << "step " << taken + 1 << ": the loss or its gradient is not finite; training ends here\n";
      break;
    }
    ++taken;
    if (taken % every == 0 || taken == steps)
      report("step " + std::to_string(taken) + "  loss " + std::to_string(*loss), trainer.trained(),
             champion.phenotype, *task);
  }
  nlohmann::json document = champion.document;
  document["genome"] = genome_to_json(trainer.trained());
  document["software"] = software_document();  // what wrote this file (the run's is replaced)
  nlohmann::json used = config_to_json(config);
  used["training"].erase("mode");   // train always writes the trained values
  used["training"].erase("steps");  // --steps, recorded as the steps taken
  document["trained"] = {{"steps", taken}, {"seed", seed}, {"training", used["training"]},
                         {"weight_limit", used["genome"]["weight_limit"]}};
  write_file_atomically(out, document.dump(2) + "\n");
  std::cout << "trained champion written to " << out.string() << '\n';
  return 0;
}

}  // namespace convneat
