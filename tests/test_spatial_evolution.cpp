// Genomes with spatial front ends inside the whole engine: evolution on an image task is
// bit-identical for any number of threads, resumes exactly from a checkpoint, and exports
// through the CLI (lossless JSON, DOT that Graphviz accepts).
#include <catch2/catch.hpp>

#include "cli_support.hpp"
#include "experiments/champion_file.hpp"
#include "experiments/config_file.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "genome/genome_json.hpp"
#include "neat/population.hpp"
#include "neat/tbb_evaluator.hpp"
#include "nets/compile_network.hpp"
#include "spatial_support.hpp"

using namespace convneat;
using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

const std::string kCentroidConfig = CONVNEAT_SOURCE_DIR "/experiments/configs/aligned_parts_centroid.json";
// Every spatial mutation often, a small dataset, no early stop: the runs exercise all
// spatial operators while staying quick.
const std::string kBusy =
    " --set task.train=300 --set task.validation=50 --set task.test=50 --set task.batch_size=64"
    " --set population.size=40 --set genome.spatial.add_layer_rate=0.1 --set genome.spatial.add_channel_rate=0.2"
    " --set genome.spatial.mode_mutate_rate=0.1 --set stop.when_solved=false";

struct History final : Reporter {
  std::vector<double> best_fitness;
  std::vector<std::string> best_genome;
  bool layer_inserted = false, channel_added = false, mode_changed = false;
  void on_generation(const GenerationReport& report, const Population& population) override {
    best_fitness.push_back(report.best_fitness);
    best_genome.push_back(genome_to_json(report.best).dump());
    for (const Genome& genome : population.genomes()) {
      const auto& layers = genome.spatial->layers;
      layer_inserted = layer_inserted || layers.size() > 1;
      channel_added = channel_added || layers.back().out_channels > 2;
      mode_changed = mode_changed || layers.back().mode != SharingMode::centroid;
    }
  }
};

NeatConfig busy_image_config(InnovationPolicyKind policy, const Task& task, const nlohmann::json& document) {
  NeatConfig config = load_experiment(kCentroidConfig).config;
  config.innovation_policy = policy;
  config.population_size = 40;
  config.stop.max_generations = 12;
  config.stop.stop_when_solved = false;
  config.genome.spatial.add_layer_rate = 0.2;
  config.genome.spatial.add_channel_rate = 0.3;
  config.genome.spatial.mode_mutate_rate = 0.2;
  fit_genome_to_task(config, document, task, "test");
  return config;
}

History run_history(const NeatConfig& config, const Task& task, std::size_t threads) {
  Population population(config);
  TbbEvaluator evaluator(task, {.phenotype = phenotype_of(config), .seed = config.seed, .threads = threads});
  History history;
  const RunResult result = population.run(evaluator, {&history});
  history.best_genome.push_back(genome_to_json(result.champion).dump());
  return history;
}

}  // namespace

TEST_CASE("evolving spatial genomes on images is identical with 1, 2 and 4 threads", "[spatial]") {
  const auto policy = GENERATE(InnovationPolicyKind::fresh, InnovationPolicyKind::per_generation,
                               InnovationPolicyKind::persistent, InnovationPolicyKind::node_pair);
  CAPTURE(policy_name(policy));
  const nlohmann::json task_section = {{"name", "aligned_parts"}, {"train", 300}, {"validation", 50},
                                       {"test", 50},              {"batch_size", 64}};
  const auto task = make_task(task_section, "test");
  const NeatConfig config = busy_image_config(policy, *task, nlohmann::json::object());

  const History reference = run_history(config, *task, 1);
  REQUIRE(reference.best_fitness.size() == 12);
  // The run really evolved front ends: layers were inserted, channels added, modes changed.
  CHECK(reference.layer_inserted);
  CHECK(reference.channel_added);
  CHECK(reference.mode_changed);
  for (std::size_t threads : {2u, 4u}) {
    const History other = run_history(config, *task, threads);
    CHECK(other.best_fitness == reference.best_fitness);  // exact, bit for bit
    CHECK(other.best_genome == reference.best_genome);
  }
}

TEST_CASE("a spatial run resumes exactly and its champion exports losslessly and to DOT", "[spatial]") {
  ScratchDirectory scratch("spatial-run");
  const std::string config = shell_quote(kCentroidConfig) + kBusy;
  run_ok("run " + config + " --generations 8 --out " + shell_quote((scratch / "straight").string()));
  run_ok("run " + config + " --generations 4 --out " + shell_quote((scratch / "split").string()));
  run_ok("run " + config + " --generations 8 --resume " + shell_quote((scratch / "split" / "checkpoint.cbor").string()));
  CHECK(read_text(scratch / "straight" / "champion.json") == read_text(scratch / "split" / "champion.json"));
  CHECK(read_text(scratch / "straight" / "species.csv") == read_text(scratch / "split" / "species.csv"));

  // Lossless JSON: the exported champion computes exactly what the run's champion computes.
  run_ok("export " + shell_quote((scratch / "straight").string()) + " --format json -o " +
         shell_quote((scratch / "c.json").string()));
  const Champion original = load_champion(scratch / "straight");
  const Champion exported = load_champion(scratch / "c.json");
  REQUIRE(original.genome.spatial.has_value());
  CHECK(exported.genome == original.genome);
  RandomStream random(5, 0, 0, Purpose::evaluation);
  const std::size_t image_size = original.genome.spatial->input.size();
  Eigen::MatrixXd images(6, static_cast<Eigen::Index>(image_size));
  for (Eigen::Index i = 0; i < images.size(); ++i) images.data()[i] = random.normal(0.0, 1.0);
  const Eigen::MatrixXd a = compile_network(original.genome, true)->activate_batch(images);
  const Eigen::MatrixXd b = compile_network(exported.genome, true)->activate_batch(images);
  CHECK((a.array() == b.array()).all());

  const std::string eval = run_ok("eval " + shell_quote((scratch / "c.json").string()));
  CHECK_THAT(eval, Catch::Contains("aligned_parts"));

  if (std::system("dot -V > /dev/null 2>&1") != 0) {
    WARN("Graphviz `dot` is not installed (Debian package graphviz): DOT of a spatial champion not checked");
    return;
  }
  run_ok("export " + shell_quote((scratch / "c.json").string()) + " --format dot -o " +
         shell_quote((scratch / "c.dot").string()));
  CHECK_THAT(read_text(scratch / "c.dot"), Catch::Contains("readout max"));
  CHECK(std::system(("dot -Tcanon " + shell_quote((scratch / "c.dot").string()) + " > /dev/null").c_str()) == 0);
}
