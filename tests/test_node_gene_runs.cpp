// Runs that evolve aggregations, responses and the new activations keep ConvNEAT's promises:
// the same bytes on 1 and 2 threads, and a run resumed from either checkpoint format equal to
// the run straight through.
#include <catch2/catch.hpp>

#include "checkpoint_population.hpp"
#include "cli_support.hpp"

using namespace convneat;
using namespace convneat::testing;
namespace fs = std::filesystem;

namespace {

const std::string kXor = shell_quote(CONVNEAT_SOURCE_DIR "/experiments/configs/xor.json");
// Every node gene varies: aggregations, responses, biases and activations mutate, and the
// node term of the distance counts.
const std::string kNodeGenes =
    " --set stop.when_solved=false --set genome.aggregation_mutate_rate=0.5"
    " --set 'genome.aggregation_options=[\"sum\",\"product\",\"max\",\"min\",\"maxabs\",\"median\",\"mean\"]'"
    " --set genome.activation_mutate_rate=0.5"
    " --set 'genome.activation_options=[\"neat_python_sigmoid\",\"selu\",\"hat\",\"inv\",\"cube\",\"log\"]'"
    " --set genome.response_init_stdev=0.5 --set genome.response_mutate_rate=0.5"
    " --set genome.response_mutate_power=0.3 --set genome.response_replace_rate=0.1"
    " --set genome.add_node_rate=0.3 --set species.node_coefficient=0.5";

}  // namespace

TEST_CASE("A run evolving aggregations and responses is the same on 1 and 2 threads", "[node genes]") {
  ScratchDirectory scratch("node-genes-threads");
  for (const char* threads : {"1", "2"})
    run_ok("run " + kXor + kNodeGenes + " --generations 12 --threads " + threads + " --out " +
           shell_quote((scratch / threads).string()));
  check_same_run_files(scratch / "1", scratch / "2");
  const auto new_node_genes = [](const NodeGene& node) { return !node.has_default_response_and_aggregation(); };
  CHECK(genomes_with_node(scratch / "1" / "checkpoint.cbor", new_node_genes) > 100);  // the run did use them
}

TEST_CASE("A run evolving aggregations and responses resumes from either checkpoint format to the same bytes",
          "[node genes]") {
  ScratchDirectory scratch("node-genes-resume");
  check_resume_in_both_formats(kXor + kNodeGenes, 8, 16, scratch.path());
}

TEST_CASE("A response range whose minimum is above its maximum is refused by name", "[node genes]") {
  ScratchDirectory scratch("node-genes-range");
  const auto result = run_cli("run " + kXor + " --set genome.response_min_value=5 --set genome.response_max_value=1 --out " +
                              shell_quote((scratch / "run").string()));
  CHECK(result.exit_code != 0);
  CHECK_THAT(result.output, Catch::Contains("/genome/response_min_value: expected at most response_max_value (1.0), got 5.0"));
  CHECK_FALSE(fs::exists(scratch / "run" / "checkpoint.cbor"));
}
