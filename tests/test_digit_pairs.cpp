// The pair tasks (experiments/tasks/image_pairs.hpp) and the reference batch
// (reference_batch.hpp): balanced, correctly labelled pairs; the two presentations; the
// reference batch drawn from the seed alone; learning well above chance; and runs with tied
// front ends and virtual batch norm that are bit-identical on 1 and 2 threads, resume
// exactly from a checkpoint and export to ONNX.
#include <catch2/catch.hpp>

#include <filesystem>
#include <iostream>
#include <set>

#include "cli_support.hpp"
#include "experiments/champion_file.hpp"
#include "experiments/config_file.hpp"
#include "experiments/tasks/image_classification_task.hpp"
#include "experiments/tasks/image_datasets.hpp"
#include "experiments/tasks/image_pairs.hpp"
#include "experiments/tasks/reference_batch.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "genome/genome_json.hpp"
#include "neat/config_document.hpp"
#include "neat/population.hpp"
#include "neat/tbb_evaluator.hpp"
#include "nets/spatial_network.hpp"
#include "onnx_support.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

const std::string kTiedVbnConfig = CONVNEAT_SOURCE_DIR "/experiments/configs/digit_pairs_tied_vbn.json";
const std::string kChannelsConfig = CONVNEAT_SOURCE_DIR "/experiments/configs/digit_pairs_channels.json";

// `count` 2 × 3 images of `classes` classes: pixel 0 holds the class, pixel 1 the row.
ImageSet labelled_images(std::size_t count, std::size_t classes) {
  ImageSet set;
  set.shape = {1, 2, 3};
  set.classes = classes;
  set.images = ImageRows::Zero(static_cast<Eigen::Index>(count), 6);
  for (std::size_t i = 0; i < count; ++i) {
    set.labels.push_back(static_cast<std::uint16_t>(i % classes));
    set.images(static_cast<Eigen::Index>(i), 0) = static_cast<float>(i % classes);
    set.images(static_cast<Eigen::Index>(i), 1) = static_cast<float>(i);
  }
  return set;
}

bool digits_installed() {
  if (std::filesystem::exists(kDigitsFile)) return true;
  WARN("python3-sklearn is not installed: the digit pair test is skipped");
  return false;
}

// Each generation's best genome, and the test accuracy of the run's champion (best validation
// accuracy) in its final test, as `convneat run` reports it.
struct PairRun final : Reporter {
  double test_accuracy = 0.0;
  std::vector<std::string> champions;
  void on_generation(const GenerationReport& report, const Population&) override {
    champions.push_back(genome_to_json(report.best).dump());
  }
};

PairRun run(const NeatConfig& config, const Task& task, std::size_t threads) {
  Population population(config);
  TbbEvaluator evaluator(task, {.phenotype = phenotype_of(config), .seed = config.seed, .threads = threads});
  PairRun pair_run;
  const RunResult result = population.run(evaluator, {&pair_run});
  pair_run.test_accuracy = evaluator.test_champion(result.champion, ChampionTestScope::final).figures.at("test_accuracy");
  return pair_run;
}

}  // namespace

TEST_CASE("pairs are balanced, labelled 1 exactly when the classes agree, and never pair an image with itself",
          "[pairs]") {
  const ImageSet images = labelled_images(30, 3);
  RandomStream random(1, 0, 0, Purpose::task_data);
  const ImageSet pairs = make_image_pairs(images, 400, PairInput::tied, random);
  REQUIRE(pairs.size() == 400);
  CHECK(pairs.copies == 2);
  CHECK(pairs.shape == images.shape);
  CHECK(pairs.classes == 2);
  std::size_t same = 0;
  std::set<int> first_rows;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const auto row = pairs.images.row(static_cast<Eigen::Index>(i));
    const bool classes_agree = row(0) == row(6);
    CHECK(pairs.labels[i] == (classes_agree ? 1 : 0));
    CHECK(pairs.labels[i] == (i % 2 == 0 ? 1 : 0));
    if (classes_agree) CHECK(row(1) != row(7));  // two different images
    same += pairs.labels[i];
    first_rows.insert(static_cast<int>(row(1)));
  }
  CHECK(same == 200);
  CHECK(first_rows.size() == 30);  // every image gets used

  // Stacked as channels: the same rows from the same stream, one 2-channel image each.
  RandomStream again(1, 0, 0, Purpose::task_data);
  const ImageSet stacked = make_image_pairs(images, 400, PairInput::channels, again);
  CHECK(stacked.copies == 1);
  CHECK(stacked.shape == ImageShape{2, 2, 3});
  CHECK(stacked.images == pairs.images);

  ImageSet one_class = labelled_images(5, 1);
  CHECK_THROWS_AS(make_image_pairs(one_class, 4, PairInput::tied, random), std::invalid_argument);
}

TEST_CASE("the reference batch depends on its seed alone: the same seed gives the same examples and another seed others",
          "[pairs][vbn]") {
  const ImageSet train = labelled_images(200, 4);
  const ImageRows a = choose_reference_examples(train, 32, 5);
  CHECK(a == choose_reference_examples(train, 32, 5));
  CHECK(a != choose_reference_examples(train, 32, 6));
  std::set<float> rows;
  for (Eigen::Index i = 0; i < a.rows(); ++i) rows.insert(a(i, 1));
  CHECK(rows.size() == 32);  // drawn without replacement
  CHECK(choose_reference_examples(train, 500, 5).rows() == 200);
}

TEST_CASE("digit_pairs presents a pair as two tied images or as two channels, and configs must agree",
          "[pairs]") {
  if (!digits_installed()) return;
  const auto tied = make_task({{"name", "digit_pairs"}, {"train_pairs", 100}}, "test");
  CHECK(tied->images_per_example() == 2);
  CHECK(tied->image_shape() == ImageShape{1, 8, 8});
  CHECK(tied->input_count() == 128);
  CHECK(tied->output_count() == 2);
  const auto channels = make_task({{"name", "digit_pairs"}, {"pair_input", "channels"}, {"train_pairs", 100}}, "test");
  CHECK(channels->images_per_example() == 1);
  CHECK(channels->image_shape() == ImageShape{2, 8, 8});
  CHECK(channels->input_count() == 128);
  CHECK_THROWS_WITH(make_task({{"name", "digit_pairs"}, {"pair_input", "both"}}, "test"),
                    Catch::Contains("/task/pair_input"));

  // The front end reads each image: 4 channels of 4 × 4 after pooling, twice.
  auto loaded = load_experiment(kTiedVbnConfig);
  fit_genome_to_task(loaded.config, loaded.document, *tied, "digit_pairs_tied_vbn.json");
  CHECK(loaded.config.genome.spatial.copies == 2);
  CHECK(loaded.config.genome.num_inputs == 2 * 4 * 4 * 4);
  nlohmann::json document = loaded.document;
  document["genome"]["spatial"]["copies"] = 1u;  // unsigned, as a parsed file gives it
  NeatConfig config = config_from_json(document, "test");
  CHECK_THROWS_WITH(fit_genome_to_task(config, document, *tied, "test"), Catch::Contains("/genome/spatial/copies"));
}

// The pair task is learnable: with the two images stacked as channels, one front end compares
// them pixel by pixel. (Tied front ends learn it far more slowly — the graph must grow the
// comparison of the two readouts itself; see the next test and docs/spatial.md.)
TEST_CASE("digit pairs stacked as channels: 3 of 3 seeds reach a held-out test accuracy of at least 0.58 in 40 "
          "generations (chance: 0.5)",
          "[pairs][datasets][long]") {
  if (!digits_installed()) return;
  const auto loaded = load_experiment(kChannelsConfig);
  const auto task = make_task(loaded.config.task, "digit_pairs_channels.json");
  for (std::uint64_t seed : {1, 2, 3}) {
    NeatConfig config = loaded.config;
    config.seed = seed;
    config.population_size = 60;
    config.stop.max_generations = 40;
    fit_genome_to_task(config, loaded.document, *task, "digit_pairs_channels.json");
    const PairRun last = run(config, *task, 0);
    std::cout << "digit pairs (channels) seed " << seed << ": champion's test accuracy after 40 generations "
              << last.test_accuracy << '\n';
    CHECK(last.test_accuracy >= 0.58);  // measured 0.616, 0.681, 0.658 on seeds 1-3; 1,000 test pairs: 0.58 is 5 sd above chance
  }
}

// Tied, the graph must grow |f(A) - f(B)| itself, so the shipped config needs a longer run. One
// run of it, as a user gets it (seed 1, population 100), 300 generations.
TEST_CASE("digit pairs through a tied front end with virtual batch norm: the shipped config reaches a held-out test "
          "accuracy of at least 0.57 in 300 generations (chance: 0.5)",
          "[pairs][datasets][long]") {
  if (!digits_installed()) return;
  auto loaded = load_experiment(kTiedVbnConfig);
  const auto task = make_task(loaded.config.task, "digit_pairs_tied_vbn.json");
  loaded.config.stop.max_generations = 300;
  fit_genome_to_task(loaded.config, loaded.document, *task, "digit_pairs_tied_vbn.json");
  const PairRun last = run(loaded.config, *task, 0);
  std::cout << "digit pairs (tied, virtual batch norm) seed 1: champion's test accuracy after 300 generations "
            << last.test_accuracy << '\n';
  // measured 0.595 for the run's champion (the last generation's tested genome: 0.616; on seeds 2 and 3 it scored
  // 0.582, 0.699); 1,000 test pairs: 0.57 is 4.4 sd above chance
  CHECK(last.test_accuracy >= 0.57);
}

TEST_CASE("a digit pair run with tied weights and virtual batch norm is identical on 1 and 2 threads and resumes "
          "exactly",
          "[pairs][vbn]") {
  if (!digits_installed()) return;
  const nlohmann::json section = {{"name", "digit_pairs"}, {"train_pairs", 2000}, {"batch_size", 64},
                                  {"reference_size", 32}};
  const auto task = make_task(section, "test");
  auto loaded = load_experiment(kTiedVbnConfig);
  loaded.config.population_size = 30;
  loaded.config.stop.max_generations = 6;
  loaded.config.genome.spatial.add_channel_rate = 0.3;
  loaded.config.genome.spatial.norm_mutate_rate = 0.5;
  fit_genome_to_task(loaded.config, loaded.document, *task, "test");
  const PairRun one = run(loaded.config, *task, 1);
  const PairRun two = run(loaded.config, *task, 2);
  REQUIRE(one.champions.size() == 6);
  CHECK(one.champions == two.champions);

  ScratchDirectory scratch("digit-pairs-run");
  const std::string config = shell_quote(kTiedVbnConfig) +
                             " --set task.train_pairs=2000 --set task.batch_size=64 --set population.size=30"
                             " --set genome.spatial.add_channel_rate=0.3 --set stop.when_solved=false";
  run_ok("run " + config + " --generations 6 --out " + shell_quote((scratch / "straight").string()));
  run_ok("run " + config + " --generations 3 --out " + shell_quote((scratch / "split").string()));
  run_ok("run " + config + " --generations 6 --resume " + shell_quote((scratch / "split" / "checkpoint.cbor").string()));
  CHECK(read_text(scratch / "straight" / "champion.json") == read_text(scratch / "split" / "champion.json"));
  CHECK(read_text(scratch / "straight" / "species.csv") == read_text(scratch / "split" / "species.csv"));
}

#ifdef CONVNEAT_HAS_ONNX
TEST_CASE("convneat export --format onnx of a tied digit-pair champion with virtual batch norm computes in ONNX "
          "Runtime what the champion computes, prepared on its task",
          "[pairs][vbn]") {
  if (!digits_installed()) return;
  ScratchDirectory scratch("digit-pairs-onnx");
  const std::string run_directory = shell_quote((scratch / "run").string());
  run_ok("run " + shell_quote(kTiedVbnConfig) +
         " --set task.train_pairs=2000 --set task.batch_size=64 --set population.size=30 --generations 2 --out " +
         run_directory);
  const auto model = scratch / "champion.onnx";
  run_ok("export " + run_directory + " --format onnx -o " + shell_quote(model.string()));

  const Champion champion = load_champion(scratch / "run");
  const SpatialStack& stack = *champion.genome.spatial;
  REQUIRE(stack.copies == 2);
  REQUIRE(stack.layers[0].virtual_batch_norm);
  const auto task = make_task(champion.task, "champion");
  SpatialNetwork network(champion.genome, champion.phenotype);
  task->training_objective()->prepare(network);  // the reference batch the run used
  const ImageSet& test = dynamic_cast<const ImageClassificationTask&>(*task).data().test;
  const Eigen::MatrixXd pairs = test.images.topRows(40).cast<double>();
  const std::string dims = "2," + std::to_string(stack.input.channels) + "," + std::to_string(stack.input.height) +
                           "," + std::to_string(stack.input.width);
  // The graph sums 2 × 64 flattened readouts of magnitude up to 5 in float32: 1e-5 of the largest output absolute.
  const Eigen::MatrixXd expected = network.activate_batch(pairs);
  check_close(onnx_runtime_outputs(model, pairs, scratch, dims), expected, 1e-5 * expected.cwiseAbs().maxCoeff());
}
#endif  // CONVNEAT_HAS_ONNX
