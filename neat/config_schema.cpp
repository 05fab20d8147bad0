#include "neat/config_schema.hpp"

#include <iterator>

#include "neat/setting_builders.hpp"
#include "neat/spatial_settings.hpp"
#include "neat/training_settings.hpp"

namespace convneat {
namespace {

using nlohmann::json;

std::vector<Setting> population_settings() {
  return {
      integer("/seed", 0, kNoUpperLimit, "master seed; a run is a pure function of (config, seed)",
              [](auto& c) -> auto& { return c.seed; }),
      integer("/population/size", 2, 1000000, "genomes per generation",
              [](auto& c) -> auto& { return c.population_size; }),
      choice("/population/innovation_policy", choices_of(kInnovationPolicies),
             "how new structure gets ids (docs/architecture.md, \"Innovation-record policies\")",
             [](auto& c) -> auto& { return c.innovation_policy; }),
      choice("/population/on_extinction", choices_of(kExtinctionActions),
             "when every species is gone: start a new random population, or stop with an error",
             [](auto& c) -> auto& { return c.on_extinction; }),
  };
}

std::vector<Setting> genome_shape_settings() {
  return {
      integer("/genome/num_inputs", 1, 1000000, "input nodes (the task may require a number)",
              [](auto& c) -> auto& { return c.genome.num_inputs; }),
      integer("/genome/num_outputs", 1, 1000000, "output nodes (the task may require a number)",
              [](auto& c) -> auto& { return c.genome.num_outputs; }),
      flag("/genome/bias_node", "add a constant-1 input node, as in the original NEAT",
           [](auto& c) -> auto& { return c.genome.bias_node; }),
      flag("/genome/feed_forward", "true: no cycles ever; false: recurrent links and self-loops allowed",
           [](auto& c) -> auto& { return c.genome.feed_forward; }),
      choice("/genome/initial_connectivity", choices_of(kInitialConnectivities),
             "start genome: every input (and bias) to every output (to every start hidden node, and those to every "
             "output, with /genome/initial_hidden), none, or a random fraction",
             [](auto& c) -> auto& { return c.genome.initial_connectivity; }),
      probability("/genome/initial_connection_fraction", "fraction of start links kept by `partial`",
                  [](auto& c) -> auto& { return c.genome.initial_connection_fraction; }),
      integer("/genome/initial_hidden", 0, 100000,
              "hidden nodes in the start genome (neat-python's num_hidden), with hidden_activation: the "
              "connectivity then links every input (and bias) to each of them and them (and bias) to every "
              "output, with no direct input-output links; their biases start as the outputs' (bias_init_stdev)",
              [](auto& c) -> auto& { return c.genome.initial_hidden; }),
      choice("/genome/hidden_activation", choices_of(kActivationNames), "activation of new hidden nodes and of the start hidden layer",
             [](auto& c) -> auto& { return c.genome.hidden_activation; }),
      choice("/genome/output_activation", choices_of(kActivationNames), "activation of output nodes",
             [](auto& c) -> auto& { return c.genome.output_activation; }),
      choice_list("/genome/activation_options", kActivationNames, "activations the activation mutation chooses from",
                  [](auto& c) -> auto& { return c.genome.activation_options; }),
      choice("/genome/hidden_aggregation", choices_of(kAggregationNames),
             "aggregation of new hidden nodes and of the start hidden layer: output = act(bias + response · agg(w·x))",
             [](auto& c) -> auto& { return c.genome.hidden_aggregation; }),
      choice("/genome/output_aggregation", choices_of(kAggregationNames), "aggregation of output nodes",
             [](auto& c) -> auto& { return c.genome.output_aggregation; }),
      choice_list("/genome/aggregation_options", kAggregationNames, "aggregations the aggregation mutation chooses from",
                  [](auto& c) -> auto& { return c.genome.aggregation_options; }),
  };
}

// The seven keys of one real node attribute (genome/real_attribute.hpp), named as neat-python
// names them: /genome/<name>_init_mean, …, <name>_max_value. `what` says what the values are,
// `note` what the first key adds.
std::vector<Setting> real_attribute_settings(const std::string& name, const std::string& what, const std::string& note,
                                             double lowest, RealAttribute GenomeConfig::*attribute) {
  const std::string key = "/genome/" + name + "_";
  return {
      real(key + "init_mean", lowest, 1e6,
           "mean of start and replacement " + what + "; that of a node added by a split" + note,
           [attribute](auto& c) -> auto& { return (c.genome.*attribute).init_mean; }),
      real(key + "init_stdev", 0, 1e6, "stdev of start and replacement " + what,
           [attribute](auto& c) -> auto& { return (c.genome.*attribute).init_stdev; }),
      probability(key + "mutate_rate", "per hidden or output node: probability of a Gaussian perturbation",
                  [attribute](auto& c) -> auto& { return (c.genome.*attribute).mutate_rate; }),
      real(key + "mutate_power", 0, 1e6, "stdev of a perturbation",
           [attribute](auto& c) -> auto& { return (c.genome.*attribute).mutate_power; }),
      probability(key + "replace_rate", "per node not perturbed: probability of a new random value",
                  [attribute](auto& c) -> auto& { return (c.genome.*attribute).replace_rate; }),
      real(key + "min_value", lowest, 1e6, what + " are clamped to [" + name + "_min_value, " + name + "_max_value]",
           [attribute](auto& c) -> auto& { return (c.genome.*attribute).min_value; }),
      real(key + "max_value", lowest, 1e6, "upper end of the range of " + what,
           [attribute](auto& c) -> auto& { return (c.genome.*attribute).max_value; }),
  };
}

std::vector<Setting> genome_node_attribute_settings() {
  auto settings = real_attribute_settings("response", "responses", "", -1e6, &GenomeConfig::response);
  auto time_constants = real_attribute_settings(
      "time_constant", "time constants", " (used by /network/kind ctrnn only; in the unit of /network/time_step)", 1e-6,
      &GenomeConfig::time_constant);
  settings.insert(settings.end(), time_constants.begin(), time_constants.end());
  settings.push_back(choice("/genome/izhikevich_preset", choices_of(kSpikingPresets),
                            "spiking neurons' start a, b, c, d (Izhikevich 2003, Fig. 2): the means of "
                            "/genome/izhikevich_{a,b,c,d}_init_mean that a config does not give",
                            [](auto& c) -> auto& { return c.genome.izhikevich_preset; }));
  for (const IzhikevichAttribute& attribute : kIzhikevichAttributes) {
    const std::string letter = attribute.letter;
    auto parameter = real_attribute_settings("izhikevich_" + letter, "Izhikevich " + letter + " values",
                                             " (used by /network/kind izhikevich only)", -1e6, attribute.settings);
    settings.insert(settings.end(), parameter.begin(), parameter.end());
  }
  return settings;
}

std::vector<Setting> network_settings() {
  return {
      choice("/network/kind", choices_of(kNetworkKinds),
             "the phenotype: graph (feed-forward, or one synchronous recurrent step per activation with "
             "/genome/feed_forward false), ctrnn (continuous time: tau dy/dt = -y + act(bias + response * agg(w*x)), "
             "each node with its /genome/time_constant) or izhikevich (spiking neurons with their "
             "/genome/izhikevich_* a, b, c, d, fed currents bias + response * agg(w*x) of inputs and 0/1 spikes)",
             [](auto& c) -> auto& { return c.network.kind; }),
      choice("/network/integration", choices_of(kIntegrations),
             "ctrnn: how a step of dt moves each state y towards its target z, h = dt / tau: exponential "
             "(y <- e^-h y + (1 - e^-h) z, exact while z is constant) or forward_euler (y <- y + h (z - y))",
             [](auto& c) -> auto& { return c.network.integration; }),
      real("/network/time_step", 1e-9, 1e6,
           "ctrnn: the step dt, in the time constants' unit; izhikevich: the step in milliseconds, at most 1",
           [](auto& c) -> auto& { return c.network.time_step; }),
      integer("/network/steps_per_activation", 1, 1000000,
              "ctrnn, izhikevich: steps of time_step one activation advances, the inputs held (a task's control "
              "step, or a spiking network's counting window, lasts steps_per_activation * time_step)",
              [](auto& c) -> auto& { return c.network.steps_per_activation; }),
      choice("/network/spike_output", choices_of(kSpikeOutputs),
             "izhikevich: what an output neuron gives for an activation: its spike count in the window, or its rate "
             "in spikes per second",
             [](auto& c) -> auto& { return c.network.spike_output; }),
      flag("/network/dense_layers",
           "feed-forward graph: each depth whose plainly summing nodes' connections fill at least half of a "
           "nodes x sources block (256 connections or more: a hidden layer over a flattened front end) is computed "
           "as one matrix product (GEMM), several times faster; the sums then add in another order, so results "
           "differ in the last bits from the default connection-by-connection loop",
           [](auto& c) -> auto& { return c.network.dense_layers; }),
  };
}

std::vector<Setting> genome_value_settings() {
  return {
      real("/genome/weight_init_stdev", 0, 1e6, "stdev of new weights (mean 0)",
           [](auto& c) -> auto& { return c.genome.weight_init_stdev; }),
      real("/genome/weight_limit", 1e-9, 1e6, "weights and biases are clamped to [-limit, limit]",
           [](auto& c) -> auto& { return c.genome.weight_limit; }),
      probability("/genome/weight_mutate_rate", "per connection: probability of a Gaussian perturbation",
                  [](auto& c) -> auto& { return c.genome.weight_mutate_rate; }),
      real("/genome/weight_mutate_power", 0, 1e6, "stdev of a weight perturbation",
           [](auto& c) -> auto& { return c.genome.weight_mutate_power; }),
      probability("/genome/weight_replace_rate", "per connection not perturbed: probability of a new random weight",
                  [](auto& c) -> auto& { return c.genome.weight_replace_rate; }),
      real("/genome/bias_init_stdev", 0, 1e6, "stdev of initial node biases (mean 0)",
           [](auto& c) -> auto& { return c.genome.bias_init_stdev; }),
      probability("/genome/bias_mutate_rate", "per node: probability of a Gaussian bias perturbation",
                  [](auto& c) -> auto& { return c.genome.bias_mutate_rate; }),
      real("/genome/bias_mutate_power", 0, 1e6, "stdev of a bias perturbation",
           [](auto& c) -> auto& { return c.genome.bias_mutate_power; }),
      probability("/genome/bias_replace_rate", "per node not perturbed: probability of a new random bias",
                  [](auto& c) -> auto& { return c.genome.bias_replace_rate; }),
      real("/genome/mutate_power_final_scale", 1e-6, 1,
           "factor on every perturbation stdev (weights, biases, responses, kernels, norms, centroids) reached after "
           "mutate_power_decay_generations, falling geometrically from 1",
           [](auto& c) -> auto& { return c.genome.mutate_power_final_scale; }),
      integer("/genome/mutate_power_decay_generations", 0, 1000000000,
              "generations over which perturbation stdevs fall to mutate_power_final_scale (0: no annealing)",
              [](auto& c) -> auto& { return c.genome.mutate_power_decay_generations; }),
  };
}

std::vector<Setting> genome_structure_settings() {
  return {
      probability("/genome/add_connection_rate", "per offspring: probability of adding a connection",
                  [](auto& c) -> auto& { return c.genome.add_connection_rate; }),
      probability("/genome/add_node_rate", "per offspring: probability of splitting a connection with a node",
                  [](auto& c) -> auto& { return c.genome.add_node_rate; }),
      probability("/genome/delete_connection_rate", "per offspring: probability of deleting a connection",
                  [](auto& c) -> auto& { return c.genome.delete_connection_rate; }),
      probability("/genome/delete_node_rate", "per offspring: probability of deleting a hidden node",
                  [](auto& c) -> auto& { return c.genome.delete_node_rate; }),
      probability("/genome/toggle_enabled_rate", "per offspring: probability of flipping a connection's enabled flag",
                  [](auto& c) -> auto& { return c.genome.toggle_enabled_rate; }),
      probability("/genome/activation_mutate_rate",
                  "per offspring: probability of a new activation for a hidden node",
                  [](auto& c) -> auto& { return c.genome.activation_mutate_rate; }),
      probability("/genome/aggregation_mutate_rate",
                  "per offspring: probability of a new aggregation for a hidden node",
                  [](auto& c) -> auto& { return c.genome.aggregation_mutate_rate; }),
      integer("/genome/add_connection_attempts", 1, 100000, "node pairs tried before add-connection gives up",
              [](auto& c) -> auto& { return c.genome.add_connection_attempts; }),
      probability("/genome/disabled_gene_inheritance",
                  "crossover: a gene disabled in either parent stays disabled with this probability",
                  [](auto& c) -> auto& { return c.genome.disabled_gene_inheritance; }),
  };
}

std::vector<Setting> species_settings() {
  return {
      real("/species/excess_coefficient", 0, 1e6, "c1 in δ = c1·E/N + c2·D/N + c3·W̄",
           [](auto& c) -> auto& { return c.genome.excess_coefficient; }),
      real("/species/disjoint_coefficient", 0, 1e6, "c2 in δ",
           [](auto& c) -> auto& { return c.genome.disjoint_coefficient; }),
      real("/species/weight_coefficient", 0, 1e6, "c3 in δ (mean weight difference of matching genes)",
           [](auto& c) -> auto& { return c.genome.weight_coefficient; }),
      real("/species/node_coefficient", 0, 1e6,
           "c4 in δ + c4·V̄, V̄ the mean over shared hidden and output nodes of |Δbias| + |Δresponse| + "
           "[activations differ] + [aggregations differ] (0: the paper's δ)",
           [](auto& c) -> auto& { return c.genome.node_coefficient; }),
      integer("/species/small_genome_size", 0, 1000000,
              "N = 1 when both genomes have fewer connection genes than this (0: always the larger count)",
              [](auto& c) -> auto& { return c.genome.small_genome_size; }),
      real("/species/compatibility_threshold", 1e-9, 1e6, "δ below which a genome joins a species",
           [](auto& c) -> auto& { return c.species.compatibility_threshold; }),
      flag("/species/dynamic_threshold", "adjust the threshold each generation toward target_species",
           [](auto& c) -> auto& { return c.species.dynamic_threshold; }),
      choice("/species/threshold_control", choices_of(kThresholdControls),
             "how the dynamic threshold moves: additive (± threshold_step a generation, as Stanley's NEAT code) or "
             "proportional (× (species / target_species)^threshold_gain, at most a doubling or halving a generation; "
             "finds δ's scale on any task once threshold_min is below it, e.g. 1e-6; use it with merge_species) or "
             "search (before each speciation, trial speciations find the threshold giving the count nearest "
             "target_species: doubling or halving from the last, then bisection of its logarithm; about 10 "
             "trial speciations a generation, sharing their distances; like proportional it needs threshold_min "
             "below δ's scale and merge_species to lower a count)",
             [](auto& c) -> auto& { return c.species.threshold_controller.kind; }),
      integer("/species/target_species", 1, 1000000, "species count the dynamic threshold steers toward",
              [](auto& c) -> auto& { return c.species.threshold_controller.target; }),
      real("/species/threshold_step", 0, 1e6, "additive control: dynamic threshold change per generation",
           [](auto& c) -> auto& { return c.species.threshold_controller.step; }),
      real("/species/threshold_gain", 0, 10, "proportional control: the exponent of species / target_species",
           [](auto& c) -> auto& { return c.species.threshold_controller.gain; }),
      real("/species/threshold_min", 1e-9, 1e6, "lowest value of the dynamic threshold",
           [](auto& c) -> auto& { return c.species.threshold_controller.minimum; }),
      flag("/species/merge_species",
           "before each speciation, a species whose representative is nearer than the threshold to an older "
           "species' representative joins that species (so a rising threshold lowers the count at once)",
           [](auto& c) -> auto& { return c.species.merge_species; }),
      integer("/species/max_stagnation", 1, 1000000, "generations without improvement before a species is removed",
              [](auto& c) -> auto& { return c.species.max_stagnation; }),
      integer("/species/species_elitism", 0, 1000000, "this many best species are never removed for stagnation",
              [](auto& c) -> auto& { return c.species.species_elitism; }),
  };
}

std::vector<Setting> reproduction_settings() {
  return {
      integer("/reproduction/elitism", 0, 1000000, "best members of each species copied unchanged",
              [](auto& c) -> auto& { return c.reproduction.elitism; }),
      integer("/reproduction/elitism_min_species_size", 0, 1000000, "species smaller than this keep no elites",
              [](auto& c) -> auto& { return c.reproduction.elitism_min_species_size; }),
      real("/reproduction/survival_threshold", 1e-9, 1, "fraction of each species (best first) that may reproduce",
           [](auto& c) -> auto& { return c.reproduction.survival_threshold; }),
      probability("/reproduction/crossover_rate", "probability an offspring comes from crossover (else a clone)",
                  [](auto& c) -> auto& { return c.reproduction.crossover_rate; }),
      probability("/reproduction/interspecies_mating_rate",
                  "probability a crossover takes its second parent from another species",
                  [](auto& c) -> auto& { return c.reproduction.interspecies_mating_rate; }),
      integer("/reproduction/min_species_size", 1, 1000000, "offspring every surviving species receives at least",
              [](auto& c) -> auto& { return c.reproduction.min_species_size; }),
  };
}

std::vector<Setting> selection_settings() {
  return {
      choice("/selection/objective", choices_of(kSelectionObjectives),
             "what fitness sharing, offspring allotment, survival, elites and parents rank genomes by: the task's "
             "fitness (NEAT as published), novelty (mean distance of the genome's behaviour to its k nearest in the "
             "generation and the archive; the task must describe behaviour), blend ((1 - novelty_weight) * fitness + "
             "novelty_weight * novelty, both scaled to [0, 1] over the generation) or pareto (NSGA-II's fronts and "
             "crowding distance over /selection/objectives). Species, stagnation (on fitness) and the champion (the "
             "fittest) stay as they are (docs/selection.md)",
             [](auto& c) -> auto& { return c.selection.objective; }),
      probability("/selection/novelty_weight", "blend: the weight of novelty (0: fitness alone, 1: novelty alone)",
                  [](auto& c) -> auto& { return c.selection.novelty_weight; }),
      choice_list("/selection/objectives", kParetoObjectives,
                  "pareto: the objectives NSGA-II ranks by (parameters is minimised: enabled connection weights, "
                  "hidden and output biases and the front end's parameters; the others maximised)",
                  [](auto& c) -> auto& { return c.selection.objectives; }),
      optional_real("/selection/minimal_criterion",
                    "genomes whose fitness is below this score the lowest under any objective and stay out of the "
                    "novelty archive (minimal criterion novelty search); null: none",
                    [](auto& c) -> auto& { return c.selection.minimal_criterion; }),
      integer("/novelty/neighbours", 1, 1000000, "k: novelty is the mean distance to the k nearest behaviours",
              [](auto& c) -> auto& { return c.selection.novelty.neighbours; }),
      choice("/novelty/archive_rule", choices_of(kArchiveRules),
             "which behaviours the archive keeps: the archive_per_generation most novel of each generation, every one "
             "more novel than a threshold that moves (x1.2 after a generation adding more than 4, x0.95 after one "
             "adding none), each with probability archive_probability, or none",
             [](auto& c) -> auto& { return c.selection.novelty.archive_rule; }),
      integer("/novelty/archive_per_generation", 0, 1000000, "most_novel: behaviours added each generation",
              [](auto& c) -> auto& { return c.selection.novelty.archive_per_generation; }),
      real("/novelty/archive_threshold", 1e-9, 1e9,
           "threshold: the novelty a behaviour needs to enter the archive, at the start (it then moves)",
           [](auto& c) -> auto& { return c.selection.novelty.archive_threshold; }),
      probability("/novelty/archive_probability", "random: the chance each genome's behaviour enters the archive",
                  [](auto& c) -> auto& { return c.selection.novelty.archive_probability; }),
      integer("/novelty/archive_limit", 0, 100000000,
              "most behaviours the archive keeps, the oldest leaving first (0: no limit)",
              [](auto& c) -> auto& { return c.selection.novelty.archive_limit; }),
  };
}

std::vector<Setting> run_settings() {
  return {
      flag("/stop/when_solved", "stop when a genome solves the task (the task defines solving)",
           [](auto& c) -> auto& { return c.stop.stop_when_solved; }),
      optional_real("/stop/fitness_threshold", "stop when the best fitness reaches this (null: never)",
                    [](auto& c) -> auto& { return c.stop.fitness_threshold; }),
      integer("/stop/max_generations", 1, kNoUpperLimit, "stop after this many generations",
              [](auto& c) -> auto& { return c.stop.max_generations; }),
      integer("/stop/max_evaluations", 0, kNoUpperLimit, "stop once this many genomes were evaluated (0: no limit)",
              [](auto& c) -> auto& { return c.stop.max_evaluations; }),
      choice("/vector_units", choices_of(kVectorUnits),
             "SIMD instructions of the networks' float arithmetic: portable (SSE2: the same results on every "
             "x86-64 machine), avx2 (AVX2 and FMA, x86-64-v3) or avx512 (AVX-512, x86-64-v4): faster where the "
             "processor has them, in another summation order, so results match only runs on the same path (for any "
             "thread count); convneat continues as convneat-avx2 or convneat-avx512, built beside it",
             [](auto& c) -> auto& { return c.vector_units; }),
      integer("/evaluation/threads", 0, 4096, "evaluation threads (0: every core); results do not depend on it",
              [](auto& c) -> auto& { return c.threads; }),
      real("/evaluation/time_limit_seconds", 0.0, 1e6,
           "longest one genome's evaluation may take, in seconds (0: no limit); a genome past it fails and gets "
           "the lowest fitness of its generation, like one whose task throws. A limit makes results depend on the "
           "machine's speed: a run is reproducible only as long as no genome reaches it. Work a generation's genomes "
           "share (image tasks: a first layer run for many genomes in one product) is nobody's and not counted",
           [](auto& c) -> auto& { return c.time_limit_seconds; }),
      choice("/evaluation/backend", choices_of(kEvaluatorBackends),
             "tbb: this process's threads; mpi: the ranks of `mpirun -np N convneat run` (docs/mpi.md); "
             "results do not depend on it",
             [](auto& c) -> auto& { return c.backend; }),
      real("/evaluation/mpi_slice_timeout_seconds", 0.0, 1e6,
           "with the mpi back end: longest a worker rank may take to answer one slice of a generation, in "
           "seconds (0: no limit); past it rank 0 names the rank and ends the job, keeping the last checkpoint "
           "(docs/mpi.md). Results do not depend on it",
           [](auto& c) -> auto& { return c.mpi_slice_timeout_seconds; }),
      text("/output/directory", "where a run writes its results",
           [](auto& c) -> auto& { return c.output_directory; }),
      integer("/output/checkpoint_interval", 0, kNoUpperLimit,
              "checkpoint every this many generations (0: only as checkpoint_seconds says, and at the end)",
              [](auto& c) -> auto& { return c.checkpoint_interval; }),
      real("/output/checkpoint_seconds", 0.0, 1e9,
           "also checkpoint after any generation ending this many seconds (the run's clock) or more after the "
           "previous checkpoint (0: never by time), so a killed run loses at most that much work plus a "
           "generation or two (checkpoints are written beside the run); which generations that picks depends on the machine's speed, results do not",
           [](auto& c) -> auto& { return c.checkpoint_seconds; }),
      choice("/output/checkpoint_format", choices_of(kCheckpointFormats),
             "binary: checkpoint.cbor, CBOR with packed gene lists, many times cheaper to write than JSON (a "
             "checkpoint every generation costs little); json: checkpoint.json, text to read (`convneat checkpoint` "
             "converts either way); --resume reads both",
             [](auto& c) -> auto& { return c.checkpoint_format; }),
      integer("/output/progress_every", 1, kNoUpperLimit,
              "print the progress line of every this many generations (and of the last, a solving one and one "
              "whose champion test passed); results do not depend on it",
              [](auto& c) -> auto& { return c.progress_every; }),
  };
}

std::vector<Setting> all_settings() {
  std::vector<Setting> all;
  for (auto group : {population_settings, genome_shape_settings, genome_value_settings, genome_node_attribute_settings,
                     genome_structure_settings, spatial_settings, network_settings, species_settings,
                     reproduction_settings, selection_settings, training_settings, run_settings}) {
    auto settings = group();
    all.insert(all.end(), std::make_move_iterator(settings.begin()), std::make_move_iterator(settings.end()));
  }
  return all;
}

}  // namespace

const std::vector<Setting>& config_settings() {
  static const std::vector<Setting> settings = all_settings();
  return settings;
}

}  // namespace convneat
