// The MPI evaluator's messages: what rank 0 and the workers exchange arrives bit-identical,
// and anything else is refused with a clear MessageError.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <limits>

#include "genome/genome_json.hpp"
#include "genome/initial_genome.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/node_layout.hpp"
#include "neat/config.hpp"
#include "neat/mpi_messages.hpp"

using namespace convneat;

namespace {

std::vector<Genome> some_genomes(std::size_t count) {
  NeatConfig config;
  config.genome.num_inputs = 3;
  auto innovations = make_innovation_policy(config.innovation_policy, NodeLayout(config.genome).first_free_node);
  std::vector<Genome> genomes;
  for (GenomeId id = 0; id < count; ++id) {
    RandomStream random(7, 0, id, Purpose::initial_population);
    genomes.push_back(make_initial_genome(id, config.genome, *innovations, random));
  }
  return genomes;
}

}  // namespace

TEST_CASE("a work item carries its generation, first index and genomes bit-identically") {
  const std::vector<Genome> genomes = some_genomes(5);
  const WorkItem item = decode_work(encode_work(12, 40, std::span(genomes).subspan(1, 3)));
  CHECK(item.generation == 12);
  CHECK(item.first == 40);
  REQUIRE(item.genomes.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(genome_to_json(item.genomes[i]) == genome_to_json(genomes[i + 1]));
}

TEST_CASE("a result carries every fitness bit-identically, NaN and infinities included") {
  const std::vector<Evaluation> sent{{0.1 + 0.2, true, false, ""},
                                     {std::numeric_limits<double>::quiet_NaN(), false, true, "non-finite fitness"},
                                     {-std::numeric_limits<double>::infinity(), false, true, "boom"},
                                     {std::nextafter(1.0, 2.0), false, false, ""}};
  const WorkResult received = decode_result(encode_result(7, sent));
  CHECK(received.first == 7);
  REQUIRE(received.evaluations.size() == sent.size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    CHECK(std::bit_cast<std::uint64_t>(received.evaluations[i].fitness) == std::bit_cast<std::uint64_t>(sent[i].fitness));
    CHECK(received.evaluations[i].solved == sent[i].solved);
    CHECK(received.evaluations[i].failed == sent[i].failed);
    CHECK(received.evaluations[i].failure == sent[i].failure);
  }
}

TEST_CASE("a result carries each behaviour descriptor bit-identically") {
  Evaluation described{1.5, false, false, ""};
  described.behaviour = {0.1 + 0.2, -0.0, std::nextafter(3.0, 4.0), 7.0};
  const WorkResult received = decode_result(encode_result(0, {described, Evaluation{2.0, false, true, "boom"}}));
  REQUIRE(received.evaluations.size() == 2);
  REQUIRE(received.evaluations[0].behaviour.size() == 4);
  for (std::size_t i = 0; i < 4; ++i)
    CHECK(std::bit_cast<std::uint64_t>(received.evaluations[0].behaviour[i]) ==
          std::bit_cast<std::uint64_t>(described.behaviour[i]));
  CHECK(received.evaluations[1].behaviour.empty());
}

TEST_CASE("the evaluation setup reaches the workers unchanged") {
  const Phenotype ctrnn{false, {NetworkKind::ctrnn, Integration::forward_euler, 0.1 + 0.2, 7, SpikeOutput::rate}};
  const EvaluationSetup setup{{{"name", "double_pole"}, {"velocity", false}}, {ctrnn, 42, 3, 0.25}};
  const EvaluationSetup received = decode_setup(encode_setup(setup));
  CHECK(received.task == setup.task);
  CHECK(received.settings.phenotype == ctrnn);  // time_step to the bit
  CHECK(received.settings.seed == 42);
  CHECK(received.settings.threads == 3);
  CHECK(received.settings.time_limit_seconds == 0.25);  // workers hold genomes to rank 0's time limit
  CHECK_FALSE(received.settings.describe_behaviour);
  EvaluationSetup novelty = setup;
  novelty.settings.describe_behaviour = true;
  CHECK(decode_setup(encode_setup(novelty)).settings.describe_behaviour);
}

TEST_CASE("a result carries the trained genome of a trained evaluation, bit-identically") {
  const std::vector<Genome> genomes = some_genomes(1);
  Evaluation trained{2.5, false, false, ""};
  trained.trained = genomes[0];
  trained.trained->connections[0].weight = 0.1 + 0.2;
  const WorkResult received = decode_result(encode_result(0, {trained, Evaluation{1.0, false, false, ""}}));
  REQUIRE(received.evaluations.size() == 2);
  REQUIRE(received.evaluations[0].trained.has_value());
  CHECK(genome_to_json(*received.evaluations[0].trained) == genome_to_json(*trained.trained));
  CHECK_FALSE(received.evaluations[1].trained.has_value());
}

TEST_CASE("the training settings reach the workers unchanged") {
  EvaluationSetup setup{{{"name", "xor"}}, {}};
  TrainingSettings& training = setup.settings.training;
  training.mode = TrainingMode::baldwinian;
  training.optimiser = {OptimiserKind::sgd, 0.1 + 0.2, 0.85, 0.8, 0.99, 1e-7, 0.003, 7.5};
  training.steps = 33;
  training.batch_size = 17;
  training.kinds = {.graph = true, .kernels = false, .biases = true, .normalisation = false, .centroids = false, .shapes = true};
  training.schedule = {LearningRateSchedule::cosine, 0.1 / 3.0};
  training.generations = 77;
  training.augmentation = {.shift = 3, .flip = true};
  training.dropout = 0.1 + 0.2;
  const TrainingSettings received = decode_setup(encode_setup(setup)).settings.training;
  CHECK(received.mode == TrainingMode::baldwinian);
  CHECK(received.optimiser.kind == OptimiserKind::sgd);
  CHECK(received.optimiser.learning_rate == 0.1 + 0.2);  // exact: every worker takes the same steps
  CHECK(received.optimiser.momentum == 0.85);
  CHECK(received.optimiser.beta1 == 0.8);
  CHECK(received.optimiser.beta2 == 0.99);
  CHECK(received.optimiser.epsilon == 1e-7);
  CHECK(received.optimiser.weight_decay == 0.003);
  CHECK(received.optimiser.limit == 7.5);
  CHECK(received.steps == 33);
  CHECK(received.batch_size == 17);
  CHECK(received.kinds.graph);
  CHECK_FALSE(received.kinds.kernels);
  CHECK(received.kinds.biases);
  CHECK_FALSE(received.kinds.normalisation);
  CHECK_FALSE(received.kinds.centroids);
  CHECK(received.kinds.shapes);
  CHECK(received.schedule.kind == LearningRateSchedule::cosine);
  CHECK(received.schedule.final_learning_rate == 0.1 / 3.0);
  CHECK(received.generations == 77);
  CHECK(received.augmentation.shift == 3);
  CHECK(received.augmentation.flip);
  CHECK(received.dropout == 0.1 + 0.2);
}

TEST_CASE("a message that cannot be decoded is refused with a clear MessageError") {
  CHECK_THROWS_WITH(decode_result("{\"kind\": \"result\", \"first\": "),
                    Catch::StartsWith("cannot decode a \"result\" message: "));
  CHECK_THROWS_WITH(decode_result(encode_setup({})), "expected a \"result\" message");
  CHECK_THROWS_AS(decode_result("{\"kind\": \"result\", \"first\": 0, \"evaluations\": [[1, true]]}"), MessageError);
  CHECK_THROWS_AS(decode_work("{\"kind\": \"work\", \"generation\": 0, \"first\": 0, \"genomes\": [{}]}"), MessageError);
}
