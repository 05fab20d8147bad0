#include "genome/initial_genome.hpp"

#include "genome/spatial/initial_stack.hpp"
#include "genome/node_layout.hpp"

namespace convneat {
namespace {

void add_fixed_nodes(Genome& genome, const std::vector<NodeId>& ids, NodeKind kind, Activation activation,
                     double bias_stdev, RandomStream& random) {
  for (NodeId id : ids) {
    double bias = kind == NodeKind::output ? random.normal(0.0, bias_stdev) : 0.0;
    genome.insert_node({id, kind, activation, bias});
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
  add_fixed_nodes(genome, layout.inputs, NodeKind::input, Activation::identity, 0.0, random);
  add_fixed_nodes(genome, layout.bias, NodeKind::bias, Activation::identity, 0.0, random);
  add_fixed_nodes(genome, layout.outputs, NodeKind::output, config.output_activation, config.bias_init_stdev,
                  random);
  if (config.initial_connectivity == InitialConnectivity::none) return genome;

  std::vector<NodeId> sources = layout.inputs;
  sources.insert(sources.end(), layout.bias.begin(), layout.bias.end());
  const bool partial = config.initial_connectivity == InitialConnectivity::partial;
  for (NodeId out : layout.outputs) {
    for (NodeId in : sources) {
      // The id is drawn even for a link that `partial` leaves out, so that every genome
      // of the population numbers the start structure the same way.
      InnovationId innovation = innovations.initial_connection(in, out);
      if (partial && !random.chance(config.initial_connection_fraction)) continue;
      genome.insert_connection({innovation, in, out, random.normal(0.0, config.weight_init_stdev), true});
    }
  }
  return genome;
}

}  // namespace convneat
