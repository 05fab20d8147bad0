// The environment task: worker processes speaking line-based JSON (docs/environments.md). A
// tiny shell environment and the shipped Python cart-pole run through it; a run is the same for
// 1 and 2 threads; a worker that dies, hangs or answers garbage fails the genome it had, with
// a message naming it, and is replaced.
#include <catch2/catch.hpp>

#include <cmath>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "experiments/tasks/environment_messages.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "experiments/tasks/worker_process.hpp"
#include "nets/compile_network.hpp"
#include "test_support.hpp"

using namespace convneat;
using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

// One observation (always 0), one action; every step ends the episode with reward 1 + action.
const std::string kShellEnvironment = R"(while read -r line; do
  case "$line" in
    *spaces*) echo '{"observations": 1, "actions": 1}' ;;
    *reset*) echo '{"observation": [0]}' ;;
    *step*) action=${line#*[}; action=${action%%]*}; echo "{\"observation\": [0], \"reward\": 1, \"done\": true, \"echo\": $action}" ;;
  esac
done)";

// A network whose one output is its bias: the action it takes.
std::unique_ptr<Network> constant_network(double action) {
  return compile_network(make_genome({input(0), output(1, Activation::identity, action)}, {}), true);
}

TaskResult evaluate_once(const Task& task, Network& network, std::uint64_t genome = 1) {
  RandomStream random(1, 0, genome, Purpose::evaluation);
  EvaluationContext context{1, 0, genome, random};
  return task.evaluate(network, context);
}

// A batch worker in POSIX shell that answers spaces, reset_batch and step_batch with these lines.
std::string batch_worker(const std::string& spaces, const std::string& reset, const std::string& step = "{}") {
  return "while read -r line; do\n  case \"$line\" in\n    *spaces*) echo '" + spaces + "' ;;\n    *reset_batch*) echo '" +
         reset + "' ;;\n    *step_batch*) echo '" + step + "' ;;\n  esac\ndone";
}

std::unique_ptr<Task> environment(const std::string& command, nlohmann::json extra = nlohmann::json::object()) {
  extra["name"] = "environment";
  extra["command"] = command;
  return make_task(extra, "test.json");
}

}  // namespace

TEST_CASE("a shell environment is asked its spaces and stepped through its episodes") {
  const auto task = environment(kShellEnvironment, {{"episodes", 3}});
  CHECK(task->input_count() == 1);
  CHECK(task->output_count() == 1);
  auto network = constant_network(0.0);
  const TaskResult result = evaluate_once(*task, *network);
  CHECK(result.fitness == 1.0);  // one step of reward 1 per episode, averaged over 3
  CHECK_FALSE(result.solved);
  const auto solvable = environment(kShellEnvironment, {{"target_return", 1.0}});
  CHECK(evaluate_once(*solvable, *network).solved);
}

TEST_CASE("an environment may name its observations and actions, and a wrong list of names is refused") {
  const std::string named = R"(read -r line; echo '{"observations": 2, "actions": 1, "observation_names": ["x", "v"], "action_names": ["push"]}')";
  CHECK(node_names(*environment(named)) == NodeNames{{"x", "v"}, {"push"}});
  CHECK(node_names(*environment(kShellEnvironment)).empty());  // names are optional
  CHECK_THROWS_WITH(environment(R"(read -r line; echo '{"observations": 2, "actions": 1, "observation_names": ["x"]}')"),
                    Catch::Contains("\"observation_names\", when given, is a list of 2 strings"));
}

TEST_CASE("an environment worker that cannot start, or answers nonsense to spaces, is a config error") {
  CHECK_THROWS_WITH(environment("exit 3"),
                    Catch::StartsWith("test.json: /task: task \"environment\" cannot be made: environment worker 1 (pid ") &&
                        Catch::Contains("exited with status 3"));
  CHECK_THROWS_WITH(environment("read -r line; echo '{\"observations\": 0, \"actions\": 1}'"),
                    Catch::Contains("to \"spaces\"; expected {\"observations\": N, \"actions\": M}"));
  CHECK_THROWS_WITH(make_task({{"name", "environment"}}, "test.json"),
                    "test.json: /task/command: expected a non-empty string, got null");
}

TEST_CASE("a worker that dies, hangs or answers garbage fails its genome by name and is replaced") {
  // Answers spaces and one reset, then does what each case says.
  const auto after_reset = [](const std::string& then) {
    return "read -r line; echo '{\"observations\": 1, \"actions\": 1}'; read -r line; echo '{\"observation\": [0]}'; "
           "read -r line; " + then + "; " + kShellEnvironment;
  };
  struct Case {
    std::string then, message;
  };
  const Case which = GENERATE(Case{"exit 7", "exited with status 7 before answering"},
                              Case{"sleep 30", "no answer within 2 s (/task/timeout_seconds)"},
                              Case{"echo 'not json'", "answered \"not json\", which is not JSON"},
                              Case{"echo '{\"observation\": [1, 2], \"reward\": 0, \"done\": true}'",
                                   "expected \"observation\", an array of 1 numbers"},
                              Case{"echo '{\"observation\": [1]}'", "expected \"reward\" (a number) and \"done\""});
  INFO(which.then);
  const auto task = environment(after_reset(which.then), {{"timeout_seconds", 2.0}});
  auto network = constant_network(0.0);
  CHECK_THROWS_WITH(evaluate_once(*task, *network),
                    Catch::StartsWith("environment worker 1 (pid ") && Catch::Contains(which.message));
  // The failed worker was dropped: a fresh one (answering as the shell environment does once
  // its scripted start is over) serves the next genome.
  CHECK_THROWS_WITH(evaluate_once(*task, *network),  // worker 2 runs the same script
                    Catch::StartsWith("environment worker 2 (pid ") && Catch::Contains(which.message));
}

TEST_CASE("a batch worker takes a genome's episodes in lockstep, JSON or base64, and is checked as strictly") {
  // Episodes of one step each: every observation 0, rewards 1, 2 and 3, all done at once.
  const std::string json_batch =
      batch_worker(R"({"observations": 1, "actions": 1, "batch": true})", R"({"observations": [0, 0, 0]})",
                   R"({"observations": [0, 0, 0], "rewards": [1, 2, 3], "dones": [true, true, true]})");
  auto network = constant_network(0.0);
  CHECK(evaluate_once(*environment(json_batch, {{"episodes", 3}}), *network).fitness == 2.0);  // (1 + 2 + 3) / 3
  // base64: observations [0] × 2, rewards [1.5, 2.5], dones [1, 1].
  const std::string base64_batch = batch_worker(
      R"({"observations": 1, "actions": 1, "batch": true, "encoding": "base64"})",
      R"({"observations": "AAAAAAAAAAAAAAAAAAAAAA=="})",
      R"({"observations": "AAAAAAAAAAAAAAAAAAAAAA==", "rewards": "AAAAAAAA+D8AAAAAAAAEQA==", "dones": "AQE="})");
  CHECK(evaluate_once(*environment(base64_batch, {{"episodes", 2}}), *network).fitness == 2.0);
  // The same worker asked for 3 episodes answers 2: refused by name.
  CHECK_THROWS_WITH(evaluate_once(*environment(base64_batch, {{"episodes", 3}}), *network),
                    Catch::StartsWith("environment worker 1 (pid ") &&
                        Catch::Contains("expected \"observations\", base64 of 3 float64 values"));
  CHECK_THROWS_WITH(environment(R"(read -r line; echo '{"observations": 1, "actions": 1, "encoding": "hex"}')"),
                    Catch::Contains("\"encoding\", when given, is \"json\" or \"base64\""));
}

TEST_CASE("a batch sums each episode's rewards as one episode at a time does, episodes ending at different steps") {
  if (!fs::exists("/usr/bin/python3")) {
    WARN("no /usr/bin/python3: skipped");
    return;
  }
  // Episode of seed s: (s % 5) + 1 steps, each rewarded (s % 7 + 1) / 3 — fractions whose sums
  // round differently in another order.
  const ScratchDirectory scratch("environment-fractions");
  write_text(scratch / "fractions.py", R"(import json, sys
batch = "--batch" in sys.argv
for line in sys.stdin:
    m = json.loads(line)
    if m["type"] == "spaces":
        a = {"observations": 1, "actions": 1, "batch": batch}
    elif m["type"] == "reset":
        seed, step = m["seed"], 0
        a = {"observation": [0.0]}
    elif m["type"] == "step":
        step += 1
        a = {"observation": [0.0], "reward": (seed % 7 + 1) / 3, "done": step == seed % 5 + 1}
    elif m["type"] == "reset_batch":
        running = [[s, 0] for s in m["seeds"]]
        a = {"observations": [0.0] * len(running)}
    else:
        assert len(m["actions"]) == len(running)
        for r in running:
            r[1] += 1
        a = {"observations": [0.0] * len(running), "rewards": [(s % 7 + 1) / 3 for s, _ in running],
             "dones": [t == s % 5 + 1 for s, t in running]}
        running = [r for r in running if r[1] != r[0] % 5 + 1]
    print(json.dumps(a), flush=True)
)");
  const std::string worker = "/usr/bin/python3 " + quoted(scratch / "fractions.py");
  const auto plain = environment(worker, {{"episodes", 9}});
  const auto batch = environment(worker + " --batch", {{"episodes", 9}});
  auto network = constant_network(0.0);
  for (std::uint64_t genome : {1, 2, 3, 4}) {
    const double fitness = evaluate_once(*plain, *network, genome).fitness;
    CHECK(evaluate_once(*batch, *network, genome).fitness == fitness);  // to the bit
    CHECK(fitness != std::round(fitness));  // fractions indeed
  }
}

TEST_CASE("base64 numbers must be finite, as JSON numbers are") {
  const std::string nan_observation = batch_worker(
      R"({"observations": 1, "actions": 1, "batch": true, "encoding": "base64"})", R"({"observations": "AAAAAAAA+H8="})");
  auto network = constant_network(0.0);
  CHECK_THROWS_WITH(evaluate_once(*environment(nan_observation), *network),
                    Catch::Contains("expected \"observations\", finite float64 values (value 0 is nan)"));
}

TEST_CASE("a worker that answers spaces unlike the first is refused by name") {
  // Worker 1 answers plainly, then exits at its first reset; worker 2 asks for batches.
  const ScratchDirectory scratch("environment-forms");
  const std::string counter = quoted(scratch / "started");
  const std::string command = "n=$(cat " + counter + " 2>/dev/null || echo 0); echo $((n + 1)) > " + counter +
                              "; read -r line; if [ $n = 0 ]; then echo '{\"observations\": 1, \"actions\": 1}'; "
                              "else echo '{\"observations\": 1, \"actions\": 1, \"batch\": true}'; fi; read -r line";
  const auto task = environment(command);
  auto network = constant_network(0.0);
  CHECK_THROWS_WITH(evaluate_once(*task, *network), Catch::StartsWith("environment worker 1 (pid "));
  CHECK_THROWS_WITH(evaluate_once(*task, *network),
                    Catch::StartsWith("environment worker 2 (pid ") &&
                        Catch::Contains("every worker must answer as the first did: 1 observations, 1 actions, "
                                        "batch false, encoding \"json\" and the same names"));
}

TEST_CASE("an answer's base64 fields lifted out before parsing give what a plain parse gives") {
  constexpr const char* kFields[] = {"observations", "rewards", "dones"};
  const std::vector<std::string> lines = {
      R"({"observations": "AAAA", "rewards" :  "AAAA", "dones":"AQ=="})",
      R"({"info": {"observations": "AAAA"}, "observations": "BBBB"})",  // nested first
      R"({"note": "\"rewards\": \"x\"", "rewards": "AAAA"})",  // inside a string first
      R"({"observations": "AA\u0041A"})",                      // an escape: parsed plainly
      std::string("{\"dones\":\"AQ\0\xf8==\"}", 18),           // not JSON: a control character
      R"({"info": {"observations": "AAAA"}, "observations": ""})",  // nested first, top level empty
      R"({"observations": "AAAA", "observations": ""})",            // a duplicate key
      R"({"observations": [1, 2], "dones": [true]})",
      R"({"observations": "AAAA")",
      R"(not json)"};
  for (const std::string& line : lines) {
    INFO(line);
    const nlohmann::json plain = nlohmann::json::parse(line, nullptr, false);
    const nlohmann::json lifted = parse_answer(line, kFields);
    CHECK(lifted.is_discarded() == plain.is_discarded());
    if (!plain.is_discarded()) CHECK(lifted == plain);
  }
  CHECK(request_line("step_batch", "actions", encode_numbers(std::vector<double>{1.5}, NumberEncoding::base64)) ==
        R"({"type":"step_batch","actions":"AAAAAAAA+D8="})");
  CHECK(request_line("step_batch", "actions", encode_numbers(std::vector<double>{1.5}, NumberEncoding::json)) ==
        R"({"type":"step_batch","actions":[1.5]})");
}

TEST_CASE("the Python cart-pole gives each genome the same return one episode at a time and in a batch") {
  if (!fs::exists("/usr/bin/python3")) {
    WARN("no /usr/bin/python3: skipped");
    return;
  }
  const std::string worker = "/usr/bin/python3 " CONVNEAT_SOURCE_DIR "/experiments/environments/cart_pole.py";
  const auto plain = environment(worker, {{"episodes", 7}, {"max_steps", 300}});
  const auto batch = environment(worker + " --batch", {{"episodes", 7}, {"max_steps", 300}});
  // Feed-forward and recurrent policies of x, x', θ, θ' (a recurrent one keeps a state per
  // episode: a row of its batch).
  const Genome balancing = make_genome({input(0), input(1), input(2), input(3), output(4, Activation::sigmoid)},
                                       {link(0, 0, 4, 0.5), link(1, 1, 4, 1.0), link(2, 2, 4, 8.0), link(3, 3, 4, 3.0)});
  Genome recurrent = balancing;
  recurrent.insert_connection(link(4, 4, 4, 0.7));
  for (const auto& [genome, feed_forward] : {std::pair{balancing, true}, std::pair{recurrent, false}}) {
    for (std::uint64_t id : {1, 2, 3}) {
      auto one = compile_network(genome, feed_forward), many = compile_network(genome, feed_forward);
      const double fitness = evaluate_once(*plain, *one, id).fitness;
      CHECK(evaluate_once(*batch, *many, id).fitness == fitness);
      CHECK(fitness > 1.0);  // the episodes ran, and ran differently from a first-step failure
    }
  }
}

TEST_CASE("the Python cart-pole environment evolves a balancer, the same for 1 and 2 threads") {
  if (!fs::exists("/usr/bin/python3")) {
    WARN("no /usr/bin/python3: skipped");
    return;
  }
  ScratchDirectory scratch("environment-cart-pole");
  const std::string config = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/environment_cart_pole.json");
  // The config names the worker by a path relative to the source tree.
  const std::string prefix = "cd " + shell_quote(CONVNEAT_SOURCE_DIR) + " && ";
  for (const char* threads : {"1", "2"}) {
    const CliResult result =
        run_cli("run " + config + " --threads " + threads + " --out " + quoted(scratch / threads), prefix);
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.output, Catch::Contains("stopped: solved"));
  }
  CHECK(read_text(scratch / "1" / "champion.json") == read_text(scratch / "2" / "champion.json"));
  CHECK(read_text(scratch / "1" / "species.csv") == read_text(scratch / "2" / "species.csv"));
  const nlohmann::json champion = nlohmann::json::parse(read_text(scratch / "1" / "champion.json"));
  CHECK(champion.at("genome").at("fitness") == 1000.0);  // 1,000 steps balanced in each of 10 episodes
  CHECK(champion.at("names").at("inputs") == nlohmann::json{"x/2.4", "x'/2", "theta/0.21", "theta'/2"});
}
