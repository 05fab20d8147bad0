#pragma once
// What an experiment asks of a phenotype. Tasks live in experiments/; the engine only sees
// this interface. A task must be safe to call from several threads at once (evaluate is
// const), must draw every random number from the stream it is given, and should call
// context.deadline.check() in its inner loops so that a time limit can stop it.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "genome/node_names.hpp"
#include "genome/random.hpp"
#include "genome/spatial_gene.hpp"
#include "neat/behaviour.hpp"
#include "neat/evaluation_deadline.hpp"
#include "nets/network.hpp"
#include "training/objective.hpp"

namespace convneat {

struct TaskResult {
  double fitness = 0.0;
  bool solved = false;  // the task's own success criterion
  // What the network did, when the context asks for it (neat/behaviour.hpp); else empty.
  Behaviour behaviour{};
};

struct EvaluationContext {
  std::uint64_t seed;       // the run's seed, for draws shared by a whole generation
  std::size_t generation;
  GenomeId genome;
  RandomStream& random;     // this genome's own stream for this generation
  // Tasks call deadline.check() in their inner loops (/evaluation/time_limit_seconds).
  EvaluationDeadline deadline{};
  // Whether the run needs the genome's behaviour (novelty search): only then does a task spend
  // the time to describe it in TaskResult::behaviour.
  bool describe_behaviour = false;
};

// A harder test a task may run on one genome per generation, after evaluation (the
// double-pole-no-velocity task's 100,000-decision and 625-start generalisation tests).
// Its cost is not counted as evaluations; its figures are reported.
//
// What a champion test measures. Each generation's test needs only what decides something —
// success, and which genome becomes the run's champion (image tasks: validation accuracy).
// The run's champion, once the run ends, also gets the figures that are only reported (image
// tasks: test accuracy), so a held-out test split is looked at once per run, not once per
// generation, unless the task is asked to (image tasks: /task/test_every_generation).
enum class ChampionTestScope { generation, final };

// Compiles a fresh phenotype of the genome under test. A task that scores a champion in
// parallel calls it once per thread: a network keeps scratch buffers and is not safe to share.
using CompileNetwork = std::function<std::unique_ptr<Network>()>;

struct ChampionTestResult {
  bool solved = false;
  std::map<std::string, double> figures;  // e.g. {"generalisation", 286}
  // Tasks whose fitness is measured on a batch drawn anew each generation cannot compare two
  // generations' fitness (an easy batch flatters everyone). Such a task gives the tested
  // genome a held-out score comparable across generations (higher is better: validation
  // accuracy); the run's champion is then the tested genome with the best score.
  std::optional<double> selection_score{};
};

class Task {
 public:
  virtual ~Task() = default;
  virtual std::string name() const = 0;
  virtual std::size_t input_count() const = 0;
  // Tasks whose inputs are images say their shape (input_count() is then its size); a
  // genome may put a spatial front end in front of its graph only for these.
  virtual std::optional<ImageShape> image_shape() const { return std::nullopt; }
  // How many images one example holds (a pair: 2); input_count() is then that many image
  // sizes, copy after copy. A genome's front end is applied to each with the same
  // parameters, and their readouts feed distinct graph inputs.
  virtual std::size_t images_per_example() const { return 1; }
  virtual std::size_t output_count() const = 0;
  virtual TaskResult evaluate(Network& network, EvaluationContext& context) const = 0;
  // Work every network of a generation would otherwise repeat, done once for all of them
  // before any is evaluated (image tasks: the first spatial layer of front ends alike in it, in
  // one product per group, nets/population_first_layer.hpp). It may only make evaluate()
  // faster: every evaluate() result must stay, to the bit, what it is without this call.
  // TbbEvaluator (also inside each MPI worker, on its slice) calls it inside its thread arena
  // (it may work in parallel) with the networks of the generation that compiled, then
  // evaluates each; an exception here is ignored (each network then does all its own work).
  // `seed` is the run's seed.
  virtual void share_generation_work(std::span<Network* const> /*networks*/, std::uint64_t /*seed*/,
                                     std::size_t /*generation*/) const {}
  // Whether share_generation_work() does anything. Only then does an evaluator hold a whole
  // generation's networks at once: for small networks that costs more than it could save
  // (XOR: about 10 % of a run).
  virtual bool shares_generation_work() const { return false; }
  // What the fitness number means, for people reading `convneat eval`.
  virtual std::string fitness_meaning() const { return "fitness"; }
  // Names of the inputs and outputs in their order (one per input or output), or empty when
  // the task has none: drawings of a champion (champion.dot) label its nodes with them. An
  // image task names no inputs (they are pixels) but may name its classes.
  virtual std::vector<std::string> input_names() const { return {}; }
  virtual std::vector<std::string> output_names() const { return {}; }

  // Tasks whose success is decided by a champion test override both. When a task has one,
  // evaluate()'s `solved` is ignored and the run is solved when a champion test passes.
  // A champion test is a pure function of the phenotype (no random draws): the population
  // reuses the result when the same phenotype is tested again.
  virtual bool has_champion_test() const { return false; }
  virtual ChampionTestResult test_champion(const CompileNetwork&, ChampionTestScope) const { return {}; }

  // Tasks that can describe what a network did (for novelty search, neat/novelty.hpp) say how
  // two descriptions compare; nullopt: the task describes nothing.
  virtual std::optional<BehaviourMetric> behaviour_metric() const { return std::nullopt; }

  // Tasks that can be trained by gradient (/training/mode) give their training examples and
  // a differentiable loss; nullptr: the task cannot be trained (pole balancing). The objective
  // must live as long as the task and, like evaluate(), be safe to call from several threads.
  virtual const TrainingObjective* training_objective() const { return nullptr; }
};

// The task's names, each list kept only when it names every input (output) — a task that
// names some but not all would mislabel the drawing. An image task's inputs go unnamed: its
// genomes' input nodes are the front end's readouts, not the pixels it might name.
inline NodeNames node_names(const Task& task) {
  NodeNames names{task.input_names(), task.output_names()};
  if (names.inputs.size() != task.input_count() || task.image_shape()) names.inputs.clear();
  if (names.outputs.size() != task.output_count()) names.outputs.clear();
  return names;
}

}  // namespace convneat
