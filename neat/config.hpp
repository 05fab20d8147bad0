#pragma once
// Everything an experiment sets. Defaults are in the spirit of the 2002 NEAT paper's XOR
// set-up; README.md ("Differences from the 2002 paper") lists where and why they differ. The JSON keys, allowed values and one-line descriptions of every field live in
// one table, config_schema.cpp, from which docs/config.md is generated.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "genome/genome_config.hpp"
#include "genome/innovation/innovation_policy.hpp"
#include "genome/name_table.hpp"
#include "neat/selection.hpp"
#include "neat/threshold_control.hpp"
#include "nets/phenotype.hpp"
#include "training/settings.hpp"

namespace convneat {

struct SpeciesConfig {
  double compatibility_threshold = 3.0;
  // Steer the threshold toward a species count after every speciation (threshold_control.hpp).
  bool dynamic_threshold = true;
  ThresholdController threshold_controller{};
  // Species whose representatives are nearer than the threshold become one (species.hpp).
  bool merge_species = false;
  std::size_t max_stagnation = 15;   // generations without improvement before removal
  std::size_t species_elitism = 2;   // the best species are never removed for stagnation
};

struct ReproductionConfig {
  std::size_t elitism = 1;                  // best members copied unchanged into the next generation
  std::size_t elitism_min_species_size = 5; // only species at least this big keep their elites
  double survival_threshold = 0.2;          // fraction of each species allowed to reproduce
  double crossover_rate = 0.75;             // the rest are mutated clones
  double interspecies_mating_rate = 0.001;
  std::size_t min_species_size = 2;         // offspring every surviving species receives at least
};

enum class ExtinctionAction { reseed, stop };

inline constexpr auto kExtinctionActions =
    name_table<ExtinctionAction>({{ExtinctionAction::reseed, "reseed"}, {ExtinctionAction::stop, "stop"}});

// Where genomes are evaluated: this process's cores (oneTBB), or the ranks of an MPI job
// (neat/mpi_evaluator.hpp), each rank using its cores with oneTBB. Results never depend on it.
enum class EvaluatorBackend { tbb, mpi };

inline constexpr auto kEvaluatorBackends =
    name_table<EvaluatorBackend>({{EvaluatorBackend::tbb, "tbb"}, {EvaluatorBackend::mpi, "mpi"}});

// How checkpoints are written (neat/checkpoint.hpp): binary (the default) —
// CBOR with each genome's gene lists packed, at a fraction of the cost — or JSON text people
// can read. Both resume alike.
enum class CheckpointFormat { json, binary };

inline constexpr auto kCheckpointFormats =
    name_table<CheckpointFormat>({{CheckpointFormat::json, "json"}, {CheckpointFormat::binary, "binary"}});

// Which SIMD instructions the float arithmetic of networks is compiled for (experiments/
// vector_units.hpp): portable (SSE2, any x86-64: the same results on every machine), avx2
// (x86-64-v3) or avx512 (x86-64-v4). A wide path is faster where the processor has it and
// sums floats in another order, so its results match only runs on the same path (for any
// number of threads or ranks). Part of what a run is: a resume must keep it.
enum class VectorUnits { portable, avx2, avx512 };

inline constexpr auto kVectorUnits = name_table<VectorUnits>(
    {{VectorUnits::portable, "portable"}, {VectorUnits::avx2, "avx2"}, {VectorUnits::avx512, "avx512"}});

struct StopConfig {
  bool stop_when_solved = true;              // the task says when a genome solves it
  std::optional<double> fitness_threshold;   // stop once the best fitness reaches this
  std::size_t max_generations = 100;
  std::size_t max_evaluations = 0;           // 0: no limit
};

struct NeatConfig {
  std::uint64_t seed = 1;
  std::size_t population_size = 150;
  InnovationPolicyKind innovation_policy = InnovationPolicyKind::per_generation;
  ExtinctionAction on_extinction = ExtinctionAction::reseed;
  GenomeConfig genome;
  NetworkSettings network;  // which phenotype genomes become, with genome.feed_forward
  SpeciesConfig species;
  ReproductionConfig reproduction;
  SelectionConfig selection;  // what reproduction ranks genomes by (neat/selection.hpp)
  StopConfig stop;
  TrainingSettings training;  // off unless /training/mode says otherwise
  VectorUnits vector_units = VectorUnits::portable;
  std::size_t threads = 0;  // 0: every core
  double time_limit_seconds = 0.0;  // one genome's evaluation (0: no limit); see neat/evaluation_deadline.hpp
  EvaluatorBackend backend = EvaluatorBackend::tbb;
  double mpi_slice_timeout_seconds = 3600.0;  // longest rank 0 waits for a worker's slice (0: no limit)
  nlohmann::json task = {{"name", "xor"}};
  std::string output_directory = "runs/xor";
  std::size_t checkpoint_interval = 0;  // 0: none by generation count
  double checkpoint_seconds = 60.0;     // a checkpoint once a minute of the run's clock passed (0: none by time)
  CheckpointFormat checkpoint_format = CheckpointFormat::binary;
  std::size_t progress_every = 1;       // a progress line every this many generations
};

// What the run's genomes are compiled into.
inline Phenotype phenotype_of(const NeatConfig& config) { return {config.genome.feed_forward, config.network}; }

}  // namespace convneat
