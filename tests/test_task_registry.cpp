// Task types by name: the built-in ones, a program's own (docs/library.md), their parameters
// declared by their reads, and the command line run with a registry of one's own.
#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <memory>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "experiments/command_line_main.hpp"
#include "experiments/vector_units.hpp"
#include "neat/config_schema.hpp"
#include "neat/software_version.hpp"

using namespace convneat;
using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

// Scores a one-output network by how close its output comes to `target` on a zero input.
class HalfwayTask final : public Task {
 public:
  explicit HalfwayTask(double target) : target_(target) {}
  std::string name() const override { return "halfway"; }
  std::size_t input_count() const override { return 1; }
  std::size_t output_count() const override { return 1; }
  TaskResult evaluate(Network& network, EvaluationContext&) const override {
    const std::vector<double> inputs{0.0};
    double output = 0.0;
    network.reset();
    for (std::size_t step = 0; step < network.propagation_steps(); ++step)
      network.activate(inputs, std::span<double>(&output, 1));
    const double error = std::abs(output - target_);
    return {1.0 - error, error < 0.001};
  }

 private:
  double target_;
};

// The built-in tasks and "halfway", whose builder counts its calls.
TaskRegistry registry_with_halfway(std::atomic<int>* builds = nullptr) {
  TaskRegistry tasks = built_in_tasks();
  tasks.add("halfway", "Output the target on a zero input.", [builds](TaskParameters& parameters) -> TaskBuilder {
    const double target = parameters.real("target", 0.0, 1.0, 0.5, "the output wanted");
    return [target, builds] {
      if (builds != nullptr) ++*builds;
      return std::make_unique<HalfwayTask>(target);
    };
  });
  return tasks;
}

// Runs the command line in this process with `tasks`, as a program of one's own does.
int command_line(const std::vector<std::string>& words, const TaskRegistry& tasks) {
  std::vector<std::string> arguments{"program"};
  arguments.insert(arguments.end(), words.begin(), words.end());
  std::vector<char*> argv;
  for (std::string& word : arguments) argv.push_back(word.data());
  argv.push_back(nullptr);
  return command_line_main(static_cast<int>(arguments.size()), argv.data(), tasks);
}

}  // namespace

TEST_CASE("a registered task is made with its parameters checked and named by their JSON path") {
  const TaskRegistry tasks = registry_with_halfway();
  CHECK(tasks.make({{"name", "halfway"}, {"target", 0.25}}, "my.json")->name() == "halfway");
  CHECK_THROWS_WITH(tasks.make({{"name", "halfway"}, {"target", 2}}, "my.json"),
                    "my.json: /task/target: expected a number in [0.0, 1.0], got 2");
  CHECK_THROWS_WITH(tasks.make({{"name", "halfway"}, {"targte", 0.2}}, "my.json"),
                    "my.json: /task/targte: unknown key; task \"halfway\" takes target");
  CHECK_THROWS_WITH(tasks.make({{"name", "xor"}, {"bits", 3}}, "my.json"),
                    "my.json: /task/bits: unknown key; task \"xor\" takes no parameters");
}

TEST_CASE("tasks with named inputs and outputs name every one, and a partial list is dropped, not misapplied") {
  for (const char* name : {"xor", "single_pole", "double_pole", "double_pole_no_velocity", "maze", "aligned_parts"}) {
    INFO(name);
    const auto task = built_in_tasks().make({{"name", name}}, "my.json");
    const NodeNames names = node_names(*task);
    CHECK(names.inputs.size() == (task->image_shape() ? 0 : task->input_count()));
    CHECK(names.outputs.size() == task->output_count());
  }
  CHECK(node_names(*built_in_tasks().make({{"name", "double_pole_no_velocity"}}, "my.json")).inputs ==
        std::vector<std::string>{"x/4.8", "theta1/0.52", "theta2/0.52", "bias 0.5"});
  struct HalfNamed final : Task {
    std::string name() const override { return "half"; }
    std::size_t input_count() const override { return 2; }
    std::size_t output_count() const override { return 1; }
    TaskResult evaluate(Network&, EvaluationContext&) const override { return {}; }
    std::vector<std::string> input_names() const override { return {"only the first"}; }
    std::vector<std::string> output_names() const override { return {"y"}; }
  };
  CHECK(node_names(HalfNamed{}) == NodeNames{{}, {"y"}});
}

TEST_CASE("an unknown task name is refused with every registered name, a program's own included") {
  const TaskRegistry tasks = registry_with_halfway();
  CHECK_THROWS_WITH(tasks.make({{"name", "halfwya"}}, "my.json"),
                    Catch::StartsWith("my.json: /task/name: expected one of \"xor\", ") &&
                        Catch::EndsWith(", \"halfway\", got \"halfwya\""));
  CHECK_THROWS_WITH(built_in_tasks().make({{"name", "halfway"}}, "my.json"), Catch::Contains("got \"halfway\""));
}

TEST_CASE("registering a task name twice, or no name, is refused") {
  TaskRegistry tasks = registry_with_halfway();
  const auto make = [] { return std::unique_ptr<Task>(std::make_unique<HalfwayTask>(0.5)); };
  CHECK_THROWS_AS(tasks.add("halfway", "again", make), std::invalid_argument);
  CHECK_THROWS_AS(tasks.add("xor", "again", make), std::invalid_argument);
  CHECK_THROWS_AS(tasks.add("", "nameless", make), std::invalid_argument);
  CHECK(tasks.names().size() == built_in_tasks().names().size() + 1);
}

TEST_CASE("a task that cannot be built is a config error naming /task and the task") {
  TaskRegistry tasks;
  tasks.add("broken", "Always fails.", []() -> std::unique_ptr<Task> { throw std::runtime_error("no data here"); });
  CHECK_THROWS_WITH(tasks.make({{"name", "broken"}}, "my.json"),
                    "my.json: /task: task \"broken\" cannot be made: no data here");
  tasks.add("empty", "Builds nothing.", []() -> std::unique_ptr<Task> { return nullptr; });
  CHECK_THROWS_WITH(tasks.make({{"name", "empty"}}, "my.json"), Catch::Contains("its builder returned no task"));
}

TEST_CASE("a task's parameters are listed from its reads, without building it") {
  std::atomic<int> builds = 0;
  const TaskRegistry tasks = registry_with_halfway(&builds);
  const std::vector<TaskParameterDescription> declared = tasks.parameters(tasks.types().back());
  REQUIRE(declared.size() == 1);
  CHECK(declared[0].key == "target");
  CHECK(declared[0].fallback == "0.5");
  CHECK(declared[0].allowed == "a number in [0.0, 1.0]");
  CHECK(declared[0].meaning == "the output wanted");
  const std::string reference = tasks.reference_markdown();
  CHECK_THAT(reference, Catch::Contains("### `halfway`\n\nOutput the target on a zero input.\n"));
  CHECK_THAT(reference, Catch::Contains("| `/task/target` | `0.5` | a number in [0.0, 1.0] | the output wanted |"));
  CHECK_THAT(reference, Catch::Contains("### `xor`") && Catch::Contains("### `fashion_mnist`"));
  CHECK(builds == 0);
  tasks.make({{"name", "halfway"}}, "my.json");
  CHECK(builds == 1);
}

TEST_CASE("every built-in task accepts its declared parameters written out at their defaults") {
  // (The environment task's one required parameter, its command, is the only one without a default.)
  for (const TaskType& type : built_in_tasks().types()) {
    INFO(type.name);
    nlohmann::json section = {{"name", type.name}};
    for (const TaskParameterDescription& parameter : built_in_tasks().parameters(type))  // required: a string
      section[parameter.key] = parameter.fallback.empty() ? nlohmann::json("given") : nlohmann::json::parse(parameter.fallback);
    TaskParameters parameters(section, "defaults.json");
    type.read(parameters);  // reads every key back; building (loading datasets) is not needed
    CHECK_NOTHROW(parameters.finish());
    CHECK(parameters.declared().size() == section.size() - 1);
  }
}

TEST_CASE("a program's own task gets run, --resume and eval through the command line with its registry") {
  const TaskRegistry tasks = registry_with_halfway();
  ScratchDirectory scratch("own-task");
  const nlohmann::json config = {{"seed", 3},
                                 {"task", {{"name", "halfway"}, {"target", 0.3}}},
                                 {"population", {{"size", 20}}},
                                 {"stop", {{"max_generations", 4}, {"when_solved", false}}},
                                 {"output", {{"directory", (scratch / "out").string()}}}};
  write_text(scratch / "halfway.json", config.dump());
  REQUIRE(command_line({"run", (scratch / "halfway.json").string()}, tasks) == 0);
  const nlohmann::json champion = nlohmann::json::parse(read_text(scratch / "out" / "champion.json"));
  CHECK(champion.at("task") == config.at("task"));
  CHECK(champion.at("generations") == 4);
  REQUIRE(command_line({"run", "--resume", (scratch / "out" / "checkpoint.cbor").string(), "--generations", "6"},
                       tasks) == 0);
  CHECK(nlohmann::json::parse(read_text(scratch / "out" / "champion.json")).at("generations") == 6);
  CHECK(command_line({"eval", (scratch / "out" / "champion.json").string()}, tasks) == 0);
  // The built-in registry does not know the task, and says so in one line.
  CHECK(command_line({"eval", (scratch / "out" / "champion.json").string()}, built_in_tasks()) == 2);
  // The same run again, resumed or not, through the CLI's built-in tasks is refused the same way.
  const CliResult refused = run_cli("run " + quoted(scratch / "halfway.json"));
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output, Catch::Contains("/task/name: expected one of") && Catch::Contains("got \"halfway\""));
}

TEST_CASE("a program other than convneat asked for other vector units says it runs on its library's") {
  if (!processor_supports(VectorUnits::avx2)) return;  // then the processor's refusal comes first
  CHECK_THROWS_WITH(continue_on_vector_units(VectorUnits::avx2, {"run"}, "my.json"),
                    Catch::Contains("my.json: /vector_units \"avx2\": ") &&
                        Catch::Contains("convneat_tests-avx2 does not exist; a program built on the installed "
                                        "ConvNEAT library runs on the units the library was built for (\"portable\")"));
}

TEST_CASE("convneat --version names the version and source commit, and a run's files record them") {
  const std::string version = run_ok("--version");
  CHECK(version == software_description() + "\n");
  CHECK_THAT(version, Catch::StartsWith("convneat " + software_version()));
  ScratchDirectory scratch("software-recorded");
  const std::string config = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json");
  run_ok("run " + config + " --generations 2 --out " + quoted(scratch / "out"));
  for (const char* file : {"config.json", "champion.json"}) {
    INFO(file);
    CHECK(nlohmann::json::parse(read_text(scratch / "out" / file)).at("software") == software_document());
  }
  run_ok("checkpoint " + quoted(scratch / "out" / "checkpoint.cbor") + " --format json -o " +
         quoted(scratch / "checkpoint.json"));
  CHECK(nlohmann::json::parse(read_text(scratch / "checkpoint.json")).at("payload").at("software") ==
        software_document());
  // A run's config.json runs again as it is: /software is ignored when read.
  run_ok("run " + quoted(scratch / "out" / "config.json") + " --generations 1 --out " + quoted(scratch / "again"));
}

TEST_CASE("the software record names the compiler, the build's flags and the machine") {
  const nlohmann::json software = software_document();
  CHECK(software.at("convneat") == software_version());
  const std::string compiler = software.at("compiler");
  CHECK((compiler.starts_with("GCC ") || compiler.starts_with("Clang ")));
  const std::string build = software.at("build");
  CHECK_FALSE(build.empty());
  const std::string machine = software.at("machine");
  CHECK_THAT(machine, Catch::Contains(std::to_string(std::thread::hardware_concurrency()) + " logical cores"));
  CHECK_THAT(machine, Catch::Contains("Linux"));
}
