#include "experiments/tasks/environment_task.hpp"

#include <algorithm>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

#include <nlohmann/json.hpp>

#include "experiments/tasks/worker_process.hpp"
#include "genome/message_excerpt.hpp"
#include "genome/random.hpp"

namespace convneat {
namespace {

// A worker's line as the messages show it: in JSON quotes, shortened when long.
std::string shown(const std::string& line) { return excerpt(nlohmann::json(line).dump()); }

struct EnvironmentSettings {
  std::string command;
  std::size_t episodes = 1;
  std::size_t max_steps = 1000;
  double timeout_seconds = 10.0;
  double target_return = std::numeric_limits<double>::max();  // never solved unless set
};

// What the worker answers, checked: a JSON object with `field` an array of `size` numbers.
std::vector<double> numbers_in(const nlohmann::json& answer, const char* field, std::size_t size,
                               const WorkerProcess& worker, const std::string& line) {
  const auto refuse = [&](const std::string& expected) -> WorkerError {
    return WorkerError(worker.name() + ": answered " + shown(line) + "; expected " + expected);
  };
  if (!answer.is_object() || !answer.contains(field) || !answer[field].is_array())
    throw refuse("an object with \"" + std::string(field) + "\", an array of " + std::to_string(size) + " numbers");
  const nlohmann::json& array = answer[field];
  if (array.size() != size) throw refuse("\"" + std::string(field) + "\" with " + std::to_string(size) + " numbers");
  std::vector<double> values;
  for (const nlohmann::json& value : array) {
    if (!value.is_number()) throw refuse("\"" + std::string(field) + "\" of numbers only");
    values.push_back(value.get<double>());
  }
  return values;
}

nlohmann::json ask(WorkerProcess& worker, const nlohmann::json& request, double timeout_seconds, std::string& line) {
  line = worker.exchange(request.dump(), std::chrono::duration<double>(timeout_seconds));
  nlohmann::json answer = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (answer.is_discarded()) throw WorkerError(worker.name() + ": answered " + shown(line) + ", which is not JSON");
  return answer;
}

// Idle workers, shared by the threads that evaluate. A worker is taken for one genome's
// episodes and given back only when they went well.
class WorkerPool {
 public:
  explicit WorkerPool(EnvironmentSettings settings) : settings_(std::move(settings)) {}

  std::unique_ptr<WorkerProcess> take() {
    {
      const std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        std::unique_ptr<WorkerProcess> worker = std::move(idle_.back());
        idle_.pop_back();
        return worker;
      }
    }
    return start();
  }

  void give_back(std::unique_ptr<WorkerProcess> worker) {
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(worker));
  }

  // Starts a worker and learns its spaces; the first one fixes them for the run.
  std::unique_ptr<WorkerProcess> start() {
    std::size_t number = 0;
    {
      const std::lock_guard lock(mutex_);
      number = ++started_;
    }
    auto worker = std::make_unique<WorkerProcess>(settings_.command, number);
    std::string line;
    const nlohmann::json spaces = ask(*worker, {{"type", "spaces"}}, settings_.timeout_seconds, line);
    const auto size = [&](const char* field) -> std::size_t {
      if (!spaces.is_object() || !spaces.contains(field) || !spaces[field].is_number_unsigned() ||
          spaces[field].get<std::uint64_t>() == 0 || spaces[field].get<std::uint64_t>() > 1000000)
        throw WorkerError(worker->name() + ": answered " + shown(line) +
                          " to \"spaces\"; expected {\"observations\": N, \"actions\": M}, whole numbers from 1 to 1000000");
      return spaces[field].get<std::size_t>();
    };
    const std::size_t observations = size("observations"), actions = size("actions");
    // Optional names, one per observation (action): the champion's drawing labels its nodes.
    const auto names = [&](const char* field, std::size_t count) -> std::vector<std::string> {
      if (!spaces.contains(field)) return {};
      const nlohmann::json& given = spaces[field];
      if (!given.is_array() || given.size() != count ||
          !std::ranges::all_of(given, [](const nlohmann::json& name) { return name.is_string(); }))
        throw WorkerError(worker->name() + ": answered " + shown(line) + " to \"spaces\"; \"" + field +
                          "\", when given, is a list of " + std::to_string(count) + " strings");
      return given.get<std::vector<std::string>>();
    };
    NodeNames given_names{names("observation_names", observations), names("action_names", actions)};
    const std::lock_guard lock(mutex_);
    if (observations_ == 0) {
      observations_ = observations;
      actions_ = actions;
      names_ = std::move(given_names);
    } else if (observations != observations_ || actions != actions_) {
      throw WorkerError(worker->name() + ": has " + std::to_string(observations) + " observations and " +
                        std::to_string(actions) + " actions; the first worker had " + std::to_string(observations_) +
                        " and " + std::to_string(actions_));
    }
    return worker;
  }

  const EnvironmentSettings& settings() const { return settings_; }
  std::size_t observations() const { return observations_; }
  std::size_t actions() const { return actions_; }
  const NodeNames& names() const { return names_; }  // the first worker's

 private:
  EnvironmentSettings settings_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<WorkerProcess>> idle_;
  std::size_t started_ = 0;
  std::size_t observations_ = 0, actions_ = 0;
  NodeNames names_;
};

// Episode e's seed: a function of the run's seed, the generation, the genome and e alone,
// below 2^53 so that every JSON reader holds it exactly.
std::uint64_t episode_seed(const EvaluationContext& context, std::size_t episode) {
  const std::uint64_t genome_seed = derive_seed(context.seed, context.generation, context.genome, Purpose::evaluation);
  return mix64(genome_seed ^ mix64(episode + 1)) & ((std::uint64_t{1} << 53) - 1);
}

class EnvironmentTask final : public Task {
 public:
  explicit EnvironmentTask(EnvironmentSettings settings) : pool_(std::make_unique<WorkerPool>(std::move(settings))) {
    pool_->give_back(pool_->start());  // a command that cannot start is a config error, before the run
  }

  std::string name() const override { return "environment"; }
  std::size_t input_count() const override { return pool_->observations(); }
  std::size_t output_count() const override { return pool_->actions(); }
  std::vector<std::string> input_names() const override { return pool_->names().inputs; }
  std::vector<std::string> output_names() const override { return pool_->names().outputs; }
  std::string fitness_meaning() const override { return "mean episode return"; }

  TaskResult evaluate(Network& network, EvaluationContext& context) const override {
    std::unique_ptr<WorkerProcess> worker = pool_->take();
    const EnvironmentSettings& settings = pool_->settings();
    double total = 0.0;
    for (std::size_t episode = 0; episode < settings.episodes; ++episode)
      total += episode_return(network, *worker, context, episode);
    pool_->give_back(std::move(worker));  // not reached when it failed: the failed one is killed
    const double mean = total / static_cast<double>(settings.episodes);
    return {mean, mean >= settings.target_return};
  }

 private:
  double episode_return(Network& network, WorkerProcess& worker, EvaluationContext& context,
                        std::size_t episode) const {
    const EnvironmentSettings& settings = pool_->settings();
    std::string line;
    const nlohmann::json reset = {{"type", "reset"}, {"seed", episode_seed(context, episode)}};
    std::vector<double> observation =
        numbers_in(ask(worker, reset, settings.timeout_seconds, line), "observation", input_count(), worker, line);
    network.reset();
    std::vector<double> action(output_count());
    double total = 0.0;
    for (std::size_t step = 0; step < settings.max_steps; ++step) {
      context.deadline.check();
      network.activate(observation, action);
      const nlohmann::json answer = ask(worker, {{"type", "step"}, {"action", action}}, settings.timeout_seconds, line);
      observation = numbers_in(answer, "observation", input_count(), worker, line);
      if (!answer.contains("reward") || !answer["reward"].is_number() || !answer.contains("done") ||
          !answer["done"].is_boolean())
        throw WorkerError(worker.name() + ": answered " + shown(line) +
                          " to \"step\"; expected \"reward\" (a number) and \"done\" (true or false) too");
      total += answer["reward"].get<double>();
      if (answer["done"].get<bool>()) break;
    }
    return total;
  }

  std::unique_ptr<WorkerPool> pool_;  // shared by the threads that call evaluate(), which is const
};

}  // namespace

TaskBuilder read_environment_task(TaskParameters& parameters) {
  EnvironmentSettings settings;
  settings.command = parameters.text("command", "the shell command that starts one worker (run by /bin/sh -c in the "
                                                "current directory), e.g. \"/usr/bin/python3 examples/cart_pole.py\"");
  settings.episodes =
      parameters.whole("episodes", 1, 1000000, settings.episodes, "episodes per genome; fitness is their mean return");
  settings.max_steps = parameters.whole("max_steps", 1, 1000000000, settings.max_steps, "steps after which an episode ends");
  settings.timeout_seconds = parameters.real("timeout_seconds", 0.001, 1e6, settings.timeout_seconds,
                                             "seconds a worker may take to answer one message");
  settings.target_return = parameters.real("target_return", -std::numeric_limits<double>::max(),
                                           std::numeric_limits<double>::max(), settings.target_return,
                                           "the run is solved by a genome whose mean return reaches this (the "
                                           "default, the largest double, means never)");
  return [settings] { return std::unique_ptr<Task>(std::make_unique<EnvironmentTask>(settings)); };
}

}  // namespace convneat
