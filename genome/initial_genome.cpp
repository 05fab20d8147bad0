#include "genome/initial_genome.hpp"

#include <algorithm>

#include "genome/spatial/initial_stack.hpp"
#include "genome/node_layout.hpp"

namespace convneat {
namespace {

void add_source_nodes(Genome& genome, const std::vector<NodeId>& ids, NodeKind kind) {
  for (NodeId id : ids) genome.insert_node({id, kind, Activation::identity, 0.0});
}

// Each node's bias, response, time constant and Izhikevich parameters from its stream; all but
// the bias are drawn only when their init_stdev > 0, so start genomes without varied ones keep
// their numbers.
void add_computed_nodes(Genome& genome, const std::vector<NodeId>& ids, NodeKind kind, Activation activation,
                        Aggregation aggregation, const GenomeConfig& config, RandomStream& random) {
  for (NodeId id : ids) {
    NodeGene node{id, kind, activation, random.normal(0.0, config.bias_init_stdev)};
    node.aggregation = aggregation;
    node.response = config.response.initial_value(random);
    node.time_constant = config.time_constant.initial_value(random);
    for (const IzhikevichAttribute& attribute : kIzhikevichAttributes)
      node.izhikevich.*attribute.value = (config.*attribute.settings).initial_value(random);
    genome.insert_node(node);
  }
}

// Every source to every target (a random fraction of them with `partial`), target by target.
void connect_all(Genome& genome, const std::vector<NodeId>& sources, const std::vector<NodeId>& targets,
                 const GenomeConfig& config, InnovationPolicy& innovations, RandomStream& random) {
  const bool partial = config.initial_connectivity == InitialConnectivity::partial;
  for (NodeId out : targets) {
    for (NodeId in : sources) {
      // The id is drawn even for a link that `partial` leaves out, so that every genome
      // of the population numbers the start structure the same way.
      InnovationId innovation = innovations.initial_connection(in, out);
      if (partial && !random.chance(config.initial_connection_fraction)) continue;
      genome.insert_connection({innovation, in, out, random.normal(0.0, config.weight_init_stdev), true});
    }
  }
}

}  // namespace

Genome make_initial_genome(GenomeId id, const GenomeConfig& config, InnovationPolicy& innovations,
                           RandomStream& random) {
  const NodeLayout layout(config);
  Genome genome;
  genome.id = id;
  // Same layers and ids in every start genome, parameters of its own from its stream.
  if (config.spatial.enabled()) genome.spatial = make_initial_stack(config.spatial, random);
  add_source_nodes(genome, layout.inputs, NodeKind::input);
  add_source_nodes(genome, layout.bias, NodeKind::bias);
  add_computed_nodes(genome, layout.outputs, NodeKind::output, config.output_activation, config.output_aggregation,
                     config, random);
  add_computed_nodes(genome, layout.hidden, NodeKind::hidden, config.hidden_activation, config.hidden_aggregation,
                     config, random);
  if (config.initial_connectivity == InitialConnectivity::none) return genome;

  // Inputs (and bias) to the first layer there is, the hidden one if any; the hidden layer
  // (and bias) to the outputs. No direct input-output links beside a hidden layer.
  std::vector<NodeId> sources = layout.inputs;
  sources.insert(sources.end(), layout.bias.begin(), layout.bias.end());
  if (layout.hidden.empty()) {
    connect_all(genome, sources, layout.outputs, config, innovations, random);
    return genome;
  }
  connect_all(genome, sources, layout.hidden, config, innovations, random);
  std::vector<NodeId> hidden_sources = layout.hidden;
  hidden_sources.insert(hidden_sources.end(), layout.bias.begin(), layout.bias.end());
  connect_all(genome, hidden_sources, layout.outputs, config, innovations, random);
  return genome;
}

}  // namespace convneat
