#pragma once
// A shipped image config, fitted to its task, with a few keys changed: the common set-up of
// the tests that train or test genomes on image tasks.
#include <map>
#include <memory>
#include <string>

#include "experiments/config_file.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "genome/initial_genome.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/node_layout.hpp"
#include "neat/config_document.hpp"
#include "neat/evaluator.hpp"

namespace convneat::testing {

struct ImageExperiment {
  NeatConfig config;
  std::unique_ptr<Task> task;

  explicit ImageExperiment(const std::string& file, const std::map<std::string, std::string>& changes = {}) {
    const std::string path = std::string(CONVNEAT_SOURCE_DIR "/experiments/configs/") + file;
    LoadedExperiment loaded = load_experiment(path);
    for (const auto& [key, value] : changes) apply_override(loaded.config, key, value);
    task = make_task(loaded.config.task, path);
    fit_genome_to_task(loaded.config, loaded.document, *task, path);
    config = loaded.config;
  }

  Genome start_genome(std::uint64_t id) const {
    auto policy = make_innovation_policy(config.innovation_policy, NodeLayout(config.genome).first_free_node);
    RandomStream random(config.seed, 0, id, Purpose::initial_population);
    return make_initial_genome(id, config.genome, *policy, random);
  }

  double validation_accuracy(const Genome& genome) const {
    return run_champion_test(genome, *task, Phenotype{}, ChampionTestScope::generation).figures.at("validation_accuracy");
  }
};

}  // namespace convneat::testing
