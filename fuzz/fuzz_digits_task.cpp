// A digits CSV (raw or gzip-compressed) → the digits or digit_pairs task, made by make_task as
// `convneat run` makes it, then a start genome with a virtually batch-normalised front end
// scored on a training batch and tested on the held-out splits. Finds what the parser alone
// cannot: a file that parses but leaves a split too small for the task.
//
// Input framing: [flags][file] (fuzz/fuzz_input.hpp, one_file); besides bit 0 (gzip), bit 1
// chooses split "file_order" over "stratified" and bit 2 the digit_pairs task over digits.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "experiments/config_file.hpp"
#include "experiments/tasks/task_registry.hpp"
#include "fuzz/fuzz_input.hpp"
#include "genome/initial_genome.hpp"
#include "genome/innovation/make_innovation_policy.hpp"
#include "genome/node_layout.hpp"
#include "neat/config_schema.hpp"
#include "nets/compile_network.hpp"

namespace {

// Small batches and pair pools keep an input cheap; the front end's normalisation makes the
// task draw a reference batch from the training split.
constexpr const char* kConfig = R"({
  "genome": {"spatial": {"layers": [{"mode": "shared", "kernel_size": 3, "channels": 2, "pooling": "max",
                                     "virtual_batch_norm": true}]}}
})";

// The loader reads files only, and takes a name ending in .gz for gzip: each input overwrites
// the file of a scratch folder of this process, removed when the fuzzer exits.
class ScratchFolder {
 public:
  ScratchFolder()
      : path_(std::filesystem::temp_directory_path() / ("convneat-fuzz-digits-task-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path_);
  }
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::filesystem::path write(const std::string& bytes, bool gzipped) const {
    const std::filesystem::path file = path_ / (gzipped ? "digits.csv.gz" : "digits.csv");
    std::ofstream(file, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return file;
  }

 private:
  std::filesystem::path path_;
};

nlohmann::json task_section(const std::filesystem::path& file, std::uint8_t flags) {
  nlohmann::json task = {{"name", (flags & 4) != 0 ? "digit_pairs" : "digits"},
                         {"path", file.string()},
                         {"split", (flags & 2) != 0 ? "file_order" : "stratified"},
                         {"batch_size", 16},
                         {"reference_size", 8}};
  if ((flags & 4) != 0) task.update({{"train_pairs", 16}, {"validation_pairs", 8}, {"test_pairs", 8}});
  return task;
}

// Scores a start genome as a run's first generation and champion test would.
void score_start_genome(const convneat::Task& task, convneat::NeatConfig config, const nlohmann::json& document) {
  using namespace convneat;
  fit_genome_to_task(config, document, task, "fuzz.json");
  auto innovations =
      make_innovation_policy(InnovationPolicyKind::per_generation, NodeLayout(config.genome).first_free_node);
  RandomStream random(1, 0, 0, Purpose::initial_population);
  const Genome genome = make_initial_genome(0, config.genome, *innovations, random);
  auto network = compile_network(genome, true);
  RandomStream evaluation(1, 0, 0, Purpose::evaluation);
  EvaluationContext context{1, 0, 0, evaluation};
  task.evaluate(*network, context);
  task.test_champion([&] { return compile_network(genome, true); }, ChampionTestScope::final);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace convneat;
  const std::string bytes = fuzz::as_text(data, size);
  const auto input = fuzz::one_file(bytes);
  if (!input) return 0;
  const auto flags = static_cast<std::uint8_t>(bytes[0]);
  static const ScratchFolder scratch;
  const std::filesystem::path file = scratch.write(input->first, input->gzipped);
  try {
    const LoadedExperiment loaded = load_experiment_text(kConfig, "fuzz.json");
    const auto task = make_task(task_section(file, flags), "fuzz.json");
    score_start_genome(*task, loaded.config, loaded.document);
  } catch (const ConfigError&) {  // a task's answer to a dataset it cannot use
  }
  return 0;
}
