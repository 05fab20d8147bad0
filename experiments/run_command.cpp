#include "experiments/run_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

#include <boost/program_options.hpp>

#include "experiments/config_file.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "genome/genome_json.hpp"
#include "neat/config_schema.hpp"
#include "neat/console_reporter.hpp"
#include "neat/population.hpp"
#include "neat/statistics_reporter.hpp"
#include "neat/tbb_evaluator.hpp"

namespace convneat {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

struct RunOptions {
  std::string config_path;
  std::vector<std::string> overrides;
  po::variables_map values;
};

po::options_description run_options() {
  po::options_description options("convneat run CONFIG [options]");
  options.add_options()("help,h", "show this help")("seed", po::value<std::uint64_t>(), "override /seed")(
      "threads", po::value<std::size_t>(), "override /evaluation/threads (0: every core)")(
      "out", po::value<std::string>(), "override /output/directory")(
      "generations", po::value<std::size_t>(), "override /stop/max_generations")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override one key, e.g. --set population.size=300 (repeatable)");
  return options;
}

// The task fixes the number of inputs and outputs; a config that says otherwise is wrong.
void fit_genome_to_task(NeatConfig& config, const nlohmann::json& document, const Task& task, const std::string& source) {
  auto check = [&](const char* pointer, std::size_t& field, std::size_t wanted) {
    if (document.contains(nlohmann::json::json_pointer(pointer)) && field != wanted)
      throw ConfigError(source + ": " + pointer + ": task \"" + task.name() + "\" needs " + std::to_string(wanted) +
                        ", got " + std::to_string(field));
    field = wanted;
  };
  check("/genome/num_inputs", config.genome.num_inputs, task.input_count());
  check("/genome/num_outputs", config.genome.num_outputs, task.output_count());
}

void apply_command_line(NeatConfig& config, const po::variables_map& values) {
  if (values.count("set"))
    for (const std::string& assignment : values["set"].as<std::vector<std::string>>()) {
      const auto equals = assignment.find('=');
      if (equals == std::string::npos) throw ConfigError("--set " + assignment + ": expected KEY=VALUE");
      apply_override(config, assignment.substr(0, equals), assignment.substr(equals + 1));
    }
  if (values.count("seed")) config.seed = values["seed"].as<std::uint64_t>();
  if (values.count("threads")) config.threads = values["threads"].as<std::size_t>();
  if (values.count("out")) config.output_directory = values["out"].as<std::string>();
  if (values.count("generations")) config.stop.max_generations = values["generations"].as<std::size_t>();
}

fs::path prepare_output_directory(const std::string& directory) {
  const fs::path path(directory);
  std::error_code error;
  fs::create_directories(path, error);
  if (error || !fs::is_directory(path))
    throw std::runtime_error(directory + ": cannot create the output directory: " + error.message());
  const fs::path probe = path / ".write-test";
  if (!std::ofstream(probe)) throw std::runtime_error(directory + ": output directory is not writable");
  fs::remove(probe, error);
  return path;
}

void write_json(const fs::path& path, const nlohmann::json& document) {
  const fs::path temporary = path.string() + ".tmp";
  {
    std::ofstream file(temporary);
    file << document.dump(2) << '\n';
    if (!file.flush()) throw std::runtime_error(temporary.string() + ": cannot write (disk full?)");
  }
  fs::rename(temporary, path);  // atomic: a reader never sees half a file
}

nlohmann::json champion_document(const RunResult& result, const NeatConfig& config) {
  return {{"format", "convneat-champion"},
          {"version", 1},
          {"task", config.task},
          {"feed_forward", config.genome.feed_forward},
          {"solved", result.solved},
          {"generations", result.generations},
          {"evaluations", result.evaluations},
          {"genome", genome_to_json(result.champion)}};
}

}  // namespace

int run_command(const std::vector<std::string>& arguments) {
  po::options_description options = run_options();
  po::options_description hidden;
  hidden.add_options()("config", po::value<std::string>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("config", 1);
  po::variables_map values;
  po::store(po::command_line_parser(arguments).options(all).positional(positional).run(), values);
  po::notify(values);
  if (values.count("help") || !values.count("config")) {
    std::cout << options << '\n';
    return values.count("help") ? 0 : 2;
  }

  const fs::path config_path(values["config"].as<std::string>());
  LoadedExperiment experiment = load_experiment(config_path);
  NeatConfig& config = experiment.config;
  apply_command_line(config, values);
  const auto task = make_task(config.task, config_path.filename().string());
  fit_genome_to_task(config, experiment.document, *task, config_path.filename().string());

  const fs::path out = prepare_output_directory(config.output_directory);
  write_json(out / "config.json", config_to_json(config));

  Population population(config);
  TbbEvaluator evaluator(*task, config.genome.feed_forward, config.seed, config.threads);
  ConsoleReporter console(std::cout);
  StatisticsReporter statistics(out, /*append=*/false);
  const RunResult result = population.run(evaluator, {&console, &statistics});

  write_json(out / "champion.json", champion_document(result, config));
  std::cout << "results written to " << fs::absolute(out).lexically_normal().string() << '\n';
  return 0;
}

}  // namespace convneat
