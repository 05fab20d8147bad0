// The champion test of an image task: its held-out split is scored in parallel, bit for bit
// as one thread scores it; each generation's test measures validation accuracy only and the
// run's final test adds test accuracy (every generation too when asked); a population tests
// a phenotype once, answering a repeat from its memo; `convneat run` writes the final test's
// figures into champion.json and keeps test accuracy out of generations.csv.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include <nlohmann/json.hpp>
#include <tbb/task_arena.h>

#include "cli_support.hpp"
#include "experiments/tasks/image_classification_task.hpp"
#include "experiments/tasks/reference_batch.hpp"
#include "image_experiment.hpp"
#include "neat/champion_test_memo.hpp"
#include "nets/compile_network.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

// aligned_parts with a validation split of three scoring chunks (512 rows each, the last
// partial) and a virtually batch-normalised front end, whose statistics every thread's copy
// of the network must take from the same reference examples.
ImageExperiment three_chunk_experiment(const std::map<std::string, std::string>& changes = {}) {
  std::map<std::string, std::string> all{{"task.validation", "1300"},
                                         {"task.test", "700"},
                                         {"task.train", "200"},
                                         {"genome.spatial.layers", R"([{"mode": "shared", "kernel_size": 3, "channels": 3, "virtual_batch_norm": true}])"}};
  for (const auto& [key, value] : changes) all[key] = value;
  return ImageExperiment("aligned_parts_centroid.json", all);
}

std::set<std::string> figure_names(const ChampionTestResult& result) {
  std::set<std::string> names;
  for (const auto& [name, value] : result.figures) names.insert(name);
  return names;
}

// Counts the champion tests it runs; every test passes with the count as its figure.
class CountingEvaluator final : public Evaluator {
 public:
  std::vector<Evaluation> evaluate(const std::vector<Genome>& genomes, std::size_t) override {
    return std::vector<Evaluation>(genomes.size());
  }
  bool has_champion_test() const override { return true; }
  ChampionTestResult test_champion(const Genome&, ChampionTestScope) override {
    ++tests;
    return {true, {{"test_number", static_cast<double>(tests)}}};
  }
  int tests = 0;
};

}  // namespace

TEST_CASE("an image task scores a held-out split in parallel, bit for bit as one network scores it serially") {
  const ImageExperiment experiment = three_chunk_experiment();
  const auto& task = dynamic_cast<const ImageClassificationTask&>(*experiment.task);
  const ImageSet& validation = task.data().validation;
  REQUIRE(validation.size() == 1300);

  for (std::uint64_t id : {1, 2, 3}) {
    const Genome genome = experiment.start_genome(id);
    REQUIRE(genome.spatial);
    auto serial = compile_network(genome, true);
    REQUIRE(prepare_network(*serial, task.reference_examples()));  // the front end is normalised
    const double expected = score_images(*serial, validation).accuracy;
    const CompileNetwork compile = [&] { return compile_network(genome, true); };
    for (int threads : {1, 2, 3}) {
      double parallel = -1.0;
      tbb::task_arena(threads).execute([&] { parallel = held_out_accuracy(compile, task.reference_examples(), validation); });
      INFO("genome " << id << ", " << threads << " threads");
      CHECK(parallel == expected);
    }
  }
}

TEST_CASE("a recurrent genome's held-out split is scored by one network, chunk after chunk, whatever the thread count") {
  const ImageExperiment experiment = three_chunk_experiment({{"genome.feed_forward", "false"}});
  const auto& task = dynamic_cast<const ImageClassificationTask&>(*experiment.task);
  // A hidden node on a self-loop carries state from one chunk to the next.
  Genome genome = experiment.start_genome(1);
  const auto output = std::find_if(genome.nodes.begin(), genome.nodes.end(),
                                   [](const NodeGene& node) { return node.kind == NodeKind::output; });
  REQUIRE(output != genome.nodes.end());
  const NodeId output_id = output->id, hidden = genome.nodes.back().id + 1;
  genome.insert_node({hidden, NodeKind::hidden, Activation::tanh, 0.3});
  genome.insert_connection({1000000, hidden, hidden, 0.9, true});
  genome.insert_connection({1000001, hidden, output_id, 2.0, true});
  genome.insert_connection({1000002, genome.connections.front().in, hidden, 1.5, true});
  auto serial = compile_network(genome, false);
  REQUIRE(serial->keeps_state());
  prepare_network(*serial, task.reference_examples());
  const double expected = score_images(*serial, task.data().validation).accuracy;
  for (int threads : {1, 3}) {
    double accuracy = -1.0;
    tbb::task_arena(threads).execute([&] {
      accuracy = held_out_accuracy([&] { return compile_network(genome, false); }, task.reference_examples(),
                                   task.data().validation);
    });
    CHECK(accuracy == expected);
  }
}

TEST_CASE("the test split is scored in the final champion test only, unless asked for every generation") {
  const ImageExperiment experiment = three_chunk_experiment();
  const Genome genome = experiment.start_genome(1);
  const ChampionTestResult generation = run_champion_test(genome, *experiment.task, Phenotype{}, ChampionTestScope::generation);
  const ChampionTestResult final = run_champion_test(genome, *experiment.task, Phenotype{}, ChampionTestScope::final);
  CHECK(figure_names(generation) == std::set<std::string>{"validation_accuracy"});
  CHECK(figure_names(final) == std::set<std::string>{"test_accuracy", "validation_accuracy"});
  CHECK(final.figures.at("validation_accuracy") == generation.figures.at("validation_accuracy"));
  CHECK(final.selection_score == generation.selection_score);

  // The test accuracy is the one a single network gives on the test split.
  const auto& task = dynamic_cast<const ImageClassificationTask&>(*experiment.task);
  auto network = compile_network(genome, true);
  prepare_network(*network, task.reference_examples());
  CHECK(final.figures.at("test_accuracy") == score_images(*network, task.data().test).accuracy);

  const ImageExperiment every = three_chunk_experiment({{"task.test_every_generation", "true"}});
  const ChampionTestResult asked = run_champion_test(genome, *every.task, Phenotype{}, ChampionTestScope::generation);
  CHECK(asked.figures == final.figures);
}

TEST_CASE("a population's champion test memo answers a repeat of the same genes, whatever the id and fitness") {
  const ImageExperiment experiment = three_chunk_experiment();
  CountingEvaluator evaluator;
  ChampionTestMemo memo;
  Genome genome = experiment.start_genome(1);
  CHECK(memo.test(evaluator, genome).figures.at("test_number") == 1.0);

  Genome copy = genome;  // an elite carried into the next generation: new fitness, maybe a new id
  copy.id = 99;
  copy.fitness = 0.5;
  CHECK(memo.test(evaluator, copy).figures.at("test_number") == 1.0);
  CHECK(evaluator.tests == 1);
  CHECK(memo.reused() == 1);

  copy.connections.front().weight += 1e-12;  // any change of a gene is a new phenotype
  CHECK(memo.test(evaluator, copy).figures.at("test_number") == 2.0);
  copy.spatial->layers.front().kernels.front() += 1e-12;
  CHECK(memo.test(evaluator, copy).figures.at("test_number") == 3.0);
  CHECK(memo.test(evaluator, genome).figures.at("test_number") == 4.0);  // only the last test is kept
  CHECK(evaluator.tests == 4);
  CHECK(memo.reused() == 1);
}

TEST_CASE("convneat run writes the champion's final test into champion.json and keeps test accuracy out of generations.csv") {
  ScratchDirectory scratch("final-champion-test");
  const std::string out = (scratch / "out").string();
  const std::string output = run_ok("run " + shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/aligned_parts_centroid.json") +
                                    " --set population.size=10 --set stop.max_generations=3 --set task.train=200"
                                    " --set task.validation=300 --set task.test=300 --out " + shell_quote(out));
  CHECK_THAT(output, Catch::Contains("champion test: test_accuracy 0.") && Catch::Contains("validation_accuracy 0."));
  const nlohmann::json champion = nlohmann::json::parse(read_text(scratch / "out" / "champion.json"));
  REQUIRE(champion.contains("champion_test"));
  const nlohmann::json& figures = champion["champion_test"]["figures"];
  CHECK(figures.contains("validation_accuracy"));
  CHECK(figures.contains("test_accuracy"));
  CHECK(champion["champion_test"]["passed"] == champion["solved"]);
  const std::string rows = read_text(scratch / "out" / "generations.csv");
  CHECK_THAT(rows, Catch::Contains("validation_accuracy=") && !Catch::Contains("test_accuracy="));

  // `convneat eval` of that champion reports the same figures.
  const std::string eval = run_ok("eval " + shell_quote(out));
  CHECK_THAT(eval, Catch::Contains("test_accuracy " + nlohmann::json(figures["test_accuracy"].get<double>()).dump().substr(0, 5)));
}
