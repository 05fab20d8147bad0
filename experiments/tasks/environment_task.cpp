#include "experiments/tasks/environment_task.hpp"

#include <algorithm>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include "experiments/tasks/environment_messages.hpp"
#include "experiments/tasks/worker_process.hpp"
#include "genome/random.hpp"

namespace convneat {
namespace {

struct EnvironmentSettings {
  std::string command;
  std::size_t episodes = 1;
  std::size_t max_steps = 1000;
  double timeout_seconds = 10.0;
  double target_return = std::numeric_limits<double>::max();  // never solved unless set
};

// How a worker takes its episodes (its spaces answer's optional "batch" and "encoding"): one
// at a time, or all of a genome's in lockstep; vectors as JSON arrays, or base64.
struct WorkerForm {
  bool batch = false;
  NumberEncoding encoding = NumberEncoding::json;
  bool operator==(const WorkerForm&) const = default;
};

WorkerForm worker_form(const nlohmann::json& spaces, const WorkerProcess& worker, const std::string& line) {
  WorkerForm form;
  if (spaces.contains("batch")) {
    if (!spaces["batch"].is_boolean())
      throw WorkerError(worker.name() + ": answered " + shown(line) +
                        " to \"spaces\"; \"batch\", when given, is true or false");
    form.batch = spaces["batch"].get<bool>();
  }
  if (spaces.contains("encoding")) {
    const nlohmann::json& encoding = spaces["encoding"];
    if (encoding != "json" && encoding != "base64")
      throw WorkerError(worker.name() + ": answered " + shown(line) +
                        " to \"spaces\"; \"encoding\", when given, is \"json\" or \"base64\"");
    form.encoding = encoding == "base64" ? NumberEncoding::base64 : NumberEncoding::json;
  }
  return form;
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
    const WorkerForm form = worker_form(spaces, *worker, line);
    const std::lock_guard lock(mutex_);
    if (observations_ == 0) {
      observations_ = observations;
      actions_ = actions;
      names_ = std::move(given_names);
      form_ = form;
    } else if (observations != observations_ || actions != actions_ || form != form_ || given_names != names_) {
      throw WorkerError(worker->name() + ": answered " + shown(line) + " to \"spaces\"; every worker must answer as "
                        "the first did: " + std::to_string(observations_) + " observations, " +
                        std::to_string(actions_) + " actions, batch " + (form_.batch ? "true" : "false") +
                        ", encoding \"" + (form_.encoding == NumberEncoding::base64 ? "base64" : "json") +
                        "\" and the same names");
    }
    return worker;
  }

  const EnvironmentSettings& settings() const { return settings_; }
  std::size_t observations() const { return observations_; }
  std::size_t actions() const { return actions_; }
  const NodeNames& names() const { return names_; }  // the first worker's
  const WorkerForm& form() const { return form_; }

 private:
  EnvironmentSettings settings_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<WorkerProcess>> idle_;
  std::size_t started_ = 0;
  std::size_t observations_ = 0, actions_ = 0;
  NodeNames names_;
  WorkerForm form_;
};

// The fields of a step_batch answer that may be long base64 strings.
constexpr const char* kBatchAnswerFields[] = {"observations", "rewards", "dones"};

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
    if (pool_->form().batch) {
      total = batch_return(network, *worker, context);
    } else {
      for (std::size_t episode = 0; episode < settings.episodes; ++episode)
        total += episode_return(network, *worker, context, episode);
    }
    pool_->give_back(std::move(worker));  // not reached when it failed: the failed one is killed
    const double mean = total / static_cast<double>(settings.episodes);
    return {mean, mean >= settings.target_return};
  }

 private:
  double episode_return(Network& network, WorkerProcess& worker, EvaluationContext& context,
                        std::size_t episode) const {
    const EnvironmentSettings& settings = pool_->settings();
    const NumberEncoding encoding = pool_->form().encoding;
    std::string line;
    const nlohmann::json reset = {{"type", "reset"}, {"seed", episode_seed(context, episode)}};
    std::vector<double> observation = numbers_field(ask(worker, reset, settings.timeout_seconds, line),
                                                    "observation", input_count(), encoding, worker, line);
    network.reset();
    std::vector<double> action(output_count());
    double total = 0.0;
    for (std::size_t step = 0; step < settings.max_steps; ++step) {
      context.deadline.check();
      network.activate(observation, action);
      const nlohmann::json request = {{"type", "step"}, {"action", encode_numbers(action, encoding)}};
      const nlohmann::json answer = ask(worker, request, settings.timeout_seconds, line);
      observation = numbers_field(answer, "observation", input_count(), encoding, worker, line);
      if (!answer.contains("reward") || !answer["reward"].is_number() || !answer.contains("done") ||
          !answer["done"].is_boolean())
        throw WorkerError(worker.name() + ": answered " + shown(line) +
                          " to \"step\"; expected \"reward\" (a number) and \"done\" (true or false) too");
      total += answer["reward"].get<double>();
      if (answer["done"].get<bool>()) break;
    }
    return total;
  }

  // Every episode of the genome at once: one reset_batch, then step_batch messages carrying
  // the actions of the episodes not yet done, in their order. The network computes all of them
  // in one activate_batch of a row per episode (each row its own state; rows of finished
  // episodes are computed on their last observation and ignored, so the rows' count — and with
  // it a recurrent network's state — stays put).
  double batch_return(Network& network, WorkerProcess& worker, EvaluationContext& context) const {
    const EnvironmentSettings& settings = pool_->settings();
    const NumberEncoding encoding = pool_->form().encoding;
    const std::size_t episodes = settings.episodes, inputs = input_count(), outputs = output_count();
    std::vector<std::uint64_t> seeds(episodes);
    for (std::size_t e = 0; e < episodes; ++e) seeds[e] = episode_seed(context, e);
    std::string line;
    const std::vector<double> first = numbers_field(ask(worker, {{"type", "reset_batch"}, {"seeds", seeds}},
                                                        settings.timeout_seconds, line),
                                                    "observations", episodes * inputs, encoding, worker, line);
    const auto at = [](std::size_t index) { return static_cast<Eigen::Index>(index); };
    Eigen::MatrixXd observations(at(episodes), at(inputs));
    for (std::size_t e = 0; e < episodes; ++e)
      for (std::size_t i = 0; i < inputs; ++i) observations(at(e), at(i)) = first[e * inputs + i];
    network.reset();
    std::vector<std::size_t> running(episodes);  // the episodes not yet done, in order
    for (std::size_t e = 0; e < episodes; ++e) running[e] = e;
    std::vector<double> returns(episodes, 0.0);
    std::vector<double> actions;
    for (std::size_t step = 0; step < settings.max_steps && !running.empty(); ++step) {
      context.deadline.check();
      const Eigen::MatrixXd all_actions = network.activate_batch(observations);
      actions.clear();
      for (std::size_t e : running)
        for (std::size_t o = 0; o < outputs; ++o) actions.push_back(all_actions(at(e), at(o)));
      const std::string request = request_line("step_batch", "actions", encode_numbers(actions, encoding));
      const nlohmann::json answer = ask(worker, request, settings.timeout_seconds, line, kBatchAnswerFields);
      const std::size_t count = running.size();
      const std::vector<double> seen = numbers_field(answer, "observations", count * inputs, encoding, worker, line);
      const std::vector<double> rewards = numbers_field(answer, "rewards", count, encoding, worker, line);
      const std::vector<bool> done = flags_field(answer, "dones", count, encoding, worker, line);
      std::vector<std::size_t> still;
      for (std::size_t k = 0; k < count; ++k) {
        for (std::size_t i = 0; i < inputs; ++i) observations(at(running[k]), at(i)) = seen[k * inputs + i];
        returns[running[k]] += rewards[k];
        if (!done[k]) still.push_back(running[k]);
      }
      running = std::move(still);
    }
    // Summed episode after episode, as one episode at a time sums them: the same fitness, to
    // the bit, in either form.
    double total = 0.0;
    for (double episode_total : returns) total += episode_total;
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
