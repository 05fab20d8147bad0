#include "genome/node_layout.hpp"

#include "genome/spatial/initial_stack.hpp"
#include "genome/spatial/geometry.hpp"

namespace convneat {

NodeLayout::NodeLayout(const GenomeConfig& config) {
  NodeId next = 0;
  if (config.spatial.enabled())
    inputs = readout_nodes(initial_stack_structure(config.spatial));  // ids far above the counted ones
  else
    for (std::size_t i = 0; i < config.num_inputs; ++i) inputs.push_back(next++);
  if (config.bias_node) bias.push_back(next++);
  for (std::size_t i = 0; i < config.num_outputs; ++i) outputs.push_back(next++);
  for (std::size_t i = 0; i < config.initial_hidden; ++i) hidden.push_back(next++);
  first_free_node = next;
}

}  // namespace convneat
