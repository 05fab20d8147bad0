// Training one genome by gradient: on XOR it lowers the loss from most random starts, the
// trained values are the genome's own afterwards (the phenotype compiled from it scores the
// trained loss), the same stream gives the same genome, and what cannot be trained is
// refused.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "experiments/tasks/xor_task.hpp"
#include "nets/feed_forward_network.hpp"
#include "test_support.hpp"
#include "training/genome_training.hpp"

using namespace convneat;
using namespace convneat::testing;

namespace {

// 2-3-1: inputs 0, 1, bias 2, tanh hidden nodes 4–6, sigmoid output 3, weights from `seed`.
Genome small_xor_genome(std::uint64_t seed) {
  RandomStream random(seed, 0, 0, Purpose::initial_population);
  Genome genome = make_genome({input(0), input(1), bias_node(2), output(3, Activation::sigmoid)}, {});
  InnovationId innovation = 1;
  for (NodeId h = 4; h <= 6; ++h) {
    genome.insert_node(hidden(h, Activation::tanh));
    for (NodeId source = 0; source <= 2; ++source)
      genome.insert_connection(link(innovation++, source, h, random.normal(0.0, 1.0)));
    genome.insert_connection(link(innovation++, h, 3, random.normal(0.0, 1.0)));
  }
  genome.insert_connection(link(innovation++, 2, 3, random.normal(0.0, 1.0)));
  return genome;
}

TrainingSettings adam(std::size_t steps) {
  TrainingSettings settings;
  settings.mode = TrainingMode::lamarckian;
  settings.optimiser.learning_rate = 0.05;
  settings.optimiser.limit = 8.0;
  settings.steps = steps;
  return settings;
}

// The mean squared error of the genome's own phenotype on the four patterns.
double xor_loss(const Genome& genome) {
  XorTask task;
  FeedForwardNetwork network(genome);
  RandomStream random(1, 0, 0, Purpose::evaluation);
  EvaluationContext context{1, 0, genome.id, random};
  return (4.0 - task.evaluate(network, context).fitness) / 4.0;
}

}  // namespace

TEST_CASE("Training lowers XOR's loss from at least 18 of 20 random starts, and solves most", "[training]") {
  const XorTask task;
  std::size_t lowered = 0, solved = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Genome genome = small_xor_genome(seed);
    const double before = xor_loss(genome);
    RandomStream random(seed, 0, 0, Purpose::training);
    const TrainingReport report = train_genome(genome, *task.training_objective(), adam(500), random);
    CHECK(report.steps == 500);
    CHECK(report.first_loss == Approx(before).epsilon(1e-12));
    const double after = xor_loss(genome);
    if (after < 0.5 * before) ++lowered;
    if (after < 0.05) ++solved;  // every output within ~0.2 of its target
  }
  CHECK(lowered >= 18);
  CHECK(solved >= 15);
}

TEST_CASE("The trained values are written into the genes the graph was compiled from", "[training]") {
  const XorTask task;
  const Genome original = small_xor_genome(3);
  Genome trained = original;
  RandomStream random(3, 0, 0, Purpose::training);
  const TrainingReport report = train_genome(trained, *task.training_objective(), adam(50), random);
  REQUIRE(trained.connections.size() == original.connections.size());
  std::size_t changed = 0;
  for (std::size_t c = 0; c < trained.connections.size(); ++c) {
    CHECK(trained.connections[c].innovation == original.connections[c].innovation);
    if (trained.connections[c].weight != original.connections[c].weight) ++changed;
  }
  CHECK(changed == original.connections.size());
  CHECK(trained.find_node(3)->bias != original.find_node(3)->bias);
  CHECK(xor_loss(trained) < report.last_loss);  // one more step after the last batch's loss
}

TEST_CASE("The same stream trains a genome to the same values, bit for bit", "[training]") {
  const XorTask task;
  auto train = [&](std::uint64_t key) {
    Genome genome = small_xor_genome(7);
    RandomStream random(7, 4, key, Purpose::training);
    TrainingSettings settings = adam(40);
    settings.batch_size = 2;  // shuffled mini-batches, so the stream matters
    train_genome(genome, *task.training_objective(), settings, random);
    std::vector<double> weights;
    for (const ConnectionGene& c : genome.connections) weights.push_back(c.weight);
    return weights;
  };
  CHECK(train(1) == train(1));
  CHECK(train(1) != train(2));
}

TEST_CASE("Training stops before a step whose gradient is not finite", "[training]") {
  const XorTask task;
  Genome genome = small_xor_genome(2);
  genome.connections[0].weight = std::numeric_limits<double>::infinity();
  const Genome before = genome;
  RandomStream random(2, 0, 0, Purpose::training);
  const TrainingReport report = train_genome(genome, *task.training_objective(), adam(10), random);
  CHECK(report.steps == 0);
  for (std::size_t c = 1; c < genome.connections.size(); ++c)
    CHECK(genome.connections[c].weight == before.connections[c].weight);
}

TEST_CASE("A genome with a cycle cannot be trained", "[training]") {
  const XorTask task;
  Genome genome = small_xor_genome(1);
  genome.insert_connection(link(100, 3, 4, 0.5));  // output → hidden closes a loop
  RandomStream random(1, 0, 0, Purpose::training);
  CHECK_THROWS_AS(train_genome(genome, *task.training_objective(), adam(5), random), std::invalid_argument);
}
