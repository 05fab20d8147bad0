// The configuration table: defaults, round trips, overrides, and the generated reference.
#include <catch2/catch.hpp>

#include <set>

#include "cli_support.hpp"
#include "experiments/command_line_main.hpp"
#include "experiments/config_file.hpp"
#include "neat/config_document.hpp"

using namespace convneat;
namespace fs = std::filesystem;

TEST_CASE("docs/config.md is exactly the reference generated from the settings table and the built-in tasks") {
  const std::string documented = testing::read_text(CONVNEAT_SOURCE_DIR "/docs/config.md");
  INFO("regenerate with: ./build/experiments/convneat config-reference > docs/config.md");
  CHECK(documented == full_config_reference(built_in_tasks()));
}

TEST_CASE("every setting has a path, an allowed-values text and a description, and paths are unique") {
  std::set<std::string> paths;
  for (const Setting& setting : config_settings()) {
    CHECK(setting.path.starts_with("/"));
    CHECK_FALSE(setting.allowed.empty());
    CHECK_FALSE(setting.description.empty());
    CHECK(paths.insert(setting.path).second);
  }
  CHECK(paths.size() >= 50);
}

TEST_CASE("the resolved config reads back into the same config") {
  NeatConfig config;
  config.seed = 99;
  config.population_size = 321;
  config.innovation_policy = InnovationPolicyKind::node_pair;
  config.genome.activation_options = {Activation::tanh, Activation::gauss};
  config.stop.fitness_threshold = 3.9;
  const nlohmann::json resolved = config_to_json(config);
  CHECK(config_to_json(config_from_json(resolved, "resolved")) == resolved);
  const NeatConfig defaults;
  const NeatConfig from_empty = config_from_json(nlohmann::json::object(), "empty");
  CHECK(config_to_json(from_empty) == config_to_json(defaults));
}

TEST_CASE("command-line overrides accept dotted keys and JSON values") {
  NeatConfig config;
  apply_override(config, "population.size", "300");
  apply_override(config, "/genome/hidden_activation", "tanh");
  apply_override(config, "stop.fitness_threshold", "null");
  apply_override(config, "task.name", "xor");
  CHECK(config.population_size == 300);
  CHECK(config.genome.hidden_activation == Activation::tanh);
  CHECK_FALSE(config.stop.fitness_threshold.has_value());
  CHECK_THROWS_WITH(apply_override(config, "genome.add_node_rate", "2"),
                    Catch::Contains("/genome/add_node_rate: expected a number in [0, 1], got 2"));
}

TEST_CASE("an override nesting deeper than a config may, by its value or its key, or not UTF-8, is refused") {
  NeatConfig config;
  const std::string deep_value = std::string(65, '[') + std::string(65, ']');
  CHECK_THROWS_WITH(apply_override(config, "seed", deep_value),
                    "--set seed: JSON nested more than 64 levels deep, the limit for a config file");
  std::string deep_key = "task";
  for (int level = 0; level < 100000; ++level) deep_key += ".a";
  CHECK_THROWS_WITH(apply_override(config, deep_key, "1"),
                    Catch::StartsWith("--set task.a.a.a") && Catch::Contains("… (200004 bytes): JSON nested more than 64"));
  CHECK_THROWS_WITH(apply_override(config, "genome.spatial.layers.0" + deep_key.substr(4), "1"),
                    Catch::Contains("JSON nested more than 64 levels deep"));
  std::string key_and_value = "task";
  for (int level = 0; level < 40; ++level) key_and_value += ".a";
  CHECK_THROWS_WITH(apply_override(config, key_and_value, std::string(30, '[') + std::string(30, ']')),
                    Catch::Contains("JSON nested more than 64 levels deep"));
  CHECK_THROWS_WITH(apply_override(config, "output.directory", "runs/\xff"),
                    "--set output.directory: the value is not valid UTF-8 text");
  CHECK_THROWS_WITH(apply_override(config, "task.\xff", "1"), Catch::Contains("the key is not valid UTF-8 text"));
  apply_override(config, "task.a.b", "[[1]]");  // 4 levels: fine
  CHECK(config.task["a"]["b"] == nlohmann::json::parse("[[1]]"));
}

TEST_CASE("a whole number is read whether the JSON document holds it signed or unsigned") {
  // A file's 300 parses as unsigned; a document built in C++ from an int holds it signed.
  const nlohmann::json from_code = {
      {"population", {{"size", 300}}},
      {"genome", {{"spatial", {{"layers", {{{"mode", "shared"}, {"kernel_size", 3}, {"channels", 2}}}}}}}}};
  REQUIRE(from_code["population"]["size"].is_number_integer());
  REQUIRE_FALSE(from_code["population"]["size"].is_number_unsigned());
  const NeatConfig config = config_from_json(from_code, "code");
  CHECK(config.population_size == 300);
  CHECK(config.genome.spatial.layers.at(0).kernel_size == 3);
  CHECK(config.genome.spatial.layers.at(0).channels == 2);
  CHECK_THROWS_WITH(config_from_json({{"population", {{"size", -3}}}}, "code"),
                    Catch::Contains("/population/size"));
}

TEST_CASE("every shipped experiment config loads") {
  std::size_t configs = 0;
  for (const auto& entry : fs::directory_iterator(CONVNEAT_SOURCE_DIR "/experiments/configs")) {
    if (entry.path().extension() != ".json") continue;
    INFO(entry.path());
    CHECK_NOTHROW(load_experiment(entry.path()));
    ++configs;
  }
  CHECK(configs >= 1);
}

TEST_CASE("connecting new channels is refused by name for outputs that do not sum") {
  using namespace convneat::testing;
  ScratchDirectory scratch("connect-new-channels-refused");
  const std::string run = "run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/digits_shared.json") +
                          " --generations 1 --set genome.spatial.connect_new_channels=true ";
  const CliResult refused =
      run_cli(run + "--set genome.output_aggregation=max --out " + shell_quote((scratch / "max").string()));
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output, Catch::Contains("/genome/spatial/connect_new_channels: needs /genome/output_aggregation "
                                             "\"sum\" (links of weight 0 change what other aggregations compute), "
                                             "got \"max\""));
  CHECK_FALSE(fs::exists(scratch / "max" / "config.json"));
  CHECK(run_cli(run + "--out " + shell_quote((scratch / "sum").string())).exit_code == 0);
}
